"""Reference data: the two self-review frameworks, their features and questions (sources named).

The data lives in networks/frameworks_data.py. Reversing deletes exactly these two frameworks by
slug (their features and questions go with them).
"""

from django.db import migrations

from networks.frameworks_data import FRAMEWORKS

SLUGS = ["seven-key-features", "eight-characteristics"]


def load_frameworks(apps, schema_editor):
    Framework = apps.get_model("networks", "Framework")
    Feature = apps.get_model("networks", "Feature")
    Question = apps.get_model("networks", "Question")
    for data in FRAMEWORKS:
        assert data["slug"] in SLUGS, data["slug"]
        framework, _ = Framework.objects.update_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "description": data["description"], "source": data["source"]},
        )
        for position, feature_data in enumerate(data["features"], start=1):
            feature, _ = Feature.objects.update_or_create(
                framework=framework,
                slug=feature_data["slug"],
                defaults={
                    "position": position,
                    "name": feature_data["name"],
                    "description": feature_data["description"],
                },
            )
            for question_position, text in enumerate(feature_data["questions"], start=1):
                Question.objects.update_or_create(feature=feature, position=question_position, defaults={"text": text})


def unload_frameworks(apps, schema_editor):
    Framework = apps.get_model("networks", "Framework")
    Framework.objects.filter(slug__in=SLUGS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0002_self_review"),
    ]

    operations = [
        migrations.RunPython(load_frameworks, unload_frameworks),
    ]
