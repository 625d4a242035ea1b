"""Benchmark of brokerage matching at national scale, on PostgreSQL. Run on demand, never in the suite:

    .venv/bin/python bench/bench_matching.py [--requests 50] [--keep] [--reuse]

It creates a database of its own (plc_bench on 127.0.0.1, user postgres; --database to change),
migrates it, and fills one consortium with the whole country, the worst case for one match:

- 25,000 schools: the 6,022 real schools of ../shared/data/schools-england-2017.csv (their
  coordinates, phases, local authorities), each replicated with its position jittered by up to 3 km;
- 5,000 specialists, each with 1-3 practice areas, 1-2 phases, a base school (most), local
  authorities they travel to (some), offered and blocked dates, and past engagements with ratings;
- 100,000 practice entries over the last four years, evidence skewed towards anecdote;
- 4,000 requests with proposals, and 3,000 booked or reviewed engagements with their days, so the
  availability, capacity, feedback and fairness terms have rows to read.

Then it times `brokerage.matching.match` (schools and specialists, the top 20 of each, with their
reasons) for `--requests` requests from random schools and prints the median and 95th percentile
per match. The database is dropped at the end unless --keep; --reuse skips building it again.
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal

from common import ROOT, database_drop, database_new, own_database_arguments, setup_django

DATA = ROOT.parent / "shared" / "data" / "schools-england-2017.csv"
SEED = 20260301
SCHOOLS, SPECIALISTS, ENTRIES = 25_000, 5_000, 100_000
REQUESTS_WITH_HISTORY, ENGAGEMENTS = 4_000, 3_000


def real_schools() -> list[dict]:
    with DATA.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["Easting"] and row["Northing"]]
    return rows


def build(rng: random.Random) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from brokerage.models import (
        AvailabilityBlock,
        Engagement,
        EngagementDay,
        PastEngagement,
        PracticeEntry,
        Proposal,
        Specialist,
        SpecialistPhase,
        SpecialistTravelArea,
        SupportRequest,
    )
    from networks.models import Consortium, PracticeArea, School, User

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    consortium = Consortium.objects.create(name="England", slug="england")
    areas = list(PracticeArea.objects.filter(consortium=consortium))
    staff = User.objects.create_user(email="bench@example.org", full_name="Bench Officer")

    # Schools: the real ones, then jittered copies, to 25,000.
    source = real_schools()
    schools = []
    for n in range(SCHOOLS):
        row = source[n % len(source)]
        jitter = n >= len(source)
        schools.append(
            School(
                consortium=consortium,
                urn=1_000_000 + n,
                name=row["Establishment name"] + (f" ({n // len(source) + 1})" if jitter else ""),
                phase=row["Phase of education"] if row["Phase of education"] != "Not applicable" else "",
                local_authority=row["Local authority (name)"],
                region=row["Region"],
                town=row["Town"][:100],
                postcode=row["Postcode"][:10],
                easting=int(row["Easting"]) + (rng.randint(-3000, 3000) if jitter else 0),
                northing=int(row["Northing"]) + (rng.randint(-3000, 3000) if jitter else 0),
                is_open=row["Establishment status"].startswith("Open") or not row["Establishment status"],
            )
        )
    School.objects.bulk_create(schools, batch_size=5000)
    schools = list(School.objects.filter(consortium=consortium).only("pk", "local_authority"))
    authorities = sorted({s.local_authority for s in schools if s.local_authority})
    print(f"  {len(schools):,} schools, {len(authorities)} local authorities ({time.perf_counter() - started:.0f} s)")

    # Practice entries: evidence skewed towards anecdote, as real records are.
    today = timezone.localdate()
    strengths = [1] * 35 + [2] * 25 + [3] * 20 + [4] * 15 + [5] * 5
    entries = []
    for n in range(ENTRIES):
        end = today - timedelta(days=rng.randint(0, 4 * 365))
        entries.append(
            PracticeEntry(
                school_id=rng.choice(schools).pk,
                practice_area=rng.choice(areas),
                title=f"Practice {n}",
                summary="What the school did and what changed.",
                period_start=end - timedelta(days=rng.randint(30, 365)),
                period_end=None if rng.random() < 0.1 else end,
                evidence_strength=rng.choice(strengths),
                source=rng.choice(["manual", "csv", "enquiry", "activity"]),
            )
        )
    PracticeEntry.objects.bulk_create(entries, batch_size=5000)
    print(f"  {ENTRIES:,} practice entries ({time.perf_counter() - started:.0f} s)")

    # Specialists, with areas, phases, travel, availability and past engagements.
    specialists = [
        Specialist(
            consortium=consortium,
            name=f"Specialist {n}",
            organisation=f"Consultancy {n % 700}",
            day_rate=Decimal(rng.choice([300, 350, 400, 450, 500, 550, 650])),
            base_school_id=rng.choice(schools).pk if rng.random() < 0.8 else None,
            is_active=rng.random() < 0.95,
        )
        for n in range(SPECIALISTS)
    ]
    Specialist.objects.bulk_create(specialists, batch_size=5000)
    specialists = list(Specialist.objects.filter(consortium=consortium))
    Through = Specialist.practice_areas.through
    links, phases, travel, blocks, past = [], [], [], [], []
    for specialist in specialists:
        for chosen in rng.sample(areas, rng.randint(1, 3)):
            links.append(Through(specialist_id=specialist.pk, practicearea_id=chosen.pk))
        for phase in rng.sample(["primary", "secondary", "nursery", "all_through", "post_16"], rng.randint(1, 2)):
            phases.append(SpecialistPhase(specialist=specialist, phase=phase))
        if rng.random() < 0.4:
            for authority in rng.sample(authorities, rng.randint(1, 5)):
                travel.append(SpecialistTravelArea(specialist=specialist, local_authority=authority))
        for kind in ("offered", "blocked"):
            start = today + timedelta(days=rng.randint(0, 150))
            blocks.append(
                AvailabilityBlock(
                    specialist=specialist,
                    kind=kind,
                    starts_on=start,
                    ends_on=start + timedelta(days=rng.randint(3, 40)),
                )
            )
        for _ in range(rng.randint(0, 3)):
            past.append(
                PastEngagement(
                    specialist=specialist,
                    client="A school",
                    practice_area=rng.choice(areas),
                    rating=rng.randint(2, 5),
                    evidence_strength=rng.choice(strengths),
                )
            )
    for model, rows in (
        (Through, links),
        (SpecialistPhase, phases),
        (SpecialistTravelArea, travel),
        (AvailabilityBlock, blocks),
        (PastEngagement, past),
    ):
        model.objects.bulk_create(rows, batch_size=5000)
    print(f"  {len(specialists):,} specialists ({time.perf_counter() - started:.0f} s)")

    # History: requests with proposals, and engagements with their days, for fairness and feedback.
    requests = [
        SupportRequest(
            consortium=consortium,
            kind="specialist_consultancy",
            school_id=rng.choice(schools).pk,
            raised_by=staff,
            title=f"Earlier request {n}",
            need="Help.",
            days=Decimal(2),
            status="proposed",
        )
        for n in range(REQUESTS_WITH_HISTORY)
    ]
    SupportRequest.objects.bulk_create(requests, batch_size=5000)
    requests = list(SupportRequest.objects.filter(consortium=consortium).order_by("pk"))
    RequestAreas = SupportRequest.practice_areas.through
    RequestAreas.objects.bulk_create(
        [RequestAreas(supportrequest_id=r.pk, practicearea_id=rng.choice(areas).pk) for r in requests],
        batch_size=5000,
    )
    proposals = []
    for request in requests:
        proposals.append(Proposal(request=request, specialist=rng.choice(specialists), score=50, proposed_by=staff))
        proposals.append(Proposal(request=request, school_id=rng.choice(schools).pk, score=50, proposed_by=staff))
    Proposal.objects.bulk_create(proposals, batch_size=5000)
    proposals = list(Proposal.objects.filter(request__consortium=consortium).order_by("pk"))
    engagements, taken = [], set()
    # Two in three with a specialist, one in three with a host school (proposals alternate the two).
    with_specialist, with_school = proposals[0::2][: ENGAGEMENTS * 2 // 3], proposals[1::2][: ENGAGEMENTS // 3]
    for proposal in with_specialist + with_school:
        day = today + timedelta(days=rng.randint(-200, 120))
        reviewed = day < today
        engagements.append(
            Engagement(
                request_id=proposal.request_id,
                proposal=proposal,
                consortium=consortium,
                specialist_id=proposal.specialist_id,
                host_school_id=proposal.school_id,
                status="reviewed" if reviewed else "booked",
                days=Decimal(1),
                starts_on=day,
                ends_on=day,
                rating=rng.randint(2, 5) if reviewed else None,
                outcome_strength=rng.choice(strengths) if reviewed else None,
            )
        )
    Engagement.objects.bulk_create(engagements, batch_size=5000)
    days = []
    for engagement in Engagement.objects.filter(consortium=consortium, specialist__isnull=False):
        key = (engagement.specialist_id, engagement.starts_on)
        if key not in taken:
            taken.add(key)
            days.append(
                EngagementDay(engagement=engagement, specialist_id=engagement.specialist_id, day=engagement.starts_on)
            )
    EngagementDay.objects.bulk_create(days, batch_size=5000)
    elapsed = time.perf_counter() - started
    print(f"  {len(requests):,} earlier requests, {len(engagements):,} engagements ({elapsed:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have, in a database that has been running


def bench(rng: random.Random, count: int) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from brokerage import services
    from brokerage.matching import match
    from networks.models import Consortium, PracticeArea, School, User

    consortium = Consortium.objects.get(slug="england")
    staff = User.objects.get(email="bench@example.org")
    from networks.models import Membership

    Membership.objects.get_or_create(user=staff, consortium=consortium, role="consortium_staff")
    staff = User.objects.get(pk=staff.pk)
    areas = list(PracticeArea.objects.filter(consortium=consortium))
    school_ids = list(School.objects.filter(consortium=consortium, is_open=True).values_list("pk", flat=True))
    today = timezone.localdate()
    requests = []
    for n in range(count):
        start = today + timedelta(days=rng.randint(7, 90))
        requests.append(
            services.request_raise(
                by=staff,
                school=School.objects.get(pk=rng.choice(school_ids)),
                kind="specialist_consultancy",
                title=f"Bench request {n}",
                need="Two days of specialist help.",
                practice_areas=rng.sample(areas, rng.randint(1, 3)),
                preferred_from=start,
                preferred_to=start + timedelta(days=rng.randint(7, 30)),
                days=Decimal(rng.choice([1, 2, 3])),
                budget=Decimal(rng.choice([500, 1000, 1500, 2500])),
            )
        )
    match(requests[0], kinds=("school", "specialist"))  # warm the caches once
    timings, counts, sizes = [], [], []
    for request in requests:
        request = type(request).objects.select_related("consortium", "school", "network").get(pk=request.pk)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = match(request, kinds=("school", "specialist"))
            timings.append(time.perf_counter() - started)
        counts.append(len(queries))
        sizes.append((len(result.schools), len(result.specialists)))
    timings.sort()
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    print(
        f"\n{count} matches (top 20 schools and top 20 specialists each, with reasons), "
        f"{len(school_ids):,} open schools in one consortium:"
    )
    print(
        f"  median {statistics.median(timings) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {timings[-1] * 1000:.1f} ms"
    )
    print(f"  queries per match: {min(counts)}-{max(counts)}; candidates returned: {sizes[0]}")
    example = match(requests[0], kinds=("school", "specialist"))
    print(
        f"\nExample: {requests[0].title} for {requests[0].school.name}: "
        f"{', '.join(a.name for a in requests[0].practice_areas.all())}"
    )
    shown = example.candidates[:3] + example.specialists[:1]
    for candidate in shown:
        print(f"  {candidate.score:5.1f}  {candidate.kind:10}  {candidate.name}")
        for reason in candidate.reasons:
            print(f"         +{reason.points:4.1f}  {reason.text}")


def main() -> None:
    parser = own_database_arguments(__doc__, database="plc_bench")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"The schools' data is not at {DATA}.")
    rng = random.Random(SEED)
    database_new(args)
    setup_django(args.database, args.host)
    try:
        if not args.reuse:
            print(f"Building {args.database}:")
            build(rng)
        bench(random.Random(SEED + 1), args.requests)
    finally:
        database_drop(args)


if __name__ == "__main__":
    main()
