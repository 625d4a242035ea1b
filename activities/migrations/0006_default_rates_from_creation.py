"""Default rates: notes in plain words, and from the consortium's creation instead of 1 January 2000.

1. The notes 0003 wrote named the seed texts ("Seed 004: ..."), which the Rates page shows. A default
   rate whose note is still 0003's gets the note new consortia get; a note the consortium changed
   is left alone.
2. A default rate applying from 1 January 2000 moves to the day its consortium was created, but
   only where nothing changes for any activity: no activity of the consortium starts before that
   day (it would lose the rate), no other rate of the category applies from between 2000 and that
   day (the default would override it afterwards), and none applies from that very day. Otherwise
   the row stays as it is.

Both lists are frozen here, as this migration ships them. Reversing puts back 0003's notes and
dates on the rows this migration changed (by their new note and creation date).
"""

from datetime import date, datetime, time

from django.db import migrations
from django.utils import timezone

OLD_FROM = date(2000, 1, 1)
NOTES = {
    "supply_cover": (
        "Seed 004: teacher supply at £173 per day.",
        "The platform's default: teacher supply at £173 a day.",
    ),
    "consultancy": (
        "Seed 004: a full consultancy fee at £450 per day.",
        "The platform's default: a full consultancy fee at £450 a day.",
    ),
    "travel": (
        "Platform default, not from the seeds: HMRC approved mileage allowance for cars (first 10,000 miles). "
        "Seed 004 says to include travel but gives no figure.",
        "The platform's default: the HMRC approved mileage allowance for cars (first 10,000 miles).",
    ),
    "subsistence": (
        "Seed 004 says to include subsistence but gives no figure: 0.00 until the consortium sets its rate.",
        "No figure yet: 0.00 until the consortium sets its rate.",
    ),
    "hosting": (
        "Seed 004: 'the host school should be resourced for hosting the visit', no figure given: 0.00 until "
        "the consortium sets its rate.",
        "No figure yet: 0.00 until the consortium sets its rate.",
    ),
    "refreshments": (
        "Seed 004: 'some refreshments may need to be organised', no figure given: 0.00 until the consortium "
        "sets its rate.",
        "No figure yet: 0.00 until the consortium sets its rate.",
    ),
}


def founded_on(consortium):
    return timezone.localtime(consortium.created_at).date()


def start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def forwards(apps, schema_editor):
    Rate = apps.get_model("activities", "Rate")
    Activity = apps.get_model("activities", "Activity")
    for category, (old, new) in NOTES.items():
        Rate.objects.filter(category=category, source=old).update(source=new)
    defaults = Rate.objects.filter(category__in=NOTES, applies_from=OLD_FROM).select_related("consortium")
    for rate in defaults:
        day = founded_on(rate.consortium)
        if day <= OLD_FROM:
            continue
        others = Rate.objects.filter(
            consortium_id=rate.consortium_id, category=rate.category, applies_from__gt=OLD_FROM, applies_from__lte=day
        )
        earlier = Activity.objects.filter(network__consortium_id=rate.consortium_id, starts_at__lt=start_of(day))
        if others.exists() or earlier.exists():
            continue
        rate.applies_from = day
        rate.save(update_fields=["applies_from"])


def backwards(apps, schema_editor):
    Rate = apps.get_model("activities", "Rate")
    for rate in Rate.objects.filter(category__in=NOTES).select_related("consortium"):
        old, new = NOTES[rate.category]
        if rate.source != new:
            continue
        if rate.applies_from == founded_on(rate.consortium):
            rate.applies_from = OLD_FROM
        rate.source = old
        rate.save(update_fields=["applies_from", "source"])


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0005_network_budget"),
        ("networks", "0013_consortium_created_at_given"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
