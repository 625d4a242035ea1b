"""The demo year's brokerage desk: specialists with practice areas, day rates, availability and past
feedback; the record of schools' practice (fed from the shared enquiries and hosted activities, plus
a few entries from earlier years); requests in every state; and a digest sent once.

Made through brokerage.services and brokerage.digest_services; the candidates proposed come from
the real match (brokerage.matching.match), so their reasons are the platform's own. Requests dated
in the past pass the day they were raised as ``today``, as the services allow. The digest is planned
with digest_plan and its deliveries recorded as sent, without sending email from the seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from brokerage.digest_services import digest_plan, digest_subscriptions_set
from brokerage.feed import practice_feed_sync
from brokerage.matching import Candidate, match
from brokerage.models import (
    AvailabilityKind,
    DigestDelivery,
    DigestRun,
    Engagement,
    EvidenceStrength,
    Phase,
    PracticeEntry,
    Proposal,
    RequestEvent,
    RequestKind,
    RequestStatus,
    Specialist,
    SupportRequest,
)
from brokerage.services import (
    availability_add,
    engagement_book,
    engagement_complete,
    engagement_review,
    host_capacity_set,
    past_engagement_add,
    practice_entry_save,
    proposal_accept,
    proposal_create,
    request_raise,
    request_triage,
    request_withdraw,
    specialist_save,
)
from networks.demo import NETWORKS, TEACHER_SCHOOL
from networks.models import Membership, Network, PracticeArea, Role, School, User

from .context import DemoContext
from .timeline import backdate

WRITING, MATHS, VOICE, AFL = (spec.name for spec in NETWORKS)


@dataclass(frozen=True)
class SpecialistSpec:
    key: str  # a demo login, a generated specialist's job title, or "" for an external person
    name: str
    organisation: str
    summary: str
    areas: tuple[str, ...]
    phases: tuple[str, ...]
    travel: tuple[str, ...]
    day_rate: str
    email: str = ""


SPECIALISTS = [
    SpecialistSpec(
        "specialist",
        "",
        "Protheroe Literacy",
        "Former literacy adviser. Works with networks on oral rehearsal, talk for writing and boys' writing, "
        "with a baseline and an outcome for every engagement.",
        ("Literacy", "Assessment for learning"),
        (Phase.PRIMARY,),
        ("Rhondda Cynon Taf", "Merthyr Tydfil", "Caerphilly"),
        "450.00",
    ),
    SpecialistSpec(
        "Maths mastery consultant",
        "",
        "Valleys Maths Hub",
        "Supports Years 2 to 4 teachers with mastery: concrete, pictorial and abstract teaching, research "
        "lessons and bar models.",
        ("Numeracy", "Curriculum design"),
        (Phase.PRIMARY,),
        (),
        "450.00",
    ),
    SpecialistSpec(
        "Specialist leader of education (wellbeing)",
        "",
        "Ysgol y Dyffryn",
        "Leads wellbeing and pupil voice across special and secondary schools; trains pupil learning walk teams.",
        ("Wellbeing", "Pupil voice"),
        (Phase.PRIMARY, Phase.SECONDARY, Phase.ALL_THROUGH),
        ("Rhondda Cynon Taf", "Caerphilly", "Merthyr Tydfil"),
        "380.00",
    ),
    SpecialistSpec(
        "Educational researcher",
        "",
        "Cardiff Metropolitan University",
        "Helps schools design enquiries with a comparison group and read question-level data.",
        ("Use of data", "Assessment for learning"),
        (Phase.PRIMARY, Phase.SECONDARY),
        (),
        "520.00",
    ),
    SpecialistSpec(
        "",
        "Catrin Bowen",
        "Bowen Writing Consultancy",
        "Independent consultant in extended writing at KS2 and KS3; runs modelled writing sessions.",
        ("Literacy",),
        (Phase.PRIMARY, Phase.SECONDARY),
        ("Bridgend", "Vale of Glamorgan", "Cardiff"),
        "400.00",
        "catrin.bowen@bowen-writing.example",
    ),
    SpecialistSpec(
        "",
        "Dr Rhys Meredith",
        "Numeracy in Practice",
        "Specialist in early number and place value; trains teaching assistants to run catch-up groups.",
        ("Numeracy",),
        (Phase.PRIMARY,),
        ("Cardiff", "Caerphilly"),
        "475.00",
        "rhys.meredith@numeracy-in-practice.example",
    ),
]
BAY_SPECIALISTS = [
    SpecialistSpec(
        "Maths mastery consultant",
        "",
        "Ceredigion Learning Service",
        "Supports reading for pleasure and class libraries across rural primary and all-through schools.",
        ("Literacy", "Parental engagement"),
        (Phase.PRIMARY, Phase.ALL_THROUGH),
        ("Ceredigion",),
        "420.00",
    ),
]
FEEDBACK = [
    (5, EvidenceStrength.DATA, "Clear plan, and the pupils' results show it worked."),
    (4, EvidenceStrength.PUPILS_WORK, "Practical and well received by staff; we are still embedding it."),
    (5, EvidenceStrength.COMPARISON, "The comparison with a class that did not take part convinced governors."),
    (3, EvidenceStrength.OBSERVATION, "Useful, though the second day felt rushed."),
]
HISTORY = [  # earlier work in the record of practice: (title, area, years ago, strength)
    ("Talk for writing across Key Stage 2", "Literacy", 2, EvidenceStrength.DATA),
    ("Mastery maths in Years 1 to 3", "Numeracy", 2, EvidenceStrength.PUPILS_WORK),
    ("Pupil wellbeing ambassadors", "Wellbeing", 1, EvidenceStrength.OBSERVATION),
    ("Marking and feedback policy rewritten with pupils", "Assessment for learning", 1, EvidenceStrength.ANECDOTE),
]


def _areas(consortium, names) -> list[PracticeArea]:
    found = {a.name: a for a in PracticeArea.objects.filter(consortium=consortium, name__in=names)}
    return [found[name] for name in names if name in found]


def _leader(network: Network) -> User:
    return (
        User.objects.filter(memberships__network=network, memberships__role=Role.NETWORK_LEADER).order_by("pk").first()
    )


def _lead_of(school: School) -> User | None:
    m = Membership.objects.filter(school=school, role=Role.SCHOOL_LEAD).select_related("user").order_by("pk").first()
    return m.user if m else None


def seed_brokerage(ctx: DemoContext) -> None:
    synced = False
    for consortium, specs in ((ctx.consortium, SPECIALISTS), (ctx.bay, BAY_SPECIALISTS)):
        if Specialist.objects.filter(consortium=consortium).exists():
            continue
        if not synced:
            # The record of practice from the shared enquiries and hosted activities, before matching
            # (the signals that keep it in step run only once the seed's transaction commits).
            practice_feed_sync()
            synced = True
        rng = ctx.stream(f"brokerage:{consortium.slug}")
        officer = ctx.logins["officer" if consortium.pk == ctx.consortium.pk else "bay-officer"]
        specialists = _specialists(ctx, rng, consortium, specs, officer)
        _record(ctx, rng, consortium, officer)
        if consortium.pk == ctx.consortium.pk:
            _requests(ctx, rng, consortium, officer, specialists)
        else:
            _bay_requests(ctx, consortium, officer)
        _digest(ctx, consortium, officer)


def _specialists(ctx, rng, consortium, specs, officer) -> dict[str, Specialist]:
    year = ctx.year
    generated = {
        m.user.job_title: m.user
        for m in Membership.objects.filter(consortium=consortium, role=Role.SPECIALIST)
        .select_related("user")
        .order_by("-pk")
    }
    made = {}
    for spec in specs:
        user = ctx.logins.get(spec.key) or generated.get(spec.key)
        specialist = specialist_save(
            specialist=Specialist(
                consortium=consortium,
                user=user,
                name=spec.name or (user.full_name if user else ""),
                email=spec.email,
                organisation=spec.organisation,
                summary=spec.summary,
                day_rate=Decimal(spec.day_rate),
            ),
            by=officer,
            practice_areas=_areas(consortium, spec.areas),
            phases=spec.phases,
            travel_areas=spec.travel,
        )
        made[spec.key or spec.name] = specialist
        ctx.created["specialists"] += 1
        for weeks in (3, 10):
            availability_add(
                specialist=specialist,
                kind=AvailabilityKind.OFFERED,
                starts_on=year.school_day(year.days_ahead(weeks * 7)),
                ends_on=year.school_day(year.days_ahead(weeks * 7)) + timedelta(days=25),
                note="Term-time days",
                today=year.today,
            )
        availability_add(
            specialist=specialist,
            kind=AvailabilityKind.BLOCKED,
            starts_on=year.days_ahead(60),
            ends_on=year.days_ahead(64),
            note="Away at a conference",
            today=year.today,
        )
        for number in range(2):
            rating, strength, feedback = FEEDBACK[rng.randrange(len(FEEDBACK))]
            clients = list(School.objects.filter(consortium=consortium).order_by("urn"))
            school = clients[(rng.randrange(5) + number * 5) % len(clients)]
            past_engagement_add(
                specialist=specialist,
                client=school.name,
                practice_area=_areas(consortium, spec.areas[:1])[0],
                ended_on=year.start - timedelta(days=rng.randint(40, 400)),
                summary=f"Two days on {spec.areas[0].lower()} with the staff of {school.name}.",
                evidence_strength=strength,
                rating=rating,
                feedback=feedback,
            )
        ctx.created["availability blocks"] += 3
        ctx.created["past engagements"] += 2
    return made


def _record(ctx, rng, consortium, officer) -> None:
    """Earlier work in the record of practice, and what some schools offer as hosts."""
    schools = list(School.objects.filter(consortium=consortium).order_by("urn"))
    for number, (title, area, years, strength) in enumerate(HISTORY):
        areas = _areas(consortium, [area])
        if not areas:
            continue
        school = schools[(number * 7 + 3) % len(schools)]
        start = ctx.year.start.replace(year=ctx.year.start.year - years)
        practice_entry_save(
            entry=PracticeEntry(
                school=school,
                practice_area=areas[0],
                title=title,
                summary=f"{school.name}: {title.lower()}, led by the school's own staff.",
                period_start=start,
                period_end=start.replace(year=start.year + 1, month=7, day=15),
                evidence="Results and pupils' work kept by the school.",
                evidence_strength=strength,
                shared_at=timezone.now() - timedelta(days=365 * years),
            ),
            by=officer,
        )
        ctx.created["practice entries (by hand)"] += 1
    for school in schools[1::4]:
        host_capacity_set(
            school=school,
            visits_per_term=rng.choice([2, 3, 4]),
            day_rate=Decimal("150.00") if rng.random() < 0.4 else None,
            note="Visits on Tuesdays and Wednesdays, booked through the school office.",
        )
        ctx.created["host offers"] += 1


def _raise(ctx, *, by, raised_on, **fields) -> SupportRequest:
    request = request_raise(by=by, today=raised_on, **fields)
    backdate(SupportRequest, request.pk, created_at=ctx.year.at(raised_on, 10))
    ctx.created["support requests"] += 1
    return request


def _dates(ctx, request, raised_on, *later) -> None:
    """Date the request's events: raised, then each later step on the days given."""
    days = [raised_on, *later]
    events = list(RequestEvent.objects.filter(request=request).order_by("pk"))
    for number, event in enumerate(events):
        RequestEvent.objects.filter(pk=event.pk).update(at=ctx.year.at(days[min(number, len(days) - 1)], 11))
    last = days[min(len(events), len(days)) - 1]
    SupportRequest.objects.filter(pk=request.pk).update(status_changed_at=ctx.year.at(last, 11))
    # Proposals, answers and bookings carry the dates of the steps that made them.
    at = {e.to_status: e.at for e in RequestEvent.objects.filter(request=request).order_by("pk")}
    if RequestStatus.PROPOSED in at:
        Proposal.objects.filter(request=request).update(created_at=at[RequestStatus.PROPOSED])
    if RequestStatus.ACCEPTED in at:
        Proposal.objects.filter(request=request, responded_at__isnull=False).update(
            responded_at=at[RequestStatus.ACCEPTED], updated_at=at[RequestStatus.ACCEPTED]
        )
        Engagement.objects.filter(request=request).update(created_at=at[RequestStatus.ACCEPTED])
    if RequestStatus.BOOKED in at:
        Engagement.objects.filter(request=request).update(booked_at=at[RequestStatus.BOOKED])


def _candidate(request, specialist, today) -> Candidate:
    """The specialist as the match ranks them for the request (or unranked, if the match leaves them out)."""
    for candidate in match(request, kinds=("specialist",), today=today).candidates:
        if candidate.obj.pk == specialist.pk:
            return candidate
    return Candidate(kind="specialist", obj=specialist, score=0.0, factors={})


def _requests(ctx, rng, consortium, officer, specialists) -> None:
    year = ctx.year
    today = year.today
    networks = {n.name: n for n in ctx.networks if n.consortium_id == consortium.pk}
    teacher_school = School.objects.get(consortium=consortium, name=TEACHER_SCHOOL)
    head, leader = ctx.logins["head"], ctx.logins["leader"]

    # Submitted: new at the desk.
    afl = networks[AFL]
    submitted = _raise(
        ctx,
        by=_leader(afl),
        raised_on=year.days_ago(2),
        kind=RequestKind.BARRIER_SUPPORT,
        title="Releasing secondary colleagues for joint sessions",
        need="Our secondary schools cannot release teachers for the network's joint sessions. We need advice from "
        "a network that has solved this, or a specialist who can run sessions after school.",
        reason="Half the network's members missed the last two sessions.",
        practice_areas=_areas(consortium, ["Transition", "Assessment for learning"]),
        network=afl,
        days=Decimal("1"),
    )
    _dates(ctx, submitted, year.days_ago(2))

    # Triaged, being matched: journey 7's request.
    maths = networks[MATHS]
    maths_school = maths.schools.order_by("urn").first()
    triaged = _raise(
        ctx,
        by=officer,
        raised_on=year.days_ago(9),
        kind=RequestKind.SPECIALIST_CONSULTANCY,
        title="Maths mastery in Year 3",
        need="Two days of specialist help with mastery in Year 3, before Easter, within 1,000 GBP.",
        reason="Year 3 arithmetic results fell this autumn, and two teachers are new to the year group.",
        practice_areas=_areas(consortium, ["Numeracy"]),
        school=maths_school,
        network=maths,
        preferred_from=year.school_day(year.days_ahead(35)),
        preferred_to=year.school_day(year.days_ahead(120)),
        days=Decimal("2"),
        budget=Decimal("1000"),
    )
    request_triage(request=triaged, by=officer, note="Matching a specialist and a school that has done this.")
    _dates(ctx, triaged, year.days_ago(9), year.days_ago(7))

    # Proposed: candidates waiting for the demo school lead's answer.
    proposed = _raise(
        ctx,
        by=head,
        raised_on=year.days_ago(12),
        kind=RequestKind.LEARNING_VISIT,
        title="A school to visit for boys' extended writing",
        need="Two teachers would like to see oral rehearsal before writing in a Year 5 or Year 6 class, with "
        "a chance to talk to the pupils.",
        practice_areas=_areas(consortium, ["Literacy"]),
        school=teacher_school,
        preferred_from=year.school_day(year.days_ahead(14)),
        preferred_to=year.school_day(year.days_ahead(70)),
        days=Decimal("1"),
    )
    request_triage(request=proposed, by=officer)
    candidates = [c for c in match(proposed).candidates if c.kind == "school"][:2]
    if candidates:
        proposal_create(request=proposed, by=officer, candidates=candidates, note="Both have a strong record here.")
    _dates(ctx, proposed, year.days_ago(12), year.days_ago(10), year.days_ago(4))

    # Accepted and booked: the demo specialist, in a few weeks.
    writing = networks[WRITING]
    booked = _raise(
        ctx,
        by=leader,
        raised_on=year.days_ago(30),
        kind=RequestKind.SPECIALIST_CONSULTANCY,
        title="Oral rehearsal across the network",
        need="Two days of specialist support: model oral rehearsal in two schools and train the network's "
        "teachers to coach each other.",
        practice_areas=_areas(consortium, ["Literacy"]),
        network=writing,
        preferred_from=year.days_ago(30) + timedelta(days=10),
        preferred_to=year.days_ahead(60),
        days=Decimal("2"),
        budget=Decimal("1200"),
    )
    request_triage(request=booked, by=officer)
    alun = specialists["specialist"]
    others = [c for c in match(booked, kinds=("specialist",)).candidates if c.obj.pk != alun.pk][:1]
    made = proposal_create(request=booked, by=officer, candidates=[_candidate(booked, alun, today), *others])
    engagement = proposal_accept(proposal=made[0], by=leader, reason="He knows our schools and the approach.")
    first = year.school_day(year.days_ahead(24))
    engagement_book(
        engagement=engagement,
        dates=[first, year.school_day(first + timedelta(days=1))],
        by=officer,
        objectives="Model oral rehearsal in two Year 5 classes; coach six teachers to coach each other.",
        expected_impact="More boys paragraph correctly in independent writing by the summer.",
        approach="A morning of modelling in each school, then coaching in pairs in the afternoon.",
    )
    _dates(ctx, booked, year.days_ago(30), year.days_ago(28), year.days_ago(25), year.days_ago(22), year.days_ago(20))

    # Accepted, waiting to be booked.
    voice = networks[VOICE]
    voice_school = voice.schools.order_by("urn")[2]
    accepted = _raise(
        ctx,
        by=officer,
        raised_on=year.days_ago(20),
        kind=RequestKind.PEER_CONSULTANCY,
        title="Setting up pupil learning walks",
        need="A school that runs pupil learning walks to train our pupils and staff.",
        practice_areas=_areas(consortium, ["Pupil voice"]),
        school=voice_school,
        network=voice,
        days=Decimal("1"),
    )
    request_triage(request=accepted, by=officer)
    candidates = [c for c in match(accepted).candidates if c.kind == "school"][:2]
    if candidates:
        made = proposal_create(request=accepted, by=officer, candidates=candidates)
        proposal_accept(proposal=made[0], by=_lead_of(voice_school) or officer, reason="Close by, and they do it well.")
    _dates(ctx, accepted, year.days_ago(20), year.days_ago(18), year.days_ago(15), year.days_ago(5))

    # Completed and reviewed, with an outcome and feedback; and one completed, awaiting its review.
    for number, (title, area, specialist_key, network_name) in enumerate(
        [
            ("Question-level data in Year 7 mathematics", "Use of data", "Educational researcher", AFL),
            ("Place value catch-up groups", "Numeracy", "Dr Rhys Meredith", MATHS),
        ]
    ):
        network = networks[network_name]
        school = network.schools.order_by("urn")[1 + number]
        raised_on = year.days_ago(95 - number * 10)
        request = _raise(
            ctx,
            by=officer,
            raised_on=raised_on,
            kind=RequestKind.SPECIALIST_CONSULTANCY,
            title=title,
            need=f"Two days on {area.lower()} for the staff of {school.name}.",
            practice_areas=_areas(consortium, [area]),
            school=school,
            network=network,
            days=Decimal("2"),
        )
        request_triage(request=request, by=officer)
        specialist = specialists[specialist_key]
        made = proposal_create(request=request, by=officer, candidates=[_candidate(request, specialist, raised_on)])
        engagement = proposal_accept(proposal=made[0], by=_lead_of(school) or officer)
        day = year.school_day(raised_on + timedelta(days=21))
        engagement_book(
            engagement=engagement,
            dates=[day, year.school_day(day + timedelta(days=1))],
            by=officer,
            objectives=request.need,
            expected_impact="Staff use the approach in every class by the end of term.",
            today=raised_on + timedelta(days=7),
        )
        if number == 0:
            engagement_review(
                engagement=engagement,
                by=_lead_of(school) or officer,
                outcome="Pupils now plan their revision from their own question-level results; most can name their "
                "two weakest topics.",
                outcome_strength=EvidenceStrength.DATA,
                rating=5,
                feedback="Well prepared and practical; staff asked for a follow-up next year.",
                progress_review="Both days delivered as planned.",
            )
        else:
            engagement_complete(
                engagement=engagement, by=officer, progress_review="Both days delivered; groups running."
            )
        _dates(
            ctx,
            request,
            raised_on,
            raised_on + timedelta(days=2),
            raised_on + timedelta(days=4),
            raised_on + timedelta(days=6),
            raised_on + timedelta(days=7),
            day + timedelta(days=3),
            day + timedelta(days=20),
        )

    _peer_consultancy_between_networks(ctx, consortium, officer, networks)

    # Withdrawn.
    withdrawn = _raise(
        ctx,
        by=head,
        raised_on=year.days_ago(40),
        kind=RequestKind.SPECIALIST_CONSULTANCY,
        title="Help with a new phonics scheme",
        need="A day of training on the new phonics scheme for our Reception and Year 1 staff.",
        practice_areas=_areas(consortium, ["Literacy", "Early years"]),
        school=teacher_school,
        days=Decimal("1"),
    )
    request_withdraw(request=withdrawn, by=head, note="We found the support we needed within the network.")
    _dates(ctx, withdrawn, year.days_ago(40), year.days_ago(33))


def _peer_consultancy_between_networks(ctx, consortium, officer, networks) -> None:
    """Two days of peer consultancy from a writing-network school to a school of the maths network,
    done in the autumn: knowledge moving from one network to another, as the flow map shows."""
    year = ctx.year
    writing, maths = networks[WRITING], networks[MATHS]
    giver = writing.schools.exclude(name=TEACHER_SCHOOL).exclude(network_schools__network=maths).order_by("urn").first()
    school = maths.schools.exclude(network_schools__network=writing).order_by("urn").first()
    if giver is None or school is None:
        return
    raised_on = year.days_ago(80)
    request = _raise(
        ctx,
        by=officer,
        raised_on=raised_on,
        kind=RequestKind.PEER_CONSULTANCY,
        title="Oral rehearsal before writing in Year 4",
        need="Two days from a school that uses oral rehearsal, to show our Year 4 staff how it works.",
        practice_areas=_areas(consortium, ["Literacy"]),
        school=school,
        network=maths,
        days=Decimal("2"),
    )
    request_triage(request=request, by=officer)
    made = proposal_create(
        request=request, by=officer, candidates=[Candidate(kind="school", obj=giver, score=0.0, factors={})]
    )
    engagement = proposal_accept(proposal=made[0], by=_lead_of(school) or officer)
    day = year.school_day(raised_on + timedelta(days=14))
    engagement_book(
        engagement=engagement,
        dates=[day, year.school_day(day + timedelta(days=1))],
        by=officer,
        objectives=request.need,
        expected_impact="Year 4 pupils rehearse each paragraph aloud before they write it.",
        today=raised_on + timedelta(days=5),
    )
    engagement_complete(engagement=engagement, by=officer, progress_review="Both days delivered; staff trying it.")
    _dates(
        ctx,
        request,
        raised_on,
        raised_on + timedelta(days=2),
        raised_on + timedelta(days=3),
        raised_on + timedelta(days=4),
        raised_on + timedelta(days=5),
        day + timedelta(days=3),
    )


def _bay_requests(ctx, consortium, officer) -> None:
    year = ctx.year
    network = ctx.bay_network
    request = _raise(
        ctx,
        by=ctx.logins["bay-leader"],
        raised_on=year.days_ago(5),
        kind=RequestKind.SPECIALIST_CONSULTANCY,
        title="Reading for pleasure in small rural schools",
        need="A day with a specialist on running class libraries in schools with mixed-age classes.",
        practice_areas=_areas(consortium, ["Literacy"]),
        network=network,
        days=Decimal("1"),
        budget=Decimal("500"),
    )
    _dates(ctx, request, year.days_ago(5))
    request = _raise(
        ctx,
        by=officer,
        raised_on=year.days_ago(15),
        kind=RequestKind.LEARNING_VISIT,
        title="A school to visit for book talk",
        need="Two teachers would like to see book talk between classes of different schools.",
        practice_areas=_areas(consortium, ["Literacy", "Pupil voice"]),
        school=ctx.bay_teacher_school(),
        network=network,
        days=Decimal("1"),
    )
    request_triage(request=request, by=officer)
    _dates(ctx, request, year.days_ago(15), year.days_ago(13))


def _digest(ctx, consortium, officer) -> None:
    """The digest sent once: the period just ended, delivered to those who opted in."""
    if DigestRun.objects.filter(consortium=consortium).exists():
        return
    people = [officer]
    if consortium.pk == ctx.consortium.pk:
        people += [ctx.logins["leader"], ctx.logins["head"]]
    else:
        people += [ctx.logins["bay-leader"]]
    for user in people:
        digest_subscriptions_set(user=user, consortia=[consortium])
    # The last week in which something joined the record: the digest for that week went out.
    monday = ctx.year.today - timedelta(days=ctx.year.today.weekday())
    latest = (
        PracticeEntry.objects.filter(school__consortium=consortium, shared_at__lt=ctx.year.at(monday, 0))
        .order_by("-shared_at")
        .values_list("shared_at", flat=True)
        .first()
    )
    if latest is None:
        return
    day = timezone.localdate(latest)
    run = digest_plan(consortium=consortium, today=day + timedelta(days=7 - day.weekday()))
    if run is None:
        return
    sent = timezone.now() - timedelta(hours=6)
    DigestDelivery.objects.filter(run=run, sent_at__isnull=True).update(sent_at=sent)
    ctx.created["digests sent"] += DigestDelivery.objects.filter(run=run).count()
