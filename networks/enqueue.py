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
from django.db import transaction
from django.utils import timezone

from .models import OutboxTask

logger = logging.getLogger(__name__)
# A row younger than this is left to the broker's delivery; older, the sweep runs it itself.
SWEEP_AFTER = timedelta(minutes=2)


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
    """Run one outbox row if nobody has: True when this call ran it."""
    with transaction.atomic():
        row = OutboxTask.objects.select_for_update(skip_locked=True).pending().filter(pk=outbox_id).first()
        if row is None:
            return False
        _task(row.task)(*row.args)
        row.done_at = timezone.now()
        row.save(update_fields=["done_at", "updated_at"])
    return True


def _task(name: str):
    """The registered task of that name; apps' task modules are imported on first need."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def outbox_sweep(*, now=None) -> int:
    """Run every row the broker has not run within SWEEP_AFTER: how many this sweep ran."""
    cutoff = (now or timezone.now()) - SWEEP_AFTER
    ids = list(OutboxTask.objects.pending().filter(created_at__lte=cutoff).values_list("pk", flat=True)[:1000])
    return sum(outbox_run(outbox_id=pk) for pk in ids)
