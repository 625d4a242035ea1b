"""Hand a task to the broker once the transaction commits, without ever failing the request, and
without losing it (the outbox pattern, networks.models.OutboxTask).

The task is first written as a row in the request's own transaction. After the commit the broker
is told to run it; if the broker is down (Redis stopped, a network fault) the failure is logged
and the row waits for the outbox sweep (`outbox_sweep`, run by beat every minute and by
`manage.py send_outbox`). Whoever runs a row claims it with SKIP LOCKED and marks it done in the
transaction that runs the task, so it runs once however many times it is delivered.
"""

import logging
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OutboxTask

logger = logging.getLogger(__name__)
# A row younger than this is left to the broker's delivery; older, the sweep runs it itself.
SWEEP_AFTER = timedelta(minutes=2)
# A failed row is tried again after 5 minutes, then 10, 20, ... until OUTBOX_MAX_ATTEMPTS.
RETRY_AFTER = timedelta(minutes=5)


def enqueue_on_commit(task, *args) -> OutboxTask:
    """Keep `task(*args)` in the outbox and queue it after the current transaction commits."""
    row = OutboxTask.objects.create(task=task.name, args=list(args))
    transaction.on_commit(lambda: _deliver(row.pk))
    return row


def _deliver(outbox_id: int) -> None:
    from .tasks import run_outbox_task

    try:
        run_outbox_task.apply_async(args=[outbox_id], retry=False)
    except Exception:
        logger.exception("Could not queue outbox task %s: it waits for the outbox sweep", outbox_id)


def outbox_run(*, outbox_id: int) -> bool:
    """Run one outbox row if nobody has: True when this call ran it.

    A run that fails (a mail server refusing, a bad address) rolls back, is counted, and is tried
    again after a backoff that doubles each time; after OUTBOX_MAX_ATTEMPTS failures the row is
    given up, and the operator sees it with its error in the admin.
    """
    try:
        with transaction.atomic():
            row = OutboxTask.objects.select_for_update(skip_locked=True).pending().filter(pk=outbox_id).first()
            if row is None:
                return False
            _task(row.task)(*row.args)
            row.done_at = timezone.now()
            row.save(update_fields=["done_at", "updated_at"])
    except Exception as error:
        logger.exception("Outbox task %s failed", outbox_id)
        _record_failure(outbox_id, error)
        return False
    return True


def _record_failure(outbox_id: int, error: Exception) -> None:
    with transaction.atomic():
        row = OutboxTask.objects.select_for_update(skip_locked=True).pending().filter(pk=outbox_id).first()
        if row is None:
            return
        now = timezone.now()
        row.attempts += 1
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            row.given_up_at = now
        else:
            row.next_attempt_at = now + RETRY_AFTER * 2 ** (row.attempts - 1)
        row.save(update_fields=["attempts", "last_error", "given_up_at", "next_attempt_at", "updated_at"])


def _task(name: str):
    """The registered task of that name; apps' task modules are imported on first need."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def outbox_sweep(*, now=None) -> int:
    """Run every row the broker has not run within SWEEP_AFTER: how many this sweep ran."""
    cutoff = (now or timezone.now()) - SWEEP_AFTER
    ids = list(
        OutboxTask.objects.due(now or timezone.now()).filter(created_at__lte=cutoff).values_list("pk", flat=True)[:1000]
    )
    return sum(outbox_run(outbox_id=pk) for pk in ids)
