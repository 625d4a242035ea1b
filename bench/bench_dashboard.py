"""Benchmark of the network dashboard (the network page), on a database bench/scale.py made. Run on
demand, never in the suite:

    .venv/bin/python bench/scale.py plc_national                   # once: the national data set
    .venv/bin/python bench/bench_dashboard.py plc_national [--runs 50] [--host 127.0.0.1]

Signs in as leader@bench.example (the leader of the consortium's first network) through the test
client, opens the dashboard once to warm the caches, then times `--runs` more openings in this one
process and prints the median, the 95th percentile, the slowest and the queries per opening.
Issue 14's budget is 150 ms at p95 with 32 concurrent users on 2 cores; this script measures one
user at a time (the server's own time per page), which bounds it from below.

Then the same openings built and kept ready (plc_platform.dashboard_cache): "built" moves the
network's data version before each opening, as a write would, so every panel is built; "kept"
opens it with the panels kept. Each prints this process's CPU time per opening (time.process_time:
the figure that matters on a machine whose other work makes wall times a queue for a core) beside
the wall time, and the queries. `--redis` keeps the panels in Redis, as production does (without
it, in this process's memory).
"""

from __future__ import annotations

import statistics
import time

from common import p95, print_timings, scale_arguments, setup_django, time_openings


def openings(client, url: str, runs: int, before=None) -> tuple[list[float], list[float], list[int]]:
    """`runs` openings of `url`, each after `before()`: wall and CPU times (ms, sorted) and queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus, queries = [], [], []
    for _ in range(runs):
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            cpu, wall = time.process_time(), time.perf_counter()
            response = client.get(url)
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
        assert response.status_code == 200
        queries.append(len(captured))
    return sorted(walls), sorted(cpus), queries


def print_openings(label: str, walls: list[float], cpus: list[float], queries: list[int]) -> None:
    print(
        f"  {label}: CPU median {statistics.median(cpus):.1f} ms, p95 {p95(cpus):.1f} ms; "
        f"wall median {statistics.median(walls):.1f} ms, p95 {p95(walls):.1f} ms; "
        f"queries {min(queries)} to {max(queries)} an opening"
    )


def main() -> None:
    parser = scale_arguments(__doc__, runs=50)
    parser.add_argument("--email", default="leader@bench.example")
    parser.add_argument("--redis", help="Redis for the cache, as production (e.g. redis://127.0.0.1:6379/8).")
    args = parser.parse_args()
    setup_django(args.database, args.host, **({"REDIS_URL": args.redis} if args.redis else {}))
    from django.test import Client

    from networks.freshness import network_data_changed
    from networks.models import Membership, Role, User

    user = User.objects.get(email=args.email)
    network = Membership.objects.filter(user=user, role=Role.NETWORK_LEADER).select_related("network").first().network
    timings, captured = time_openings(user, f"/networks/{network.slug}/", args.runs)
    schools = network.network_schools.count()
    print(f"{network.name} ({schools} schools), {args.runs} openings as {args.email}:")
    print_timings(timings, captured)
    client = Client()
    client.force_login(user)
    url = f"/networks/{network.slug}/"
    print_openings("built", *openings(client, url, args.runs, lambda: network_data_changed([network.pk])))
    client.get(url)
    print_openings("kept", *openings(client, url, args.runs))


if __name__ == "__main__":
    main()
