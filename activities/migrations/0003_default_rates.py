"""Reference data: every existing consortium's default rates, applying from 1 January 2000 (any date).

Supply cover 173.00 per teacher-day and consultancy 450.00 per consultant-day come from seed 004.
Travel 0.45 per mile is the HMRC approved mileage allowance (a platform default: the seed names
travel without a figure); subsistence, hosting and refreshments are 0.00 until the consortium sets
its own (the seed names them without figures). Each rate's `source` says which. New consortia get
the same rates from the post_save signal in activities/signals.py. Reversing deletes exactly
these default rows.
"""

from datetime import date

from django.db import migrations

from activities.reference_data import DEFAULT_RATES, RATE_DEFAULTS_FROM


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
