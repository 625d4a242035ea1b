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

from common import print_timings, scale_arguments, setup_django, time_openings


def main() -> None:
    parser = scale_arguments(__doc__, runs=20)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    setup_django(args.database, args.host)
    from django.db import connection

    from networks.models import Membership, Network, Role

    staff = Membership.objects.filter(role=Role.CONSORTIUM_STAFF).select_related("user", "consortium").first()
    consortium = staff.consortium
    url = f"/consortia/{consortium.slug}/overview/?sort=-spent"
    timings, captured = time_openings(staff.user, url, args.runs)
    networks = Network.objects.filter(consortium=consortium).count()
    print(f"{consortium.name} ({networks} networks), {args.runs} openings as {staff.user.email}:")
    print_timings(timings, captured)
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
