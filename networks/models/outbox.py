"""Tasks a request committed to, kept until a worker has run each once (the outbox pattern)."""

from django.db import models
from django.db.models import Q

from .places import TimeStamped


class OutboxTaskQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(done_at__isnull=True, given_up_at__isnull=True)

    def due(self, now):
        """Pending rows whose next try has come (a failed one waits out its backoff)."""
        return self.pending().filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


class OutboxTask(TimeStamped):
    """One Celery task to run, written in the same transaction as the rows it serves.

    The broker is told after the commit; if it cannot be reached the row waits, and the outbox
    sweep runs it later. A worker marks the row done in the transaction that runs the task, so a
    redelivered or swept task never runs twice.
    """

    task = models.CharField(max_length=200, help_text="The Celery task's name.")
    args = models.JSONField(default=list, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Failed runs so far.")
    next_attempt_at = models.DateTimeField(null=True, blank=True, help_text="After a failure: when it is tried again.")
    given_up_at = models.DateTimeField(
        null=True, blank=True, help_text="Set after OUTBOX_MAX_ATTEMPTS failures: it is not tried again."
    )
    last_error = models.TextField(blank=True)

    objects = OutboxTaskQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(done_at__isnull=True), name="outbox_pending_idx"),
        ]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"
