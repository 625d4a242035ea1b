"""What the benchmarks share: their command lines, the database they run on, and the timing of a
page's openings."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def psql(sql: str, host: str) -> None:
    subprocess.run(["psql", "-h", host, "-U", "postgres", "-q", "-c", sql], check=True)


def scale_arguments(doc: str, runs: int) -> argparse.ArgumentParser:
    """The command line of a benchmark on a database bench/scale.py made: the database's name, its
    server, and how many openings to time. The script adds its own options."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--host", default="127.0.0.1")
    return parser


def own_database_arguments(doc: str, database: str) -> argparse.ArgumentParser:
    """The command line of a benchmark that builds a database of its own (see `database_new` and
    `database_drop`): its name and server, --keep it afterwards, --reuse one a --keep left."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default=database)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument("--reuse", action="store_true", help="Use the database as a previous --keep left it.")
    return parser


def database_new(args: argparse.Namespace) -> None:
    """An empty database for the benchmark, unless --reuse measures a kept one."""
    if not args.reuse:
        psql(f"DROP DATABASE IF EXISTS {args.database}", args.host)
        psql(f"CREATE DATABASE {args.database}", args.host)


def database_drop(args: argparse.Namespace) -> None:
    """Closes Django's connections, then drops the benchmark's database unless --keep."""
    from django.db import connections

    connections.close_all()
    if not args.keep:
        psql(f"DROP DATABASE IF EXISTS {args.database}", args.host)


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
    import plc_platform.wsgi  # noqa: F401  (the process as gunicorn's workers run it)


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
