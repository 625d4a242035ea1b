"""Retention: records kept only as long as they are useful, then purged by a scheduled task
(`plc_platform.tasks.purge_expired`, daily in beat; `manage.py purge_expired` for cron).

RETENTION_DAYS (default 365) applies to invitations that were accepted, withdrawn or ran out,
sign-in records (django-axes), emails already sent about closed self-review rounds, and outbox
rows already run; DATA_EXPORT_DAYS (default 7) to people's copies of their data. Sessions go as
soon as they expire (Django's own clearsessions).
"""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from networks.models import DataExport, Invitation, OutboxTask
from reviews.models import Notice, RoundStatus


def retention_purge(*, now=None) -> dict[str, int]:
    """Delete what has outlived its period: how many rows of each kind went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.RETENTION_DAYS)
    purged = {}
    with transaction.atomic():
        finished = Q(accepted_at__isnull=False) | Q(revoked_at__isnull=False) | Q(expires_at__lt=now)
        purged["invitations"] = Invitation.objects.filter(finished, updated_at__lt=cutoff).delete()[0]
        purged["sessions"] = Session.objects.filter(expire_date__lt=now).delete()[0]
        purged["sign-in records"] = (
            AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
            + AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
            + AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
        )
        # A notice of an open round stays: it is what stops the sweep sending the email again.
        done = Q(sent_at__isnull=False) | Q(skipped=True)
        settled = Q(round__isnull=True) | Q(round__status=RoundStatus.CLOSED)
        purged["notices"] = Notice.objects.filter(done, settled, due_at__lt=cutoff).delete()[0]
        purged["outbox"] = OutboxTask.objects.filter(done_at__lt=cutoff).delete()[0]
        old_exports = DataExport.objects.filter(created_at__lt=now - timedelta(days=settings.DATA_EXPORT_DAYS))
        files = list(old_exports.exclude(file="").values_list("file", flat=True))
        purged["copies of data"] = old_exports.delete()[0]
        storage = DataExport._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return purged
