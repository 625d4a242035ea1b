"""When each scheduled sweep last ran, whoever ran it (Celery beat, the embedded scheduler, cron)."""

from django.db import models

from .places import TimeStamped


class SweepRun(TimeStamped):
    """The latest run of one scheduled task, kept by the task itself so the operator's admin shows it
    however the sweeps are scheduled. One row per task: each run overwrites the last."""

    task = models.CharField(max_length=200, unique=True, help_text="The Celery task's name.")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True, help_text="Empty while it runs, or if it stopped.")
    succeeded = models.BooleanField(default=False)
    error = models.TextField(blank=True, help_text="What went wrong on the latest run, if anything.")

    class Meta:
        ordering = ["task"]

    def __str__(self):
        return self.task
