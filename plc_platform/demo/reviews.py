"""The demo year's self-review: rounds, answers that tell a story, maturity stages, notices and
email preferences.

Every self-review import of the demo is in this module: the models, services and reads of the
``reviews`` app (``reviews.models``, ``reviews.services``, ``reviews.reads``). Email preferences
belong to ``networks``.

For each network: two closed rounds on the seven key features (the latest autumn and spring
windows that have passed), one closed round on the eight characteristics (the latest summer), and
one open round that opened six days ago and closes in a fortnight, answered by about half of its
audience so far. The answers tell the story of journey 3: Accountability and Building capacity
weakest, leaders rating Relationships far higher than staff, one school seeing Purpose and focus
quite differently, and Collaboration rising from the earlier round to the later one.

Closed rounds cannot be made through ``round_create`` (it refuses a closing date in the past), so
they are written as ``round_open`` and ``round_close`` leave them, with their answers in bulk; the
open round is written the same way rather than through ``round_create``, because that would email
its whole audience from the seed: its "round opened" notices are recorded as sent instead, so the
notice sweep never sends them later. Answers to the open round go through ``response_start`` and
``response_submit``, so each response gets its school and group as the service works them out.
"""

from __future__ import annotations

from datetime import date, timedelta

from networks.models import LEADER_ROLES, EmailPreference, Membership, Network, NetworkSchool, Role, School, User
from networks.services import email_preferences_set
from reviews.models import (
    Answer,
    Framework,
    MaturityStage,
    Notice,
    NoticeKind,
    Question,
    ResponseGroup,
    ReviewResponse,
    ReviewRound,
    RoundStatus,
    SchoolMaturity,
)
from reviews.reads import audience_memberships, rounds_to_answer
from reviews.services import (
    REVIEW_LEADER_ROLES,
    maturity_record,
    response_start,
    response_submit,
)

from .context import DemoContext
from .timeline import backdate

__all__ = ["rounds_waiting", "seed_reviews", "seed_notices", "ReviewRound", "RoundStatus"]

SEVEN = "seven-key-features"
EIGHT = "eight-characteristics"
MIN_RESPONDENTS = 15

# Mean rating (1 to 4) by feature, for leaders and for staff.
SEVEN_STORY = {
    "purpose-and-focus": (3.2, 3.0),
    "relationships": (3.7, 2.3),
    "collaboration": (2.0, 1.9),  # the earlier round; the later one adds COLLABORATION_RISE
    "enquiry": (2.9, 2.7),
    "leadership": (2.9, 2.6),
    "accountability": (1.7, 1.6),
    "building-capacity-and-support": (1.8, 1.7),
}
COLLABORATION_RISE = 1.1
DIFFERENT_SCHOOL_PURPOSE = 1.5  # how the one school that sees it differently rates Purpose and focus
EIGHT_STORY = {
    "shared-values-and-vision": (3.3, 3.0),
    "collective-responsibility": (3.0, 2.6),
    "reflective-professional-enquiry": (2.6, 2.4),
    "collaboration-on-learning-and-wellbeing": (2.9, 2.6),
    "group-and-individual-learning": (2.7, 2.5),
    "openness-networks-and-partnership": (3.1, 2.7),
    "inclusive-membership": (2.2, 1.9),
    "mutual-trust-respect-and-support": (3.5, 2.9),
}

COMMENTS = {
    "purpose-and-focus": [
        "We agreed the focus at the first meeting, but new staff have not heard it explained.",
        "The network's focus is written into our school development plan.",
        "I could say what the network is for, but not how my class fits into it.",
        "Our school reads the focus differently from the others: we need to talk about it together.",
    ],
    "relationships": [
        "Heads get on well; teachers from different schools have met only once or twice.",
        "The twilight sessions have helped, but we need time to work together, not just to listen.",
        "Trust is growing: people now share lessons that did not go well.",
    ],
    "collaboration": [
        "Joint planning has started between two of our schools this term.",
        "We visit each other more than last year, and now plan the follow-up together.",
        "Peer observation is arranged, but cover is hard to find.",
    ],
    "enquiry": [
        "Several of us have an enquiry running, with a baseline recorded.",
        "We collect data but rarely talk about what it tells us.",
    ],
    "leadership": [
        "Leadership still rests with a few people; the co-leader role has helped.",
        "Teachers lead the sessions now, not only the heads.",
    ],
    "accountability": [
        "We do not yet report to governors on what the network has achieved.",
        "Nobody checks whether what we agreed at a meeting happened afterwards.",
        "We have no shared measure of impact on pupils yet.",
    ],
    "building-capacity-and-support": [
        "Release time is the main barrier: supply cover is hard to fund.",
        "There is no plan for how new staff join the network's work.",
        "We rely on the consortium for training rather than on each other.",
    ],
}
EIGHT_COMMENTS = [
    "Staff meetings now start with pupils' learning, not with notices.",
    "Support staff are not yet part of the professional learning community.",
    "We are more open with other schools than we were a year ago.",
]

MATURITY_RATIONALE = {
    MaturityStage.EARLY_STARTER: "A small group of enthusiasts is trying things out; most staff are not involved yet.",
    MaturityStage.DEVELOPER: "Most staff take part in enquiry and learning visits; leadership is starting to spread.",
    MaturityStage.MATURE: "Enquiry is part of how the school works; staff lead learning for other schools.",
}


# Rounds ------------------------------------------------------------------------------------------


def _windows(today: date) -> dict[str, tuple[date, date]]:
    """The latest autumn, spring and summer review windows that have closed before today."""
    found = {}
    for year in range(today.year, today.year - 3, -1):
        for season, month in (("autumn", 10), ("summer", 6), ("spring", 2)):
            opens, closes = date(year, month, 1), date(year, month, 21)
            if closes < today and season not in found:
                found[season] = (opens, closes)
    return found


def _rating(rng, mean: float) -> int:
    if rng.random() < 0.04:
        return 0  # don't know
    return max(1, min(4, round(mean + rng.gauss(0, 0.55))))


def _audience(round: ReviewRound) -> list[tuple[int, str, School | None]]:
    """(person, group, school) for each active person the round asks, as the service groups them."""
    network_schools = set(NetworkSchool.objects.filter(network=round.network_id).values_list("school_id", flat=True))
    people: dict[int, dict] = {}
    for user_id, role, school_id in (
        audience_memberships(round)
        .filter(user__is_active=True)
        .order_by("pk")
        .values_list("user_id", "role", "school_id")
    ):
        person = people.setdefault(user_id, {"leader": False, "school": None})
        person["leader"] |= role in REVIEW_LEADER_ROLES
        if school_id in network_schools and person["school"] is None:
            person["school"] = school_id
    # A network member's school comes from their school membership in the network's schools.
    missing = [pk for pk, p in people.items() if p["school"] is None]
    for user_id, school_id in (
        Membership.objects.filter(user_id__in=missing, school_id__in=network_schools)
        .order_by("pk")
        .values_list("user_id", "school_id")
    ):
        if people[user_id]["school"] is None:
            people[user_id]["school"] = school_id
    return [
        (pk, ResponseGroup.LEADER if p["leader"] else ResponseGroup.STAFF, p["school"])
        for pk, p in sorted(people.items())
    ]


def _round(network: Network, framework: Framework, title: str, opens_on: date, closes_on: date, year, opener, status):
    round = ReviewRound.objects.create(
        network=network,
        framework=framework,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        status=status,
        opened_by=opener,
        opened_at=year.at(opens_on, 8),
        closed_at=year.at(closes_on + timedelta(days=1), 7) if status == RoundStatus.CLOSED else None,
    )
    backdate(ReviewRound, round.pk, created_at=year.at(opens_on - timedelta(days=7)), updated_at=round.opened_at)
    return round


def _answers_for(rng, response_id, questions, story, group, different: bool, collaboration_rise: float):
    leader = group == ResponseGroup.LEADER
    rows = []
    for question in questions:
        slug = question.feature.slug
        mean = story[slug][0 if leader else 1]
        if slug == "collaboration":
            mean += collaboration_rise
        if slug == "purpose-and-focus" and different:
            mean = DIFFERENT_SCHOOL_PURPOSE
        rows.append(Answer(response_id=response_id, question=question, rating=_rating(rng, mean)))
    return rows


def _closed_round(ctx, rng, network, framework, title, window, story, opener, *, rise=0.0):
    opens_on, closes_on = window
    round = _round(network, framework, title, opens_on, closes_on, ctx.year, opener, RoundStatus.CLOSED)
    audience = _audience(round)
    count = min(len(audience), max(MIN_RESPONDENTS, round_share(len(audience), 0.85)))
    # Every leader answers; the rest are a sample of the staff.
    leaders = [row for row in audience if row[1] == ResponseGroup.LEADER]
    staff = [row for row in audience if row[1] != ResponseGroup.LEADER]
    chosen = sorted(leaders + rng.sample(staff, max(0, min(len(staff), count - len(leaders)))))
    by_school: dict[int, int] = {}
    for _, _, school_id in chosen:
        if school_id:
            by_school[school_id] = by_school.get(school_id, 0) + 1
    # The one school that sees Purpose and focus differently: the second largest group of respondents.
    ranked = sorted(by_school, key=lambda s: (-by_school[s], s))
    different = ranked[1] if len(ranked) > 1 else None
    submitted = ctx.year.at(closes_on - timedelta(days=3), 16)
    responses = ReviewResponse.objects.bulk_create(
        [
            ReviewResponse(round=round, user_id=user_id, group=group, school_id=school_id, submitted_at=submitted)
            for user_id, group, school_id in chosen
        ]
    )
    if responses[0].pk is None:  # a database that does not return ids from a bulk insert
        responses = list(ReviewResponse.objects.filter(round=round).order_by("pk"))
    questions = list(Question.objects.filter(feature__framework=framework).select_related("feature"))
    answers = []
    for number, response in enumerate(responses):
        rows = _answers_for(rng, response.pk, questions, story, response.group, response.school_id == different, rise)
        if number % 3 == 0:  # a comment under a feature or two from every third person
            for row in rng.sample(rows, 2):
                pool = COMMENTS.get(row.question.feature.slug, EIGHT_COMMENTS)
                row.comment = rng.choice(pool)
        answers += rows
    Answer.objects.bulk_create(answers, batch_size=500)
    ReviewResponse.objects.filter(round=round).update(created_at=ctx.year.at(opens_on, 12), updated_at=submitted)
    Answer.objects.filter(response__round=round).update(created_at=submitted, updated_at=submitted)
    ctx.created["closed self-review rounds"] += 1
    ctx.created["self-review answers"] += len(answers)
    return round


def round_share(total: int, share: float) -> int:
    return int(total * share + 0.5)


def _open_round(ctx, rng, network, framework, opener, leave_out: set[int]):
    year = ctx.year
    opens_on, closes_on = year.days_ago(6), year.days_ahead(15)
    title = f"Self-review, {opens_on:%B %Y}"
    round = _round(network, framework, title, opens_on, closes_on, year, opener, RoundStatus.OPEN)
    audience = [row for row in _audience(round) if row[0] not in leave_out]
    questions = list(Question.objects.filter(feature__framework=framework).select_related("feature"))
    users = {u.pk: u for u in User.objects.filter(pk__in=[pk for pk, _, _ in audience])}
    answered = sorted(rng.sample(audience, round_share(len(audience), 0.5)))
    for number, (user_id, _, _) in enumerate(answered):
        response = response_start(round=round, user=users[user_id])
        rows = _answers_for(rng, response.pk, questions, SEVEN_STORY, response.group, False, COLLABORATION_RISE)
        complete = number % 3 != 2  # two in three have submitted; the rest are part-way through
        if not complete:
            rows = rows[: rng.randint(8, len(rows) - 5)]
        Answer.objects.bulk_create(rows)
        if complete:
            response_submit(response=response)
    ctx.created["open self-review rounds"] += 1
    return round


def seed_reviews(ctx: DemoContext) -> None:
    """The rounds of every demo network that has none yet, and the maturity stages of their schools."""
    frameworks = {f.slug: f for f in Framework.objects.filter(slug__in=[SEVEN, EIGHT])}
    if len(frameworks) < 2:
        raise RuntimeError("The self-review frameworks are missing: run manage.py migrate first.")
    windows = _windows(ctx.year.today)
    # The later of the two seven-key-features rounds shows Collaboration risen.
    earlier, later = sorted(["autumn", "spring"], key=lambda season: windows[season][0])
    demo_people = {ctx.logins[k].pk for k in ("teacher", "leader", "head", "bay-teacher", "bay-leader")}
    for network in ctx.networks:
        if ReviewRound.objects.filter(network=network).exists():
            continue
        rng = ctx.stream(f"reviews:{network.slug}")
        opener = (
            User.objects.filter(memberships__network=network, memberships__role=Role.NETWORK_LEADER)
            .order_by("pk")
            .first()
        )
        for season in (earlier, later):
            opens_on = windows[season][0]
            _closed_round(
                ctx,
                rng,
                network,
                frameworks[SEVEN],
                f"{season.capitalize()} self-review {opens_on.year}",
                windows[season],
                SEVEN_STORY,
                opener,
                rise=COLLABORATION_RISE if season == later else 0.0,
            )
        summer = windows["summer"]
        _closed_round(
            ctx,
            rng,
            network,
            frameworks[EIGHT],
            f"Eight characteristics, summer {summer[0].year}",
            summer,
            EIGHT_STORY,
            opener,
        )
        # The demo logins have the open round still to answer, so their home page shows it.
        _open_round(ctx, rng, network, frameworks[SEVEN], opener, leave_out=demo_people)
        _maturity(ctx, rng, network)


def _maturity(ctx: DemoContext, rng, network: Network) -> None:
    """A stage for most of the network's schools, recorded last year; some moved up this autumn."""
    year = ctx.year
    schools = list(network.schools.order_by("urn"))
    leads = {
        m.school_id: m.user
        for m in Membership.objects.filter(school__in=schools, role=Role.SCHOOL_LEAD)
        .select_related("user")
        .order_by("-pk")
    }
    stages = list(MaturityStage.values)
    for school in schools:
        if SchoolMaturity.objects.filter(school=school).exists() or rng.random() < 0.15:
            continue
        by = leads.get(school.pk)
        first = stages[min(2, int(rng.random() * 2.4))]
        record = maturity_record(
            school=school,
            stage=first,
            rationale=MATURITY_RATIONALE[first],
            recorded_by=by,
            recorded_on=year.start - timedelta(days=rng.randint(60, 120)),
        )
        backdate(SchoolMaturity, record.pk, created_at=year.at(record.recorded_on, 15))
        ctx.created["maturity records"] += 1
        if first != MaturityStage.MATURE and rng.random() < 0.45:
            moved = stages[stages.index(first) + 1]
            record = maturity_record(
                school=school,
                stage=moved,
                rationale=MATURITY_RATIONALE[moved],
                recorded_by=by,
                recorded_on=min(year.days_ago(rng.randint(10, 40)), year.today),
            )
            backdate(SchoolMaturity, record.pk, created_at=year.at(record.recorded_on, 15))
            ctx.created["maturity records"] += 1


# Notices and email preferences --------------------------------------------------------------------

PREFERENCES = {
    # login key: the kinds of email that person has turned off
    "teacher": {"leader_summaries": False},
    "leader": {"activity_updates": False},
    "head": {"review_invitations": False, "enquiry_comments": False},
    "colead": {"review_reminders": False},
    "bay-teacher": {"activity_updates": False},
}


def seed_notices(ctx: DemoContext) -> None:
    """The emails the self-reviews sent (recorded as sent, none sent now) and a few people's choices."""
    for key, choices in PREFERENCES.items():
        user = ctx.logins[key]
        if not EmailPreference.objects.filter(user=user).exists():
            email_preferences_set(user=user, **choices)
            ctx.created["email preferences"] += 1
    for network in ctx.networks:
        rounds = list(ReviewRound.objects.filter(network=network))
        if Notice.objects.filter(round__in=rounds).exists():
            continue
        leaders = list(
            User.objects.filter(memberships__network=network, memberships__role__in=LEADER_ROLES)
            .distinct()
            .order_by("pk")
        )
        no_openings = set(EmailPreference.objects.filter(review_invitations=False).values_list("user_id", flat=True))
        no_summaries = set(EmailPreference.objects.filter(leader_summaries=False).values_list("user_id", flat=True))
        notices = []
        for round in rounds:
            if round.status == RoundStatus.OPEN:
                kind, due_at, people, off = NoticeKind.ROUND_OPENED, round.opened_at, _audience(round), no_openings
                people = [user_id for user_id, _, _ in people]
            else:
                kind, due_at, people, off = (
                    NoticeKind.ROUND_CLOSED,
                    round.closed_at,
                    [u.pk for u in leaders],
                    no_summaries,
                )
            notices += [
                Notice(
                    user_id=user_id,
                    round=round,
                    network=network,
                    kind=kind,
                    due_at=due_at,
                    sent_at=due_at + timedelta(minutes=5),
                    skipped=user_id in off,
                )
                for user_id in people
            ]
        Notice.objects.bulk_create(notices)
        ctx.created["notices"] += len(notices)


# Reads for the table of logins -------------------------------------------------------------------


def rounds_waiting(user: User) -> list[ReviewRound]:
    """Open rounds that ask this person and that they have not submitted."""
    return list(rounds_to_answer(user))
