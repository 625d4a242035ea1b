"""Benchmark of the network dashboard (the network page), on a database bench/scale.py made. Run on
demand, never in the suite:

    .venv/bin/python bench/scale.py plc_national                   # once: the national data set
    .venv/bin/python bench/bench_dashboard.py plc_national [--runs 50] [--host 127.0.0.1]

Signs in as leader@bench.example (the leader of the consortium's first network) through the test
client, opens the dashboard once to warm the caches, then times `--runs` more openings in this one
process and prints the median, the 95th percentile, the slowest and the queries per opening.
Issue 14's budget is 150 ms at p95 with 32 concurrent users on 2 cores; this script measures one
user at a time (the server's own time per page), which bounds it from below.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--email", default="leader@bench.example")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"postgres://postgres@{args.host}:5432/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plc_platform.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from networks.models import Membership, Role, User

    user = User.objects.get(email=args.email)
    network = Membership.objects.filter(user=user, role=Role.NETWORK_LEADER).select_related("network").first().network
    client = Client()
    client.force_login(user)
    url = f"/networks/{network.slug}/"
    assert client.get(url).status_code == 200
    timings = []
    for _ in range(args.runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    schools = network.network_schools.count()
    print(f"{network.name} ({schools} schools), {args.runs} openings as {args.email}:")
    print(f"  median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, slowest {timings[-1]:.0f} ms")
    print(f"  {len(captured)} queries an opening")


if __name__ == "__main__":
    main()
