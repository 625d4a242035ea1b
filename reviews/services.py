"""Writes for self-review: rounds, responses, answers and maturity stages (<thing>_<action>)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from networks.enqueue import enqueue_on_commit
from networks.models import LEADER_ROLES, Membership, Network, NetworkSchool, Role, School, User

from .models import (
    Answer,
    Framework,
    Question,
    Rating,
    ResponseGroup,
    ReviewResponse,
    ReviewRound,
    RoundStatus,
    SchoolMaturity,
)
from .reads import audience_memberships_of, in_audience, unanswered_questions


class ReviewError(Exception):
    """A self-review action that cannot be done; the message says why, for the person."""


def _enqueue_sweep() -> None:
    from .tasks import sweep_notices

    enqueue_on_commit(sweep_notices)


def _validate_dates(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise ReviewError(gettext("The closing date must be on or after the opening date."))


@transaction.atomic
def round_create(
    *,
    network: Network,
    framework: Framework,
    opens_on: date,
    closes_on: date,
    created_by: User,
    title: str = "",
    audience_schools: Iterable[School] = (),
    audience_roles: Iterable[str] = (),
) -> ReviewRound:
    """Create a round; one whose opening date has come opens at once."""
    _validate_dates(opens_on, closes_on)
    if closes_on < timezone.localdate():
        raise ReviewError(gettext("The closing date has passed already."))
    schools = list(audience_schools)
    if any(not NetworkSchool.objects.filter(network=network, school=s).exists() for s in schools):
        raise ReviewError(gettext("Choose schools from this network only."))
    round = ReviewRound.objects.create(
        network=network,
        framework=framework,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        audience_roles=list(audience_roles),
        opened_by=created_by,
    )
    round.audience_schools.set(schools)
    if opens_on <= timezone.localdate():
        round = round_open(round=round)
    return round


@transaction.atomic
def round_open(*, round: ReviewRound) -> ReviewRound:
    """Open a draft round now; the sweep tells its audience."""
    round = ReviewRound.objects.select_for_update().get(pk=round.pk)
    if not round.is_draft:
        raise ReviewError(gettext("This round is %(status)s already.") % {"status": round.get_status_display().lower()})
    today = timezone.localdate()
    round.status = RoundStatus.OPEN
    round.opened_at = timezone.now()
    round.opens_on = min(round.opens_on, today)
    round.save(update_fields=["status", "opened_at", "opens_on", "updated_at"])
    _enqueue_sweep()
    return round


@transaction.atomic
def round_extend(*, round: ReviewRound, closes_on: date) -> ReviewRound:
    round = ReviewRound.objects.select_for_update().get(pk=round.pk)
    if round.is_closed:
        raise ReviewError(gettext("This round has closed; open a new round instead."))
    _validate_dates(round.opens_on, closes_on)
    if closes_on < timezone.localdate():
        raise ReviewError(gettext("The new closing date has passed already."))
    round.closes_on = closes_on
    round.save(update_fields=["closes_on", "updated_at"])
    return round


@transaction.atomic
def round_close(*, round: ReviewRound) -> ReviewRound:
    """Close a round (early, or when its closing day has passed); leaders get a summary."""
    round = ReviewRound.objects.select_for_update().get(pk=round.pk)
    if round.is_closed:
        return round
    round.status = RoundStatus.CLOSED
    round.closed_at = timezone.now()
    round.save(update_fields=["status", "closed_at", "updated_at"])
    _enqueue_sweep()
    return round


def rounds_advance(*, today: date | None = None) -> tuple[int, int]:
    """Open drafts whose opening day has come and close open rounds whose closing day has passed.
    Returns (opened, closed). Safe to run from several workers at once."""
    today = today or timezone.localdate()
    opened = closed = 0
    for round in ReviewRound.objects.filter(status=RoundStatus.DRAFT, opens_on__lte=today, closes_on__gte=today):
        try:
            round_open(round=round)
            opened += 1
        except ReviewError:
            pass
    for round in ReviewRound.objects.filter(status=RoundStatus.OPEN, closes_on__lt=today):
        round_close(round=round)
        closed += 1
    return opened, closed


# Who answers as a leader when results compare leaders with staff: the network's leaders and
# co-leaders, the heads (school leads) of its schools, and the consortium's staff.
REVIEW_LEADER_ROLES = (*LEADER_ROLES, Role.SCHOOL_LEAD)


def _group_and_school(round: ReviewRound, user) -> tuple[str, School | None]:
    memberships = audience_memberships_of(round, user)
    leads = any(m.role in REVIEW_LEADER_ROLES for m in memberships) or (
        Membership.objects.filter(user=user, role=Role.CONSORTIUM_STAFF, consortium__networks=round.network_id).exists()
    )
    group = ResponseGroup.LEADER if leads else ResponseGroup.STAFF
    schools = [m.school for m in memberships if m.school_id]
    if not schools:
        school_ids = NetworkSchool.objects.filter(network=round.network_id).values("school_id")
        schools = list(School.objects.filter(memberships__user=user, pk__in=school_ids)[:1])
    return group, (schools[0] if schools else None)


def response_start(*, round: ReviewRound, user: User) -> ReviewResponse:
    """The person's one response to the round, created on first visit."""
    if not round.is_open:
        raise ReviewError(gettext("This round is not open for answers."))
    existing = ReviewResponse.objects.filter(round=round, user=user).first()
    if existing:
        return existing
    if not in_audience(round, user):
        raise ReviewError(gettext("This round was not sent to you."))
    group, school = _group_and_school(round, user)
    response, _ = ReviewResponse.objects.get_or_create(
        round=round, user=user, defaults={"group": group, "school": school}
    )
    return response


def _require_open(response: ReviewResponse) -> None:
    round = ReviewRound.objects.only("status").get(pk=response.round_id)
    if not round.is_open:
        raise ReviewError(gettext("This round has closed: answers can no longer be changed."))


@transaction.atomic
def answer_save(*, response: ReviewResponse, question: Question, rating: int, comment: str = "") -> Answer:
    _require_open(response)
    if rating not in Rating.values:
        raise ReviewError(gettext("Choose one of the ratings on the scale, or don't know."))
    if question.feature.framework_id != response.round.framework_id:
        raise ReviewError(gettext("That question is not part of this round."))
    answer, _ = Answer.objects.update_or_create(
        response=response, question=question, defaults={"rating": rating, "comment": comment.strip()}
    )
    ReviewResponse.objects.filter(pk=response.pk).update(updated_at=timezone.now())
    return answer


@transaction.atomic
def answers_save(*, response: ReviewResponse, answers: Iterable[tuple[Question, int, str]]) -> None:
    """Save the given answers, as (question, rating, comment), all or none; those that match what
    is saved already are left alone (htmx saved most of them as they were given)."""
    saved = {a.question_id: (a.rating, a.comment) for a in response.answers.all()}
    for question, rating, comment in answers:
        if saved.get(question.pk) == (rating, comment.strip()):
            continue
        answer_save(response=response, question=question, rating=rating, comment=comment)


@transaction.atomic
def response_submit(*, response: ReviewResponse) -> ReviewResponse:
    """Submit when every question has an answer ("don't know" counts); stays editable until close."""
    _require_open(response)
    missing = unanswered_questions(response).count()
    if missing:
        raise ReviewError(
            ngettext("%(missing)s question still to answer.", "%(missing)s questions still to answer.", missing)
            % {"missing": missing}
        )
    if response.submitted_at is None:
        response.submitted_at = timezone.now()
        response.save(update_fields=["submitted_at", "updated_at"])
    return response


def review_settings_save(*, network: Network, reminder_days: list[int], review_cadence: str) -> Network:
    """A network's self-review settings: the reminder days before a round closes, and its cadence."""
    network.reminder_days = reminder_days
    network.review_cadence = review_cadence
    network.save()
    return network


def maturity_record(
    *, school: School, stage: str, rationale: str, recorded_by: User, recorded_on: date | None = None
) -> SchoolMaturity:
    return SchoolMaturity.objects.create(
        school=school,
        stage=stage,
        rationale=rationale.strip(),
        recorded_by=recorded_by,
        recorded_on=recorded_on or timezone.localdate(),
    )
