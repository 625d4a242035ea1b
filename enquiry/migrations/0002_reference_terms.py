"""The six levels of learning and the three fields of knowledge, in the words of seed 003 (NCSL,
"Networked Learning Communities: learning from, with and on behalf of each other").

The terms are frozen here, as they were shipped; operators may reword them in the admin site
afterwards. Tests reload them with `add_terms` after a transactional test's flush.
"""

from django.db import migrations

SOURCE = "NCSL, Networked Learning Communities: learning from, with and on behalf of each other (seed 003)"

LEVELS_OF_LEARNING = [
    (
        "pupil",
        "Pupil learning",
        "A clear pedagogic focus that embraces all pupils and all teachers: evidence-informed approaches "
        "to raising pupils' achievement.",
    ),
    (
        "adult",
        "Adult learning",
        "Teachers learning with and alongside their pupils: practitioner enquiry, study groups, enquiry "
        "partnerships, coaching, mentoring, classroom observation and school visits.",
    ),
    (
        "leadership",
        "Leadership for learning",
        "Leadership for learning and leadership development: creating the conditions for networked learning.",
    ),
    (
        "school-wide",
        "School-wide learning",
        "The school as a professional learning community, with a capacity for continuous innovation.",
    ),
    (
        "school-to-school",
        "School-to-school learning",
        "Teachers generating and sharing more knowledge by working together across schools than in isolation.",
    ),
    (
        "network-to-network",
        "Network-to-network learning",
        "Schools in other networks understanding, interpreting and transposing a network's solutions.",
    ),
]

FIELDS_OF_KNOWLEDGE = [
    (
        "practitioner",
        "Practitioner knowledge",
        "The knowledge housed within the profession: the often tacit craft knowledge of teachers and leaders.",
    ),
    (
        "public",
        "Public knowledge",
        "Research, theory and international practice available to schools.",
    ),
    (
        "co-constructed",
        "Co-constructed knowledge",
        "What practitioners generate by studying practice together: learning sets, enquiry, the study of innovation.",
    ),
]


def load_terms(apps) -> None:
    """Create or update the terms (migration 0002; safe to run again, e.g. after a test's flush)."""
    for model_name, terms in (("LevelOfLearning", LEVELS_OF_LEARNING), ("FieldOfKnowledge", FIELDS_OF_KNOWLEDGE)):
        model = apps.get_model("enquiry", model_name)
        for position, (slug, name, description) in enumerate(terms, start=1):
            model.objects.update_or_create(
                slug=slug, defaults={"name": name, "position": position, "description": description, "source": SOURCE}
            )


def add_terms(apps, schema_editor):
    load_terms(apps)


def remove_terms(apps, schema_editor):
    apps.get_model("enquiry", "LevelOfLearning").objects.filter(slug__in=[t[0] for t in LEVELS_OF_LEARNING]).delete()
    apps.get_model("enquiry", "FieldOfKnowledge").objects.filter(slug__in=[t[0] for t in FIELDS_OF_KNOWLEDGE]).delete()


class Migration(migrations.Migration):
    dependencies = [("enquiry", "0001_initial")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
