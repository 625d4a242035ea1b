"""The six levels of learning and the three fields of knowledge of seed 003."""

from django.db import migrations

from enquiry.reference_data import FIELDS_OF_KNOWLEDGE, LEVELS_OF_LEARNING, load_terms


def add_terms(apps, schema_editor):
    load_terms(apps)


def remove_terms(apps, schema_editor):
    apps.get_model("enquiry", "LevelOfLearning").objects.filter(slug__in=[t[0] for t in LEVELS_OF_LEARNING]).delete()
    apps.get_model("enquiry", "FieldOfKnowledge").objects.filter(slug__in=[t[0] for t in FIELDS_OF_KNOWLEDGE]).delete()


class Migration(migrations.Migration):
    dependencies = [("enquiry", "0001_initial")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
