"""Reference data for activities, with the source of each piece named.

The default rates are loaded for every new consortium by the post_save signal in
activities/signals.py; editable in the platform afterwards. The data migrations hold their own
frozen copies (activity types and innovation-cycle phases in 0002, default rates in 0003). Nothing
else here is read at run time except the jigsaw questions of seed 000 and the default fishbone
categories, which are prompts, not figures.

Cost rules (an activity type's ``cost_rules``, those of the seed types in migration 0002) say which
lines an activity's template proposes (activities/costs.py reads them):
- ``per``: ``participant_day`` (one line per participant in ``roles``, quantity = the activity's
  days, borne by the participant's school), ``school`` (one line per school of the participants in
  ``roles`` other than the host, quantity = miles there and back), ``day`` (one line, quantity =
  the activity's days), ``person`` (one line, quantity = number of participants);
- ``bearer``: ``participant`` (their school), ``host`` (the host school) or ``network`` (no school).
(activities.costs.CostRulePer and CostBearer name these values.)
"""

from decimal import Decimal

# Default rates for every consortium, from the day it is created (activities/services.py,
# consortium_seed_rates); a consortium adds its own rate from the day a figure changes ("supply
# cover 173 GBP a day from 1 September"). The note is what consortium staff read on the Rates page.
# Where each figure comes from (docs, not pages): supply cover 173.00 and consultancy 450.00 are
# seed 004's (RAISE Year 4 Project Leaders Briefing Paper); travel 0.45 per mile is the HMRC
# approved mileage allowance for cars, first 10,000 miles (seed 004 says to include travel but
# gives no figure); seed 004 names subsistence, hosting ("the host school should be resourced for
# hosting the visit") and refreshments ("some refreshments may need to be organised") without a
# figure, so they are 0.00 until the consortium sets its own.
DEFAULT_RATES = [
    ("supply_cover", "per teacher-day", Decimal("173.00"), "The platform's default: teacher supply at £173 a day."),
    (
        "consultancy",
        "per consultant-day",
        Decimal("450.00"),
        "The platform's default: a full consultancy fee at £450 a day.",
    ),
    (
        "travel",
        "per mile",
        Decimal("0.45"),
        "The platform's default: the HMRC approved mileage allowance for cars (first 10,000 miles).",
    ),
    ("subsistence", "per person-day", Decimal("0.00"), "No figure yet: 0.00 until the consortium sets its rate."),
    ("hosting", "per day", Decimal("0.00"), "No figure yet: 0.00 until the consortium sets its rate."),
    ("refreshments", "per person", Decimal("0.00"), "No figure yet: 0.00 until the consortium sets its rate."),
]

# Seed 000's questions, printed on the jigsaw sheets.
EXPERT_GROUP_QUESTIONS = [
    "What have you learnt about learning communities from this piece? Why are they seen to be important and "
    "necessary? What do the writers say are key features of the learning communities they describe?",
    "How does this relate to what you know about professional learning communities within schools?",
    "What are the key messages you want to share with your home group?",
]
HOME_GROUP_QUESTIONS = [
    "What might be the benefits of developing broader learning communities?",
    "How can you plan for and broaden your current learning communities?",
    "What is likely to facilitate the development of effective broader learning communities? How can you make "
    "the most of facilitating factors?",
    "What appear to be the greatest challenges to developing broader learning communities? How might you resolve "
    "these within your context? (You may want to use a force field analysis to help you with this.)",
    "How will you monitor, evaluate and note the impact?",
    "What are the next steps you need to take?",
]

# Prompts for a fishbone in a school: the platform's own, editable on each record.
FISHBONE_CATEGORIES = [
    "Pupils",
    "Teaching and learning",
    "Curriculum and resources",
    "Staff and leadership",
    "Systems and data",
    "Parents and community",
]
