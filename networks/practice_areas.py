"""The practice-area taxonomy every new consortium starts with (DESIGN.md section 2).

Drawn from the areas the seed texts name: assessment for learning, literacy and numeracy, pupil
voice, wellbeing, use of data (seeds 001-004). Each consortium edits its own copy afterwards.
"""

DEFAULT_PRACTICE_AREAS = [
    "Assessment for learning",
    "Literacy",
    "Numeracy",
    "Pupil voice",
    "Wellbeing",
    "Use of data",
    "Behaviour for learning",
    "Curriculum design",
    "Additional learning needs",
    "Early years",
    "Transition",
    "Thinking skills",
    "Leadership development",
    "Coaching and mentoring",
    "Parental engagement",
]
