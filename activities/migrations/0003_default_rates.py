"""Reference data: every existing consortium's default rates, applying from 1 January 2000 (any date).

Supply cover 173.00 per teacher-day and consultancy 450.00 per consultant-day come from seed 004.
Travel 0.45 per mile is the HMRC approved mileage allowance (a platform default: the seed names
travel without a figure); subsistence, hosting and refreshments are 0.00 until the consortium sets
its own (the seed names them without figures). Each rate's `source` says which. New consortia get
the default rates from the post_save signal in activities/signals.py. Reversing deletes exactly
these default rows. The rows are frozen here as this migration shipped them (0006 rewords the notes
and moves the rows to each consortium's creation date where no activity needs them earlier).
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

RATE_DEFAULTS_FROM = "2000-01-01"
DEFAULT_RATES = [
    ("supply_cover", "per teacher-day", Decimal("173.00"), "Seed 004: teacher supply at £173 per day."),
    ("consultancy", "per consultant-day", Decimal("450.00"), "Seed 004: a full consultancy fee at £450 per day."),
    (
        "travel",
        "per mile",
        Decimal("0.45"),
        "Platform default, not from the seeds: HMRC approved mileage allowance for cars (first 10,000 miles). "
        "Seed 004 says to include travel but gives no figure.",
    ),
    (
        "subsistence",
        "per person-day",
        Decimal("0.00"),
        "Seed 004 says to include subsistence but gives no figure: 0.00 until the consortium sets its rate.",
    ),
    (
        "hosting",
        "per day",
        Decimal("0.00"),
        "Seed 004: 'the host school should be resourced for hosting the visit', no figure given: 0.00 until "
        "the consortium sets its rate.",
    ),
    (
        "refreshments",
        "per person",
        Decimal("0.00"),
        "Seed 004: 'some refreshments may need to be organised', no figure given: 0.00 until the consortium "
        "sets its rate.",
    ),
]


def load(apps, schema_editor):
    Consortium = apps.get_model("networks", "Consortium")
    Rate = apps.get_model("activities", "Rate")
    applies_from = date.fromisoformat(RATE_DEFAULTS_FROM)
    for consortium in Consortium.objects.all():
        for category, unit_label, amount, source in DEFAULT_RATES:
            Rate.objects.get_or_create(
                consortium=consortium,
                category=category,
                applies_from=applies_from,
                defaults={"unit_label": unit_label, "amount": amount, "source": source},
            )


def unload(apps, schema_editor):
    Rate = apps.get_model("activities", "Rate")
    applies_from = date.fromisoformat(RATE_DEFAULTS_FROM)
    for category, unit_label, amount, source in DEFAULT_RATES:
        Rate.objects.filter(
            category=category, applies_from=applies_from, unit_label=unit_label, amount=amount, source=source
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0002_activity_types")]

    operations = [migrations.RunPython(load, unload)]
