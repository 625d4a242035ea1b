"""What the benchmarks share: the database they run on, and the timing of a page's openings."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def psql(sql: str, host: str) -> None:
    subprocess.run(["psql", "-h", host, "-U", "postgres", "-q", "-c", sql], check=True)


def setup_django(database: str, host: str, **environ: str) -> None:
    """Points Django at `database` on the PostgreSQL server at `host` (user postgres, trust auth),
    with any further environment variables given, and sets it up."""
    os.environ["DATABASE_URL"] = f"postgres://postgres@{host}:5432/{database}"
    os.environ.update(environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plc_platform.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")  # the test client's names
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def cpu_and_waiting() -> tuple[float, float]:
    """Seconds this process's threads have run on a core and waited for one in the run queue, from
    Linux's schedstat: on a machine shared by other work, a wall time is mostly the second."""
    ran = waited = 0
    for stat in Path("/proc/self/task").glob("*/schedstat"):
        on_cpu, in_queue, _ = stat.read_text().split()
        ran, waited = ran + int(on_cpu), waited + int(in_queue)
    return ran / 1e9, waited / 1e9


def p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]


def time_openings(user, url: str, runs: int):
    """Signs `user` in through the test client, opens `url` once to warm the caches, then `runs`
    times more: returns the wall times (ms, sorted) and the queries of the last opening."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    assert client.get(url).status_code == 200
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return sorted(timings), captured


def print_timings(timings: list[float], captured) -> None:
    print(f"  median {statistics.median(timings):.0f} ms, p95 {p95(timings):.0f} ms, slowest {timings[-1]:.0f} ms")
    print(f"  {len(captured)} queries an opening")
