"""The Welsh of the shipped reference data (issue 16): the six levels of learning and three fields
of knowledge of migration 0002, and the default approaches of migration 0003, for every
consortium whose row still has the English it was given.

Frozen here, as written: never read from the live modules. Only empty Welsh is filled, so an
operator's own wording stays; reversing empties the Welsh this migration wrote, and only that.
"""

from django.db import migrations

# slug: (name, description)
LEVELS_OF_LEARNING_CY = {
    "pupil": (
        "Dysgu disgyblion",
        "Ffocws addysgegol clir sy'n cynnwys pob disgybl a phob athro: dulliau sy'n seiliedig ar dystiolaeth "
        "i godi cyrhaeddiad disgyblion.",
    ),
    "adult": (
        "Dysgu oedolion",
        "Athrawon yn dysgu gyda'u disgyblion ac ochr yn ochr â nhw: ymholi gan ymarferwyr, grwpiau astudio, "
        "partneriaethau ymholi, hyfforddi, mentora, arsylwi mewn dosbarthiadau ac ymweliadau ag ysgolion.",
    ),
    "leadership": (
        "Arwain er mwyn dysgu",
        "Arwain er mwyn dysgu a datblygu arweinwyr: creu'r amodau ar gyfer dysgu mewn rhwydwaith.",
    ),
    "school-wide": (
        "Dysgu ar draws yr ysgol",
        "Yr ysgol fel cymuned ddysgu broffesiynol, sy'n gallu arloesi'n barhaus.",
    ),
    "school-to-school": (
        "Dysgu o ysgol i ysgol",
        "Athrawon yn creu ac yn rhannu mwy o wybodaeth drwy gydweithio ar draws ysgolion nag ar eu pen eu hunain.",
    ),
    "network-to-network": (
        "Dysgu o rwydwaith i rwydwaith",
        "Ysgolion mewn rhwydweithiau eraill yn deall, yn dehongli ac yn addasu atebion rhwydwaith.",
    ),
}

FIELDS_OF_KNOWLEDGE_CY = {
    "practitioner": (
        "Gwybodaeth ymarferwyr",
        "Y wybodaeth sydd o fewn y proffesiwn: gwybodaeth grefft athrawon ac arweinwyr, sy'n aml heb ei dweud.",
    ),
    "public": (
        "Gwybodaeth gyhoeddus",
        "Ymchwil, theori ac arfer rhyngwladol sydd ar gael i ysgolion.",
    ),
    "co-constructed": (
        "Gwybodaeth a luniwyd ar y cyd",
        "Yr hyn y mae ymarferwyr yn ei greu drwy astudio arfer gyda'i gilydd: setiau dysgu, ymholi, astudio arloesi.",
    ),
}

# The English of migration 0003's list: its Welsh.
APPROACHES_CY = {
    "Learning visit": "Ymweliad dysgu",
    "Problem-solving team building": "Adeiladu tîm i ddatrys problemau",
    "Collaborative use of data": "Defnyddio data ar y cyd",
    "Shared INSET seminar": "Seminar HMS ar y cyd",
    "Action learning set": "Set dysgu gweithredol",
    "Specialist peer consultancy": "Ymgynghoriaeth arbenigol gan gymheiriaid",
    "Peer observation": "Arsylwi gan gymheiriaid",
    "Coaching and mentoring": "Hyfforddi a mentora",
    "Research lesson": "Gwers ymchwil",
    "Enquiry visit": "Ymweliad ymholi",
    "Jigsaw dialogue": "Deialog jig-so",
    "Oral rehearsal before writing": "Ymarfer ar lafar cyn ysgrifennu",
    "Feedback and marking": "Adborth a marcio",
    "Metacognition and self-regulation": "Metawybyddiaeth a hunanreoleiddio",
    "Reading comprehension strategies": "Strategaethau darllen a deall",
    "Mastery learning": "Dysgu er meistrolaeth",
    "Peer tutoring": "Tiwtora gan gymheiriaid",
    "Pupil voice groups": "Grwpiau llais y disgybl",
    "Parental engagement": "Ymgysylltu â rhieni",
    "Outdoor learning": "Dysgu yn yr awyr agored",
}


def fill_welsh(apps, schema_editor=None):
    """Fill the empty Welsh of the shipped rows (safe to run again, e.g. after a test's flush)."""
    for model_name, terms in (("LevelOfLearning", LEVELS_OF_LEARNING_CY), ("FieldOfKnowledge", FIELDS_OF_KNOWLEDGE_CY)):
        model = apps.get_model("enquiry", model_name)
        for slug, (name, description) in terms.items():
            model.objects.filter(slug=slug, name_cy="").update(name_cy=name)
            model.objects.filter(slug=slug, description_cy="").update(description_cy=description)
    Approach = apps.get_model("enquiry", "Approach")
    for name, name_cy in APPROACHES_CY.items():
        Approach.objects.filter(name=name, name_cy="").update(name_cy=name_cy)


def empty_welsh(apps, schema_editor):
    for model_name, terms in (("LevelOfLearning", LEVELS_OF_LEARNING_CY), ("FieldOfKnowledge", FIELDS_OF_KNOWLEDGE_CY)):
        model = apps.get_model("enquiry", model_name)
        for slug, (name, description) in terms.items():
            model.objects.filter(slug=slug, name_cy=name).update(name_cy="")
            model.objects.filter(slug=slug, description_cy=description).update(description_cy="")
    Approach = apps.get_model("enquiry", "Approach")
    for name, name_cy in APPROACHES_CY.items():
        Approach.objects.filter(name=name, name_cy=name_cy).update(name_cy="")


class Migration(migrations.Migration):
    dependencies = [("enquiry", "0012_reference_data_in_welsh")]

    operations = [migrations.RunPython(fill_welsh, empty_welsh)]
