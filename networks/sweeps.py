"""Record each scheduled sweep's runs (networks.models.SweepRun), for the operator's admin."""

import traceback
from contextlib import contextmanager

from django.utils import timezone

from .models import SweepRun


@contextmanager
def sweep_recorded(task: str):
    """Mark `task` started, then finished (or failed, with the error) when the block ends.

    Each mark is its own small write outside the sweep's transactions, so the admin shows a sweep
    that is running or that died, not only the ones that finished.
    """
    SweepRun.objects.update_or_create(
        task=task, defaults={"started_at": timezone.now(), "finished_at": None, "succeeded": False, "error": ""}
    )
    try:
        yield
    except Exception:
        SweepRun.objects.filter(task=task).update(
            finished_at=timezone.now(), error=traceback.format_exc(limit=5)[-4000:], updated_at=timezone.now()
        )
        raise
    SweepRun.objects.filter(task=task).update(finished_at=timezone.now(), succeeded=True, updated_at=timezone.now())
