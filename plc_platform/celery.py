"""Celery application. With no REDIS_URL, settings make tasks run in-process (eagerly)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plc_platform.settings")

app = Celery("plc_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
