"""Does PostgreSQL's JIT cost the main pages more than it saves?

    DEBUG=1 .venv/bin/python bench/bench_jit.py plc_national [--runs 3]

Opens each main page of bench/load.py as its person with Django's test client, inside a
transaction that is rolled back (the session and anything else a request writes never persist),
capturing its SQL. Then runs every SELECT it captured under EXPLAIN (ANALYZE, FORMAT JSON) with
jit on (the server's thresholds) and with jit off, in read-only transactions, --runs times each,
and prints per page: the queries JIT compiled, the median total execution time with and without
JIT, and the time JIT itself took (generation, inlining, optimisation, emission).
"""

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import scale_arguments  # noqa: E402
from load import pick_people_and_pages, setup_django  # noqa: E402

MAIN_PAGES = 17  # bench/load.py lists the main pages first


def captured_selects(user, path):
    """The page's status and its SELECTs; the sign-in and the request write nothing that lasts."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with transaction.atomic():
        client = Client()
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        transaction.set_rollback(True)
    selects = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    return response.status_code, selects


def explain(sql, jit):
    """(execution ms, JIT ms) of one run of the statement, in a read-only transaction."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION READ ONLY")
        cursor.execute(f"SET LOCAL jit = {'on' if jit else 'off'}")
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        (plan,) = cursor.fetchone()[0]
    plan = plan if isinstance(plan, dict) else json.loads(plan)[0]
    jit_ms = plan.get("JIT", {}).get("Timing", {}).get("Total", 0.0)
    return plan["Planning Time"] + plan["Execution Time"], jit_ms


def main():
    parser = scale_arguments(__doc__, runs=3)
    args = parser.parse_args()
    setup_django(args.database, args.host)
    from django.test.utils import setup_test_environment

    from networks.models import User

    setup_test_environment()
    people, pages = pick_people_and_pages()
    users = {role: User.objects.get(email=email) for role, email in people.items()}
    print("| page | queries | JIT compiled | ms with JIT | ms without | of which JIT |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    totals = [0.0, 0.0]
    for page in pages[:MAIN_PAGES]:
        status, selects = captured_selects(users[page.role], page.path)
        if status != 200:
            print(f"| {page.name} | answered {status} | | | | |")
            continue
        on_runs, off_runs, jit_runs, compiled = [], [], [], 0
        for _ in range(args.runs):
            on = [explain(sql, jit=True) for sql in selects]
            off = [explain(sql, jit=False) for sql in selects]
            on_runs.append(sum(ms for ms, _ in on))
            off_runs.append(sum(ms for ms, _ in off))
            jit_runs.append(sum(j for _, j in on))
            compiled = sum(1 for _, j in on if j)
        on_ms, off_ms, jit_ms = (statistics.median(r) for r in (on_runs, off_runs, jit_runs))
        totals[0] += on_ms
        totals[1] += off_ms
        print(f"| {page.name} | {len(selects)} | {compiled} | {on_ms:.1f} | {off_ms:.1f} | {jit_ms:.1f} |")
    print(f"| **all** | | | {totals[0]:.1f} | {totals[1]:.1f} | |")


if __name__ == "__main__":
    main()
