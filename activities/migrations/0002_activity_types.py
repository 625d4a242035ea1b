"""Reference data: the activity types of seeds 004, 001 and 000, and the innovation-cycle phases.

The data lives in activities/reference_data.py, each type with its source named. Editable
afterwards (admin). Reversing deletes exactly these types and phases by slug.
"""

from django.db import migrations

from activities.reference_data import ACTIVITY_TYPES, INNOVATION_PHASES, INNOVATION_PHASES_SOURCE


def load(apps, schema_editor):
    ActivityType = apps.get_model("activities", "ActivityType")
    ActivityTypeStep = apps.get_model("activities", "ActivityTypeStep")
    InnovationPhase = apps.get_model("activities", "InnovationPhase")
    for position, data in enumerate(ACTIVITY_TYPES, start=1):
        activity_type, _ = ActivityType.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "what": data["what"],
                "when_to_use": data["when"],
                "resources": data["resources"],
                "roles": data["roles"],
                "typical_level": data["level"],
                "typical_kind": data["kind"],
                "typical_duration": data["duration"],
                "typical_days": data["days"],
                "cost_rules": data["cost_rules"],
                "source": data["source"],
                "position": position,
            },
        )
        for step_position, text in enumerate(data["steps"], start=1):
            ActivityTypeStep.objects.update_or_create(
                activity_type=activity_type, position=step_position, defaults={"text": text}
            )
    for position, (slug, name, description) in enumerate(INNOVATION_PHASES, start=1):
        InnovationPhase.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "position": position, "description": description, "source": INNOVATION_PHASES_SOURCE},
        )


def unload(apps, schema_editor):
    apps.get_model("activities", "ActivityType").objects.filter(slug__in=[t["slug"] for t in ACTIVITY_TYPES]).delete()
    apps.get_model("activities", "InnovationPhase").objects.filter(slug__in=[p[0] for p in INNOVATION_PHASES]).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
