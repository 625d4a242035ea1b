"""Benchmark of the knowledge-flow map and "what works here", on PostgreSQL. Run on demand:

    .venv/bin/python bench/bench_flows.py [--runs 20] [--keep] [--reuse] [--database plc_flows_bench]

It creates a database of its own (dropped at the end unless --keep; --reuse measures a kept one),
migrates it and fills one consortium with:

- 1,250 schools in 100 networks of 12 or 13, with 5,000 staff (a school role each);
- about 50,000 flows between schools over this academic year: 3,000 learning visits (four visiting
  schools each, a quarter from another network), 1,000 shared INSET seminars (ten people each),
  8,000 consultancy engagements, 10,000 critical friends with two comments each;
- 25,000 enquiries, 5,000 of them shared with the consortium and tagged literacy, each with a
  baseline-and-outcome measure and an impact claim; the rest private or in other areas.

Then it times, as consortium staff, the whole consortium map page (view and template, through the
test client) and `plc_platform.what_works.what_works` for literacy, and prints the median and
95th percentile. The budgets (issue 15): the map in at most 1 s, "what works here" at most 200 ms
at p95. It also prints the EXPLAIN of the readable-enquiries query of "what works here".
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import datetime, timedelta
from datetime import time as dtime
from decimal import Decimal

from common import database_drop, database_new, own_database_arguments, setup_django

SEED = 20261203
SCHOOLS, NETWORKS, STAFF = 1_250, 100, 5_000
VISITS, SEMINARS, ENGAGEMENTS, FRIENDS = 3_000, 1_000, 8_000, 10_000
ENQUIRIES, READABLE = 25_000, 5_000


def build(rng: random.Random) -> None:
    from django.utils import timezone

    from activities.models import Activity, ActivityType, Participant
    from brokerage.models import Engagement, Proposal, SupportRequest
    from enquiry.models import Collaborator, Comment, Enquiry, Evidence, ImpactClaim
    from networks.models import Consortium, Membership, Network, NetworkSchool, PracticeArea, School, User
    from plc_platform.flowmap import academic_year

    year = academic_year(timezone.localdate())
    days = (year.end - year.start).days

    def moment():
        day = year.start + timedelta(days=rng.randrange(days))
        return timezone.make_aware(datetime.combine(day, dtime(9)))

    consortium = Consortium.objects.create(name="Bench Consortium", slug="bench")
    schools = School.objects.bulk_create(
        [School(consortium=consortium, urn=700_000 + i, name=f"Bench School {i:04d}") for i in range(SCHOOLS)]
    )
    networks = Network.objects.bulk_create(
        [Network(consortium=consortium, name=f"Bench Network {i:03d}", slug=f"bench-{i:03d}") for i in range(NETWORKS)]
    )
    of_network = {n.pk: [] for n in networks}
    links = []
    for i, school in enumerate(schools):
        network = networks[i % NETWORKS]
        of_network[network.pk].append(school)
        links.append(NetworkSchool(network=network, school=school))
    NetworkSchool.objects.bulk_create(links)
    network_of = {link.school_id: link.network_id for link in links}
    users = User.objects.bulk_create(
        [User(email=f"staff{i}@bench.example", full_name=f"Staff {i}") for i in range(STAFF)]
    )
    staff_of = {s.pk: [] for s in schools}
    memberships = []
    for i, user in enumerate(users):
        school = schools[i % SCHOOLS]
        staff_of[school.pk].append(user)
        memberships.append(Membership(user=user, role="school_staff", school=school))
    officer = User.objects.create(email="officer@bench.example", full_name="Bench Officer")
    memberships.append(Membership(user=officer, role="consortium_staff", consortium=consortium))
    Membership.objects.bulk_create(memberships)

    def other_school(host):
        if rng.random() < 0.25:
            return rng.choice(schools)
        return rng.choice(of_network[network_of[host.pk]])

    visit = ActivityType.objects.get(slug="learning-visit")
    seminar = ActivityType.objects.get(slug="shared-inset-seminar")
    activities, plans = [], []
    for kind, count, people in ((visit, VISITS, 4), (seminar, SEMINARS, 10)):
        for _ in range(count):
            host = rng.choice(schools)
            start = moment()
            activities.append(
                Activity(
                    network_id=network_of[host.pk],
                    activity_type=kind,
                    title=f"{kind.name} at {host.name}",
                    host_school=host,
                    starts_at=start,
                    ends_at=start + timedelta(hours=6),
                    status="done",
                    collaboration_level=rng.choice([1, 2, 3]),
                )
            )
            plans.append((host, people))
    Activity.objects.bulk_create(activities, batch_size=2000)
    participants = []
    for activity, (host, people) in zip(activities, plans, strict=True):
        taken = set()
        for _ in range(people):
            school = other_school(host)
            user = rng.choice(staff_of[school.pk])
            if user.pk not in taken:
                taken.add(user.pk)
                participants.append(Participant(activity=activity, user=user, school=school, attendance="attended"))
    Participant.objects.bulk_create(participants, batch_size=5000)

    requests, hosts = [], []
    for _ in range(ENGAGEMENTS):
        receiver = rng.choice(schools)
        requests.append(
            SupportRequest(
                consortium=consortium,
                kind="peer_consultancy",
                school=receiver,
                network_id=network_of[receiver.pk],
                title="Help",
                need="Help.",
                days=Decimal("2"),
            )
        )
        host = other_school(receiver)
        hosts.append(host if host.pk != receiver.pk else schools[(schools.index(receiver) + 1) % SCHOOLS])
    SupportRequest.objects.bulk_create(requests, batch_size=2000)
    proposals = Proposal.objects.bulk_create(
        [Proposal(request=r, school=h, status="accepted") for r, h in zip(requests, hosts, strict=True)],
        batch_size=2000,
    )
    engagements = []
    for request, proposal, host in zip(requests, proposals, hosts, strict=True):
        start = moment().date()
        engagements.append(
            Engagement(
                request=request,
                proposal=proposal,
                consortium=consortium,
                host_school=host,
                status="completed",
                days=Decimal(rng.choice(["0.5", "1", "2", "3"])),
                starts_on=start,
                ends_on=start + timedelta(days=1),
                cost=Decimal("900.00"),
            )
        )
    Engagement.objects.bulk_create(engagements, batch_size=2000)

    literacy = PracticeArea.objects.get(consortium=consortium, name="Literacy")
    numeracy = PracticeArea.objects.get(consortium=consortium, name="Numeracy")
    now = timezone.now()
    enquiries = []
    for i in range(ENQUIRIES):
        school = rng.choice(schools)
        readable = i < READABLE
        enquiries.append(
            Enquiry(
                owner=rng.choice(staff_of[school.pk]),
                school=school,
                network_id=network_of[school.pk],
                title=f"Enquiry {i}",
                question="Does it work?",
                sharing="consortium" if readable else rng.choice(["private", "school", "network"]),
                shared_at=None if not readable else now,
                stage="share" if readable else "plan",
            )
        )
    for enquiry in enquiries:
        if enquiry.sharing != "private" and enquiry.shared_at is None:
            enquiry.shared_at = now
    Enquiry.objects.bulk_create(enquiries, batch_size=5000)
    AreaLink = Enquiry.practice_areas.through
    AreaLink.objects.bulk_create(
        [
            AreaLink(enquiry_id=e.pk, practicearea_id=(literacy if i < READABLE or i % 3 == 0 else numeracy).pk)
            for i, e in enumerate(enquiries)
        ],
        batch_size=5000,
    )
    measures = Evidence.objects.bulk_create(
        [
            Evidence(
                enquiry=e,
                stage="observe",
                kind="measure",
                measure="Pupils meeting the standard",
                unit="%",
                baseline_value=Decimal(rng.randint(20, 50)),
                outcome_value=Decimal(rng.randint(30, 80)),
                baseline_on=year.start,
                outcome_on=year.start + timedelta(days=90),
            )
            for e in enquiries[: READABLE + 5000]
        ],
        batch_size=5000,
    )
    ImpactClaim.objects.bulk_create(
        [ImpactClaim(enquiry_id=m.enquiry_id, claim="It worked.", strength=rng.randint(1, 5)) for m in measures],
        batch_size=5000,
    )
    friends, comments = [], []
    for enquiry in rng.sample(enquiries, FRIENDS):
        friend_school = other_school(enquiry.school)
        if friend_school.pk == enquiry.school_id:
            continue
        friend = rng.choice(staff_of[friend_school.pk])
        friends.append(Collaborator(enquiry=enquiry, user=friend, role="critical_friend"))
        comments += [Comment(enquiry=enquiry, author=friend, text="A question.") for _ in range(2)]
    Collaborator.objects.bulk_create(friends, batch_size=5000)
    Comment.objects.bulk_create(comments, batch_size=5000)


def timed(fn, runs: int) -> dict[str, float]:
    """Median and 95th percentile of wall time and of this process's CPU time (ms), over `runs`
    runs after a warm-up: on a shared machine the CPU time says what the code costs, the wall time
    what it waited besides."""
    fn()  # warm
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)

    def p95(samples):
        return sorted(samples)[max(0, int(round(0.95 * len(samples))) - 1)]

    return {
        "median": statistics.median(wall),
        "p95": p95(wall),
        "cpu_median": statistics.median(cpu),
        "cpu_p95": p95(cpu),
    }


def database_ms(fn, repeats: int = 5) -> tuple[float, int]:
    """The database's own time for the queries of one call of `fn`: each SELECT it sent, run again
    under EXPLAIN ANALYZE, planning and execution added up (the median of `repeats` times, as the
    server shares the cores too); and how many queries it sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    totals = []
    with connection.cursor() as cursor:
        for _ in range(repeats):
            total = 0.0
            for sql in selects:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0][0]
                total += plan["Planning Time"] + plan["Execution Time"]
            totals.append(total)
    return statistics.median(totals), len(captured.captured_queries)


def report(label: str, fn, runs: int, budget: str) -> None:
    figures = timed(fn, runs)
    db, queries = database_ms(fn)
    print(
        f"{label}: wall median {figures['median']:.0f} ms, p95 {figures['p95']:.0f} ms ({budget}); "
        f"CPU of this process median {figures['cpu_median']:.0f} ms, p95 {figures['cpu_p95']:.0f} ms; "
        f"database {db:.0f} ms over {queries} queries (EXPLAIN ANALYZE, median of 5)"
    )


def measure(runs: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from enquiry.models import Enquiry
    from networks.flows import FlowScope
    from networks.models import Consortium, PracticeArea, User
    from plc_platform.flowmap import academic_year, consortium_map
    from plc_platform.flows import flows_for
    from plc_platform.what_works import what_works

    print(f"load average at the start: {' '.join(f'{n:.2f}' for n in os.getloadavg())} ({os.cpu_count()} cores)")
    consortium = Consortium.objects.get(slug="bench")
    officer = User.objects.get(email="officer@bench.example")
    literacy = PracticeArea.objects.get(consortium=consortium, name="Literacy")
    year = academic_year(timezone.localdate())
    scope = FlowScope(consortium_id=consortium.pk, start=year.start, end=year.end)
    print(f"flows read: {len(flows_for(scope)):,}")
    flow_map = consortium_map(consortium, year)
    print(f"consortium map: {len(flow_map.nodes)} nodes, {len(flow_map.edges):,} edges, {len(flow_map.rows)} drawn")
    client = Client()
    client.force_login(officer)
    url = reverse("plc_platform:consortium_flows", args=[consortium.slug])

    def page():
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, response.status_code

    report("consortium map page (view + template)", page, runs, "budget 1000 ms")
    report("  of which consortium_map (reads + layout)", lambda: consortium_map(consortium, year), runs, "")
    exchange = reverse("plc_platform:network_exchange", args=[consortium.slug])
    report(
        "exchange page (every flow between networks, paged)",
        lambda: client.get(exchange, HTTP_HOST="localhost"),
        runs,
        "no budget",
    )

    officer = User.objects.get(pk=officer.pk)  # memberships read afresh, as on each request
    summaries = what_works(officer, literacy, timezone.localdate())
    print(f"what works here, literacy: {len(summaries[0].line.enquiries):,} readable enquiries")

    def works():
        what_works(User.objects.get(pk=officer.pk), literacy, timezone.localdate())

    report("what works here", works, runs, "budget 200 ms at p95")
    print(f"load average at the end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    in_area = Enquiry.practice_areas.through.objects.filter(practicearea_id=literacy.pk).values("enquiry_id")
    query = Enquiry.objects.visible_to(officer).filter(pk__in=in_area).with_strongest_evidence().values_list("pk")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql, params)
        print("\n".join(row[0] for row in cursor.fetchall()))


def main() -> None:
    parser = own_database_arguments(__doc__, database="plc_flows_bench")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    database_new(args)
    setup_django(args.database, args.host)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a kept database may predate newer migrations
    if not args.reuse:
        start = time.perf_counter()
        build(random.Random(SEED))
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"built in {time.perf_counter() - start:.0f} s")
    try:
        measure(args.runs)
    finally:
        database_drop(args)


if __name__ == "__main__":
    main()
