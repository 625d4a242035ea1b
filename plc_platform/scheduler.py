"""The embedded scheduler: the sweeps of CELERY_BEAT_SCHEDULE without Celery beat.

On the embedded default (no REDIS_URL) nothing else runs the schedule, so `make run` starts
`manage.py run_schedule` beside the server. Each tick it runs, in its own process, every sweep whose
time has come, judged from when that sweep last ran (networks.models.SweepRun, which the sweeps
write themselves, whoever runs them). Production runs Celery beat instead (README, "Scheduled
work"); running both is harmless, since every sweep is safe to run twice.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from celery import current_app
from celery.schedules import BaseSchedule, crontab, schedule
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from networks.models import SweepRun

logger = logging.getLogger(__name__)

# How often the loop looks whether a sweep is due (the shortest sweep runs every minute).
TICK_SECONDS = 15


class EmbeddedScheduler:
    """Runs the beat schedule's tasks in this process, each when it is due.

    `clock` tells the time (timezone.now by default); `tick_seconds` is how long the loop sleeps
    between looks. Interval sweeps run at the first tick when they have never run; a crontab sweep
    (the daily digest) waits for its time.
    """

    def __init__(self, *, clock: Callable[[], datetime] = timezone.now, tick_seconds: float = TICK_SECONDS):
        self.clock = clock
        self.tick_seconds = tick_seconds
        self.stopping = threading.Event()
        self.entries = {
            entry["task"]: _schedule(entry["schedule"], clock) for entry in settings.CELERY_BEAT_SCHEDULE.values()
        }
        # When a crontab sweep that has never run started to be watched: its first run is the next slot.
        self._watching_since: dict[str, datetime] = {}

    def due(self) -> list[str]:
        """The tasks whose time has come, in the schedule's order."""
        last_runs = dict(SweepRun.objects.filter(task__in=self.entries).values_list("task", "started_at"))
        now = self.clock()
        due = []
        for task, when in self.entries.items():
            last = last_runs.get(task)
            if last is None:
                if not isinstance(when, crontab):
                    due.append(task)
                    continue
                last = self._watching_since.setdefault(task, now)
            if when.is_due(last).is_due:
                due.append(task)
        return due

    def tick(self) -> list[str]:
        """Run every due sweep once, here and now; returns the tasks it ran."""
        ran = []
        try:
            for task in self.due():
                try:
                    _task(task).apply(throw=True)
                except Exception:
                    # Recorded on the sweep's row (SweepRun.error); the other sweeps still run.
                    logger.exception("Scheduled task %s failed", task)
                ran.append(task)
        finally:
            close_old_connections()
        return ran

    def run(self) -> None:
        """Tick until stop() is called."""
        logger.info("Embedded scheduler running: %s", ", ".join(self.entries))
        while not self.stopping.is_set():
            try:
                self.tick()
            except Exception:
                # The database is unreachable for a moment, say: look again at the next tick.
                logger.exception("Embedded scheduler tick failed")
            self.stopping.wait(self.tick_seconds)

    def stop(self) -> None:
        self.stopping.set()


def _schedule(value, clock) -> BaseSchedule:
    """A Celery schedule of the beat entry's value (seconds, a timedelta or a crontab) on `clock`."""
    if isinstance(value, int | float):
        value = timedelta(seconds=value)
    if isinstance(value, timedelta):
        return schedule(value, nowfun=clock, app=current_app)
    value = copy.copy(value)
    value.nowfun = clock
    return value


def _task(name: str):
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]
