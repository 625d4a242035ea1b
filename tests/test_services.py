"""The real services: PostgreSQL under CI, Redis and a Celery worker when REDIS_URL is set."""

import os
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from .conftest import REQUIRE_SERVICES
from .live import celery_worker

ROOT = Path(__file__).resolve().parents[1]


def test_database_is_postgresql_when_required(db):
    if REQUIRE_SERVICES:
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor in {"postgresql", "sqlite"}


@pytest.fixture
def redis_url(redis_client):
    return settings.REDIS_URL


def test_a_real_celery_worker_answers_through_redis(redis_url):
    from plc_platform.celery import app

    env = {**os.environ, "REDIS_URL": redis_url}
    worker = subprocess.Popen(
        celery_worker("ping", "--pool=solo", "--loglevel=warning"),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        app.conf.broker_url = redis_url
        replies = []
        deadline = time.monotonic() + 30
        while not replies and time.monotonic() < deadline:
            replies = app.control.ping(timeout=1.0)
        assert replies, "no Celery worker answered within 30 s"
    finally:
        worker.terminate()
        worker.wait(timeout=10)
