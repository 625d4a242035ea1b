"""A person's copy of their data (UK GDPR articles 15 and 20), built in the background."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .places import TimeStamped


class DataExportQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user)


class DataExport(TimeStamped):
    """One "Download my data" request: a ZIP built by a task, kept for a few days, then purged.

    While it is built, the task reports its progress through the cache (its own transaction is
    not committed until the ZIP is done); the row says only whether the ZIP is ready.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be built")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    file = models.FileField(upload_to="exports/", blank=True)
    size = models.PositiveBigIntegerField(default=0, help_text="The ZIP's size in bytes.")
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = DataExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="data_export_user_idx")]

    def __str__(self):
        return f"Data of user {self.user_id}, {self.created_at:%Y-%m-%d %H:%M}"
