"""Practice areas in Welsh (issue 16): the Welsh of the default taxonomy (networks.practice_areas),
written on every consortium's copy of a default area whose English name is still the default's.

The names are frozen here, as the defaults stood when this ran; an area a consortium renamed, or
added of its own, keeps showing its English until its staff write the Welsh. Reversing clears
exactly the Welsh this migration wrote (where it is still this wording).
"""

from django.db import migrations

WELSH_NAMES = [
    ("Assessment for learning", "Asesu ar gyfer dysgu"),
    ("Literacy", "Llythrennedd"),
    ("Numeracy", "Rhifedd"),
    ("Pupil voice", "Llais y disgybl"),
    ("Wellbeing", "Lles"),
    ("Use of data", "Defnyddio data"),
    ("Behaviour for learning", "Ymddygiad ar gyfer dysgu"),
    ("Curriculum design", "Cynllunio'r cwricwlwm"),
    ("Additional learning needs", "Anghenion dysgu ychwanegol"),
    ("Early years", "Y blynyddoedd cynnar"),
    ("Transition", "Pontio"),
    ("Thinking skills", "Sgiliau meddwl"),
    ("Leadership development", "Datblygu arweinyddiaeth"),
    ("Coaching and mentoring", "Hyfforddi a mentora"),
    ("Parental engagement", "Ymgysylltu â rhieni"),
]


def write_welsh(apps, schema_editor):
    PracticeArea = apps.get_model("networks", "PracticeArea")
    for english, welsh in WELSH_NAMES:
        PracticeArea.objects.filter(name__iexact=english, name_cy="").update(name_cy=welsh)


def clear_welsh(apps, schema_editor):
    PracticeArea = apps.get_model("networks", "PracticeArea")
    for english, welsh in WELSH_NAMES:
        PracticeArea.objects.filter(name__iexact=english, name_cy=welsh).update(name_cy="")


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0018_practice_area_name_cy"),
    ]

    operations = [
        migrations.RunPython(write_welsh, clear_welsh),
    ]
