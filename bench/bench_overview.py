"""Benchmark of the consortium overview, on a database bench/scale.py made (100 networks to a
consortium at --scale 1). Run on demand, never in the suite:

    .venv/bin/python bench/scale.py plc_national                  # once: the national data set
    .venv/bin/python bench/bench_overview.py plc_national [--runs 20] [--explain]

Signs in as a member of the first consortium's staff through the test client, opens the overview
(sorted by spend) once to warm the caches, then times `--runs` more openings in this one process
and prints the median, the 95th percentile, the slowest and the queries per opening. With
`--explain`, prints the EXPLAIN (ANALYZE, BUFFERS) of each query of one opening, slowest first.
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
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--explain", action="store_true")
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

    from networks.models import Membership, Network, Role

    staff = Membership.objects.filter(role=Role.CONSORTIUM_STAFF).select_related("user", "consortium").first()
    consortium = staff.consortium
    client = Client()
    client.force_login(staff.user)
    url = f"/consortia/{consortium.slug}/overview/?sort=-spent"
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
    networks = Network.objects.filter(consortium=consortium).count()
    print(f"{consortium.name} ({networks} networks), {args.runs} openings as {staff.user.email}:")
    print(f"  median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, slowest {timings[-1]:.0f} ms")
    print(f"  {len(captured)} queries an opening")
    if args.explain:
        plans = []
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                if not query["sql"].lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
                took = float(plan.rsplit("Execution Time: ", 1)[1].split()[0])
                plans.append((took, query["sql"], plan))
        for took, sql, plan in sorted(plans, reverse=True):
            print(f"\n== {took:.1f} ms: {sql[:300]}\n{plan}")


if __name__ == "__main__":
    main()
