"""The outbox: a task committed with its rows runs once, however often it is delivered or swept."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from networks import services
from networks.enqueue import outbox_run, outbox_sweep
from networks.models import OutboxTask, Role


def invite(world):
    return services.invitation_create(
        email="someone@example.org", role=Role.NETWORK_MEMBER, place=world.network_a, invited_by=world.people.leader_a
    )


def test_a_redelivered_task_runs_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(world)
    row = OutboxTask.objects.get()
    assert row.done_at is not None
    assert len(mail.outbox) == 1
    assert outbox_run(outbox_id=row.pk) is False
    assert outbox_sweep(now=timezone.now() + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1


def test_a_task_that_was_never_delivered_is_swept_later_once(world):
    invite(world)  # no commit hook runs here: as if the broker had been down
    row = OutboxTask.objects.get()
    assert outbox_sweep() == 0  # too young: the broker may still deliver it
    assert outbox_sweep(now=timezone.now() + timedelta(minutes=3)) == 1
    assert outbox_sweep(now=timezone.now() + timedelta(minutes=3)) == 0
    row.refresh_from_db()
    assert row.done_at is not None
    assert len(mail.outbox) == 1


def test_a_rolled_back_request_leaves_no_task(world):
    def request_that_fails_after_inviting():
        with transaction.atomic():
            invite(world)
            raise RuntimeError("the request failed after inviting")

    with pytest.raises(RuntimeError, match="failed after inviting"):
        request_that_fails_after_inviting()
    assert not OutboxTask.objects.exists()
