"""A task of the outbox that fails is tried again with a doubling backoff, then given up after
OUTBOX_MAX_ATTEMPTS failures and left for the operator, with its error, in the admin."""

from datetime import timedelta

import pytest
from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from networks.enqueue import RETRY_AFTER, outbox_run, outbox_sweep
from networks.models import OutboxTask

pytestmark = pytest.mark.django_db
RUNS = []


@shared_task(name="tests.networks.refused_send")
def refused_send(address):
    RUNS.append(address)
    raise ConnectionRefusedError(f"the mail server refused {address}")


def test_a_failing_task_backs_off_then_is_given_up(settings, client, world):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    RUNS.clear()
    row = OutboxTask.objects.create(task=refused_send.name, args=["nobody@example.org"])
    OutboxTask.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(hours=1))

    assert outbox_run(outbox_id=row.pk) is False
    row.refresh_from_db()
    assert (row.attempts, row.done_at, row.given_up_at) == (1, None, None)
    assert "ConnectionRefusedError: the mail server refused" in row.last_error
    first_wait = row.next_attempt_at - timezone.now()
    assert RETRY_AFTER - timedelta(seconds=5) < first_wait <= RETRY_AFTER

    # Not tried again before its time; tried again once it comes, waiting twice as long after.
    assert outbox_sweep() == 0
    assert len(RUNS) == 1
    outbox_sweep(now=row.next_attempt_at + timedelta(seconds=1))
    row.refresh_from_db()
    assert row.attempts == 2
    assert len(RUNS) == 2
    assert row.next_attempt_at - timezone.now() > RETRY_AFTER * 2 - timedelta(seconds=5)

    outbox_sweep(now=row.next_attempt_at + timedelta(seconds=1))
    row.refresh_from_db()
    assert row.attempts == 3
    assert row.given_up_at is not None
    assert len(RUNS) == 3
    # Given up: no sweep runs it again.
    outbox_sweep(now=timezone.now() + timedelta(days=30))
    assert len(RUNS) == 3

    client.force_login(world.people.superuser)
    page = client.get(reverse("admin:networks_outboxtask_changelist"), {"given_up_at__isnull": "False"})
    assert page.status_code == 200
    assert refused_send.name in page.content.decode()


def test_the_failed_run_leaves_nothing_half_done(settings, world):
    """The failing run's own writes roll back; only the count and error are kept."""
    row = OutboxTask.objects.create(task=refused_send.name, args=["x@example.org"])
    with transaction.atomic():
        outbox_run(outbox_id=row.pk)
    row.refresh_from_db()
    assert row.attempts == 1
    assert row.done_at is None
