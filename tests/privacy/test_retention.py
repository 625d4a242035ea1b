"""Retention: finished records older than RETENTION_DAYS, expired sessions and copies of data
older than DATA_EXPORT_DAYS are purged by the daily task; anything younger, or still in use, stays."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from networks.models import DataExport, Invitation, OutboxTask, SweepRun
from plc_platform.retention import retention_purge
from reviews.models import Notice, ReviewRound, RoundStatus
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def aged(queryset, days, **fields):
    """Move rows back in time (auto_now fields cannot be set through save)."""
    then = timezone.now() - timedelta(days=days)
    queryset.update(**dict.fromkeys(fields, then) or {"created_at": then, "updated_at": then})


def test_old_finished_records_go_and_the_rest_stay(world):
    person = world.people.teacher_a
    old, young = settings.RETENTION_DAYS + 1, settings.RETENTION_DAYS - 1
    accepted_old = InvitationFactory(network=world.network_a, accepted_at=timezone.now())
    accepted_young = InvitationFactory(network=world.network_a, accepted_at=timezone.now())
    pending_old = InvitationFactory(network=world.network_a)  # still usable: stays however old
    aged(Invitation.objects.filter(pk__in=[accepted_old.pk, pending_old.pk]), old)
    aged(Invitation.objects.filter(pk=accepted_young.pk), young)

    for username, days in (("old@example.org", old), ("young@example.org", young)):
        attempt = AccessAttempt.objects.create(username=username, ip_address="127.0.0.1", failures_since_start=1)
        aged(AccessAttempt.objects.filter(pk=attempt.pk), days, attempt_time=True)

    closed = ReviewRound.objects.create(
        network=world.network_a,
        framework_id=_framework_id(),
        opens_on=timezone.localdate() - timedelta(days=old + 30),
        closes_on=timezone.localdate() - timedelta(days=old),
        status=RoundStatus.CLOSED,
    )
    sent_old = Notice.objects.create(
        user=person,
        round=closed,
        network=world.network_a,
        kind="invitation",
        due_at=timezone.now(),
        sent_at=timezone.now(),
    )
    unsent_old = Notice.objects.create(
        user=person, round=closed, network=world.network_a, kind="reminder:7", due_at=timezone.now()
    )
    aged(Notice.objects.filter(pk__in=[sent_old.pk, unsent_old.pk]), old, due_at=True)

    done_old = OutboxTask.objects.create(task="x", done_at=timezone.now() - timedelta(days=old))
    waiting_old = OutboxTask.objects.create(task="x")
    aged(OutboxTask.objects.filter(pk=waiting_old.pk), old)

    expired = SessionStore()
    expired.set_expiry(-10)
    expired.create()
    live = SessionStore()
    live.create()

    copy_old = DataExport.objects.create(user=person, status=DataExport.Status.READY)
    copy_new = DataExport.objects.create(user=person, status=DataExport.Status.READY)
    aged(DataExport.objects.filter(pk=copy_old.pk), settings.DATA_EXPORT_DAYS + 1)

    purged = retention_purge()

    assert purged == {
        "invitations": 1,
        "sessions": 1,
        "sign-in records": 1,
        "notices": 1,
        "outbox": 1,
        "copies of data": 1,
    }
    assert set(Invitation.objects.values_list("pk", flat=True)) >= {accepted_young.pk, pending_old.pk}
    assert not Invitation.objects.filter(pk=accepted_old.pk).exists()
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["young@example.org"]
    assert list(Notice.objects.filter(round=closed).values_list("pk", flat=True)) == [unsent_old.pk]
    assert list(OutboxTask.objects.values_list("pk", flat=True)) == [waiting_old.pk]
    assert not OutboxTask.objects.filter(pk=done_old.pk).exists()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert list(DataExport.objects.values_list("pk", flat=True)) == [copy_new.pk]


def test_the_period_is_a_setting(world, settings):
    invitation = InvitationFactory(network=world.network_a, revoked_at=timezone.now())
    aged(Invitation.objects.filter(pk=invitation.pk), 40)
    assert retention_purge()["invitations"] == 0
    settings.RETENTION_DAYS = 30
    assert retention_purge()["invitations"] == 1


def test_the_command_purges_and_records_its_run(world):
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert "purged" in out.getvalue()
    assert SweepRun.objects.get(task="plc_platform.tasks.purge_expired").succeeded


def test_the_purge_is_scheduled_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["purge-expired"]
    assert entry["task"] == "plc_platform.tasks.purge_expired"


def _framework_id():
    from reviews.models import Framework

    return Framework.objects.values_list("pk", flat=True).first()
