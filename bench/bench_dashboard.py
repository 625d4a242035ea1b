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

from common import print_timings, scale_arguments, setup_django, time_openings


def main() -> None:
    parser = scale_arguments(__doc__, runs=50)
    parser.add_argument("--email", default="leader@bench.example")
    args = parser.parse_args()
    setup_django(args.database, args.host)
    from networks.models import Membership, Role, User

    user = User.objects.get(email=args.email)
    network = Membership.objects.filter(user=user, role=Role.NETWORK_LEADER).select_related("network").first().network
    timings, captured = time_openings(user, f"/networks/{network.slug}/", args.runs)
    schools = network.network_schools.count()
    print(f"{network.name} ({schools} schools), {args.runs} openings as {args.email}:")
    print_timings(timings, captured)


if __name__ == "__main__":
    main()
