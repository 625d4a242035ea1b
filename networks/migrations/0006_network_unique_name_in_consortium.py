"""One network of each name in a consortium (case-insensitive).

Before the constraint, any existing duplicates are renamed "<name> (2)", "<name> (3)" so the
migration cannot fail on data created while duplicates were accepted.
"""

import django.db.models.functions.text
from django.db import migrations, models


def rename_duplicates(apps, schema_editor):
    Network = apps.get_model("networks", "Network")
    seen = {}
    for network in Network.objects.order_by("consortium_id", "created_at", "pk"):
        key = (network.consortium_id, network.name.lower())
        if key not in seen:
            seen[key] = 1
            continue
        n = seen[key]
        while True:
            n += 1
            name = f"{network.name[:140]} ({n})"
            if (network.consortium_id, name.lower()) not in seen:
                break
        seen[key] = n
        seen[(network.consortium_id, name.lower())] = 1
        Network.objects.filter(pk=network.pk).update(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0005_self_review_moves_to_reviews"),
    ]

    operations = [
        migrations.RunPython(rename_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="network",
            constraint=models.UniqueConstraint(
                models.F("consortium"),
                django.db.models.functions.text.Lower("name"),
                name="network_unique_name_in_consortium",
                violation_error_message="The consortium already has a network of that name.",
            ),
        ),
    ]
