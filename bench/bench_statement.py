"""Benchmark of the statement of account's PDF, on PostgreSQL. Run on demand:

    .venv/bin/python bench/bench_statement.py [--runs 5] [--keep] [--reuse] [--database plc_statement_bench]

It creates a database of its own (dropped at the end unless --keep; --reuse measures a kept one),
migrates it and fills one consortium with 2,000 schools in 50 networks of 40, and for the network
being measured a year of work: 600 activities (learning visits and shared INSET with four people from
other schools each), 2,400 cost lines, 300 enquiries with impact claims, and a budget; the other
networks have 100 activities each, so the reads must pick the network's rows out of many.

Then, as the network's leader through the test client, it times the PDF of a draft (every figure
read and the PDF rendered) and of the published statement (the frozen figures rendered), and prints
the median and the slowest of the runs. The budget (issue 14): at most 3 s.
"""

from __future__ import annotations

import logging
import random
import statistics
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal

from common import cpu_and_waiting, database_drop, database_new, own_database_arguments, setup_django

SEED = 20261203
SCHOOLS, NETWORKS, SIZE = 2_000, 50, 40
ACTIVITIES, OTHER_ACTIVITIES, ENQUIRIES = 600, 100, 300


def build(rng: random.Random, year_start: date):
    from django.utils import timezone

    from activities.models import Activity, ActivityType, CostCategory, CostLine, NetworkBudget, Participant
    from enquiry.models import Enquiry, ImpactClaim, Sharing, Stage
    from networks.models import Consortium, Membership, Network, NetworkSchool, Role, School, User

    consortium = Consortium.objects.create(name="Bench Consortium", slug="bench")
    schools = School.objects.bulk_create(
        [School(consortium=consortium, urn=800_000 + i, name=f"Bench School {i:04d}") for i in range(SCHOOLS)]
    )
    networks = Network.objects.bulk_create(
        [
            Network(consortium=consortium, name=f"Bench Network {i:02d}", slug=f"bench-{i:02d}", purpose="Writing.")
            for i in range(NETWORKS)
        ]
    )
    NetworkSchool.objects.bulk_create(
        [
            NetworkSchool(network=networks[i // SIZE], school=school)
            for i, school in enumerate(schools[: NETWORKS * SIZE])
        ]
    )
    leader = User.objects.create_user(email="leader@bench.example", password="x", full_name="Bench Leader")
    Membership.objects.create(user=leader, network=networks[0], role=Role.NETWORK_LEADER)
    people = User.objects.bulk_create(
        [User(email=f"t{i}@bench.example", full_name=f"Teacher {i}") for i in range(SIZE * 4)]
    )
    visit = ActivityType.objects.get(slug="learning-visit")
    inset = ActivityType.objects.get(slug="shared-inset-seminar")
    days = 320

    def moment(day_offset, hour=9):
        day = year_start + timedelta(days=day_offset)
        return timezone.make_aware(datetime.combine(day, dtime(hour)))

    activities = []
    for n, network in enumerate(networks):
        members = schools[n * SIZE : (n + 1) * SIZE]
        for i in range(ACTIVITIES if n == 0 else OTHER_ACTIVITIES):
            offset = rng.randrange(days)
            activities.append(
                Activity(
                    network=network,
                    activity_type=visit if i % 3 else inset,
                    title=f"Activity {i}",
                    host_school=rng.choice(members),
                    starts_at=moment(offset),
                    ends_at=moment(offset, 15),
                    status="done",
                    collaboration_level=1 + i % 3,
                )
            )
    activities = Activity.objects.bulk_create(activities)
    mine = [a for a in activities if a.network_id == networks[0].pk]
    members = schools[:SIZE]
    participants, lines = [], []
    for a in mine:
        for k, person in enumerate(rng.sample(people, 4)):
            school = rng.choice([s for s in members if s.pk != a.host_school_id])
            participants.append(Participant(activity=a, user=person, school=school, attendance="attended"))
            if k < 4:
                category = [CostCategory.SUPPLY_COVER, CostCategory.TRAVEL, CostCategory.REFRESHMENTS][k % 3]
                amount = Decimal(rng.randrange(500, 20_000)) / 100
                status = rng.choice(["proposed", "approved", "spent"])
                lines.append(
                    CostLine(
                        activity=a,
                        category=category,
                        school=school,
                        description="Cost",
                        quantity=1,
                        rate=amount,
                        amount=amount,
                        status=status,
                        actual_amount=amount if status == "spent" else None,
                    )
                )
    Participant.objects.bulk_create(participants)
    CostLine.objects.bulk_create(lines)
    enquiries = []
    for i in range(ENQUIRIES):
        sharing = rng.choice(Sharing.values)
        enquiries.append(
            Enquiry(
                owner=rng.choice(people),
                school=rng.choice(members),
                network=networks[0],
                title=f"Enquiry {i}",
                question="Does it help?",
                stage=rng.choice(Stage.values),
                sharing=sharing,
                shared_at=None if sharing == Sharing.PRIVATE else timezone.now(),
            )
        )
    enquiries = Enquiry.objects.bulk_create(enquiries)
    ImpactClaim.objects.bulk_create(
        [ImpactClaim(enquiry=e, claim="Pupils wrote more.", strength=rng.randrange(1, 6)) for e in enquiries]
    )
    NetworkBudget.objects.create(
        network=networks[0], starts_on=year_start, ends_on=date(year_start.year + 1, 8, 31), amount="250000.00"
    )
    return networks[0], leader


def measure(network, leader, year_start: date, runs: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from plc_platform import statement_services as services
    from plc_platform.models import Statement

    end = date(year_start.year + 1, 8, 31)
    draft = Statement.objects.filter(network=network, status="draft").first() or services.statement_create(
        network=network, start=year_start, end=end, label="The year", by=leader
    )
    published = Statement.objects.filter(network=network, status="published").first()
    if published is None:
        published = services.statement_create(network=network, start=year_start, end=end, label="The year", by=leader)
        services.statement_publish(statement=published, by=leader)
    client = Client()
    client.force_login(leader)
    for name, statement in (("draft (figures read live)", draft), ("published (frozen figures)", published)):
        url = reverse("statements:pdf", args=[statement.pk])
        client.get(url)  # warm: fonts loaded once per process
        times, cpu, waiting = [], [], []
        for _ in range(runs):
            began, (ran, waited) = time.perf_counter(), cpu_and_waiting()
            response = client.get(url)
            times.append(time.perf_counter() - began)
            ran_after, waited_after = cpu_and_waiting()
            cpu.append(ran_after - ran)
            waiting.append(waited_after - waited)
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pdf"
        print(
            f"PDF of the {name}: median {statistics.median(times):.2f} s, slowest {max(times):.2f} s, "
            f"CPU median {statistics.median(cpu):.2f} s (the figure that holds on a loaded machine), "
            f"waiting for a core median {statistics.median(waiting):.2f} s, "
            f"{len(response.content) // 1024} KB, over {runs} runs"
        )


def main() -> None:
    parser = own_database_arguments(__doc__, database="plc_statement_bench")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    database_new(args)
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    setup_django(args.database, args.host)
    from django.core.management import call_command
    from django.utils import timezone

    from networks.models import Network, User
    from plc_platform.flowmap import academic_year

    year_start = academic_year(timezone.localdate()).start
    try:
        if args.reuse:
            network, leader = Network.objects.get(slug="bench-00"), User.objects.get(email="leader@bench.example")
        else:
            call_command("migrate", verbosity=0)
            began = time.perf_counter()
            network, leader = build(random.Random(SEED), year_start)
            print(f"Built in {time.perf_counter() - began:.1f} s")
        measure(network, leader, year_start, args.runs)
    finally:
        if not args.reuse:  # a reused database stays, --keep or not
            database_drop(args)


if __name__ == "__main__":
    main()
