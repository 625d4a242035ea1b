"""Writes at the brokerage desk, one function each (<thing>_<action>), keyword-only and atomic.

A refusal is a `BrokerageError` whose message is for the person; nothing is saved when one is raised.
Costs: an engagement's cost is its days x the provider's day rate (the specialist's rate, or the
host school's fee, if any), in GBP to two places. The consortium's own rates (the activities app)
are not read yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from enquiry.models import Enquiry, Sharing
from networks.enqueue import enqueue_on_commit
from networks.i18n import override_for
from networks.models import AuditAction, Consortium, EmailPreference, Network, PracticeArea, School, User
from networks.services import audit_record, email_preferences_url, site_url
from networks.text import email_subject, money

from . import reads, text
from .matching import Candidate
from .models import (
    FACTORS,
    OPEN_REQUEST_STATUSES,
    AvailabilityBlock,
    AvailabilityKind,
    BrokerageSettings,
    Engagement,
    EngagementDay,
    EngagementStatus,
    HostCapacity,
    PastEngagement,
    Phase,
    PracticeEntry,
    Proposal,
    ProposalStatus,
    RequestEvent,
    RequestKind,
    RequestStatus,
    Source,
    Specialist,
    SpecialistPhase,
    SpecialistTravelArea,
    SupportRequest,
)
from .permissions import (
    BOOKABLE_ENGAGEMENT_STATUSES,
    MATCHABLE_REQUEST_STATUSES,
    raisable_networks,
    raisable_schools,
)

TWO_PLACES = Decimal("0.01")


class BrokerageError(Exception):
    """Something the desk cannot do; the message says why, for the person."""


class BookingRefused(BrokerageError):
    """A booking that would double-book a specialist, fall on blocked dates or pass a host's capacity."""


# Requests ----------------------------------------------------------------------------------------


def _status(obj) -> str:
    """The state of a request, proposal or engagement as it reads inside a sentence."""
    return obj.get_status_display().lower()


def _transition(request: SupportRequest, to_status: str, *, by: User | None, note: str = "") -> None:
    RequestEvent.objects.create(request=request, from_status=request.status, to_status=to_status, by=by, note=note)
    request.status = to_status
    request.status_changed_at = timezone.now()
    request.save(update_fields=["status", "status_changed_at", "updated_at"])


def _locked(request: SupportRequest) -> SupportRequest:
    return (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("consortium", "school", "network")
        .get(pk=request.pk)
    )


@transaction.atomic
def request_raise(
    *,
    by: User,
    kind: str,
    title: str,
    need: str,
    practice_areas: Sequence[PracticeArea],
    school: School | None = None,
    network: Network | None = None,
    reason: str = "",
    preferred_from: date | None = None,
    preferred_to: date | None = None,
    days: Decimal = Decimal("1"),
    budget: Decimal | None = None,
    phase: str = "",
    host_school: School | None = None,
    enquiry: Enquiry | None = None,
    today: date | None = None,
) -> SupportRequest:
    """Raise a request for a school or a network the person may speak for; a learning visit may
    name the school to visit and the shared enquiry it was asked for from."""
    practice_areas = list(practice_areas)
    problems = reads.request_problems(
        school=school,
        network=network,
        practice_areas=practice_areas,
        preferred_from=preferred_from,
        preferred_to=preferred_to,
        days=days,
        budget=budget,
        today=today,
    )
    if problems:
        raise BrokerageError(" ".join(problems.values()))
    if kind not in RequestKind.values:
        raise BrokerageError(gettext("Choose what kind of support is needed."))
    if school and not raisable_schools(by).filter(pk=school.pk).exists():
        raise BrokerageError(gettext("You cannot raise a request for %(name)s.") % {"name": school.name})
    if network and not school and not raisable_networks(by).filter(pk=network.pk).exists():
        raise BrokerageError(gettext("You cannot raise a request for %(name)s.") % {"name": network.name})
    if enquiry is not None:
        shared = Enquiry.objects.visible_to(by).exclude(sharing=Sharing.PRIVATE)
        if not shared.filter(pk=enquiry.pk).exists():
            raise BrokerageError(gettext("That enquiry is not shared with you."))
        host_school = host_school or enquiry.school
    if host_school is not None and host_school == school:
        raise BrokerageError(
            gettext("%(school)s is the school the request is for: ask to visit another.") % {"school": host_school.name}
        )
    if not phase and school:
        phase = Phase.of_school(school.phase)
    request = SupportRequest.objects.create(
        consortium_id=school.consortium_id if school else network.consortium_id,
        kind=kind,
        school=school,
        network=network,
        raised_by=by,
        title=title.strip(),
        need=need.strip(),
        reason=reason.strip(),
        phase=phase,
        preferred_from=preferred_from,
        preferred_to=preferred_to,
        days=days,
        budget=budget,
        host_school=host_school,
        enquiry=enquiry,
    )
    request.practice_areas.set(practice_areas)
    RequestEvent.objects.create(request=request, to_status=RequestStatus.SUBMITTED, by=by)
    return request


@transaction.atomic
def request_triage(*, request: SupportRequest, by: User, note: str = "") -> SupportRequest:
    """Staff have read the request and taken it on."""
    request = _locked(request)
    if request.status != RequestStatus.SUBMITTED:
        raise BrokerageError(gettext("This request is %(status)s already.") % {"status": _status(request)})
    _transition(request, RequestStatus.TRIAGED, by=by, note=note.strip())
    return request


@transaction.atomic
def request_withdraw(*, request: SupportRequest, by: User, note: str = "") -> SupportRequest:
    """Withdraw a request that is still open; its proposals lapse and a booked engagement is cancelled."""
    request = _locked(request)
    if request.status not in OPEN_REQUEST_STATUSES:
        raise BrokerageError(
            gettext("This request is %(status)s: it cannot be withdrawn.") % {"status": _status(request)}
        )
    for engagement in Engagement.objects.filter(request=request).exclude(status=EngagementStatus.CANCELLED):
        _cancel(engagement, by=by, why="request withdrawn")
    Proposal.objects.filter(request=request, status=ProposalStatus.PROPOSED).update(
        status=ProposalStatus.WITHDRAWN, updated_at=timezone.now()
    )
    _transition(request, RequestStatus.WITHDRAWN, by=by, note=note.strip())
    return request


# Proposals ---------------------------------------------------------------------------------------


@transaction.atomic
def proposal_create(
    *, request: SupportRequest, by: User, candidates: Iterable[Candidate], note: str = ""
) -> list[Proposal]:
    """Put candidates from the match to the requester, with their score and reasons as they stand."""
    request = _locked(request)
    if request.status not in MATCHABLE_REQUEST_STATUSES:
        raise BrokerageError(
            gettext("This request is %(status)s: no more candidates can be proposed.") % {"status": _status(request)}
        )
    candidates = list(candidates)
    if not candidates:
        raise BrokerageError(gettext("Choose at least one candidate to propose."))
    made = []
    for candidate in candidates:
        obj = candidate.obj
        if obj.consortium_id != request.consortium_id:
            raise BrokerageError(
                gettext("%(name)s is not in %(consortium)s.")
                % {"name": obj.name, "consortium": request.consortium.name}
            )
        kind = {"specialist": obj} if candidate.kind == "specialist" else {"school": obj}
        if candidate.kind == "school" and obj.pk == request.school_id:
            raise BrokerageError(gettext("A school cannot be proposed to itself."))
        if Proposal.objects.filter(request=request, **kind).exists():
            raise BrokerageError(gettext("%(name)s has been proposed for this request already.") % {"name": obj.name})
        made.append(
            Proposal.objects.create(
                request=request,
                score=round(candidate.score, 2),
                reasons=candidate.reasons_as_data(),
                note=note.strip(),
                proposed_by=by,
                **kind,
            )
        )
    if request.status != RequestStatus.PROPOSED:
        names = text.join_words(p.candidate.name for p in made)
        _transition(request, RequestStatus.PROPOSED, by=by, note=f"Proposed {names}.")
    from .tasks import send_proposals_email

    enqueue_on_commit(send_proposals_email, request.pk, [p.pk for p in made])
    return made


def proposals_send_email(*, request_id: int, proposal_ids: list[int]) -> bool:
    """Tell whoever raised the request that the desk has proposed candidates (if they want such
    emails); the request's page and their home page list them until they answer."""
    request = SupportRequest.objects.select_related("raised_by", "school", "network").filter(pk=request_id).first()
    if request is None or request.raised_by is None:
        return False
    user = request.raised_by
    if not user.is_active or not user.email or not EmailPreference.wants(user, "support_requests"):
        return False
    proposals = list(
        Proposal.objects.filter(pk__in=proposal_ids, request=request, status=ProposalStatus.PROPOSED).select_related(
            "specialist", "school"
        )
    )
    if not proposals:
        return False
    preferences_url = email_preferences_url(user)
    context = {
        "request": request,
        "proposals": proposals,
        "user": user,
        "url": site_url(request.get_absolute_url()),
        "preferences_url": preferences_url,
    }
    with override_for(user):  # in the recipient's language
        message = EmailMessage(
            subject=email_subject("brokerage/email/proposals_subject.txt", context),
            body=render_to_string("brokerage/email/proposals.txt", context),
            to=[user.email],
            headers={"Auto-Submitted": "auto-generated", "List-Unsubscribe": f"<{preferences_url}>"},
        )
    message.send()
    return True


def _proposal_for_answer(proposal: Proposal) -> tuple[Proposal, SupportRequest]:
    request = _locked(proposal.request)
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("specialist", "school").get(pk=proposal.pk)
    )
    if proposal.status != ProposalStatus.PROPOSED:
        raise BrokerageError(
            gettext("This proposal has been answered already (%(status)s).") % {"status": _status(proposal)}
        )
    if request.status != RequestStatus.PROPOSED:
        raise BrokerageError(
            gettext("This request is %(status)s: proposals cannot be answered.") % {"status": _status(request)}
        )
    return proposal, request


def _rate_of(proposal: Proposal) -> Decimal:
    if proposal.specialist_id:
        return proposal.specialist.day_rate
    offer = reads.host_offer(proposal.school_id)
    return offer.day_rate if offer and offer.day_rate is not None else Decimal("0.00")


def _cost(days: Decimal, rate: Decimal) -> Decimal:
    return (Decimal(days) * Decimal(rate)).quantize(TWO_PLACES)


@transaction.atomic
def proposal_accept(*, proposal: Proposal, by: User, reason: str = "") -> Engagement:
    """The requester takes this candidate: it becomes a planned engagement; the others lapse."""
    proposal, request = _proposal_for_answer(proposal)
    now = timezone.now()
    proposal.status = ProposalStatus.ACCEPTED
    proposal.response_reason = reason.strip()
    proposal.responded_by = by
    proposal.responded_at = now
    proposal.save(update_fields=["status", "response_reason", "responded_by", "responded_at", "updated_at"])
    Proposal.objects.filter(request=request, status=ProposalStatus.PROPOSED).update(
        status=ProposalStatus.SUPERSEDED, updated_at=now
    )
    rate = _rate_of(proposal)
    engagement = Engagement.objects.create(
        request=request,
        proposal=proposal,
        consortium_id=request.consortium_id,
        specialist=proposal.specialist,
        host_school=proposal.school,
        days=request.days,
        day_rate=rate,
        cost=_cost(request.days, rate),
        objectives=request.need,
    )
    _transition(request, RequestStatus.ACCEPTED, by=by, note=f"Accepted {proposal.candidate.name}. {reason}".strip())
    return engagement


@transaction.atomic
def proposal_decline(*, proposal: Proposal, by: User, reason: str) -> Proposal:
    """The requester turns this candidate down, saying why. With none left, staff propose again."""
    if not reason.strip():
        raise BrokerageError(gettext("Say why, so the consortium can find a better match."))
    proposal, request = _proposal_for_answer(proposal)
    proposal.status = ProposalStatus.DECLINED
    proposal.response_reason = reason.strip()
    proposal.responded_by = by
    proposal.responded_at = timezone.now()
    proposal.save(update_fields=["status", "response_reason", "responded_by", "responded_at", "updated_at"])
    if not Proposal.objects.filter(request=request, status=ProposalStatus.PROPOSED).exists():
        _transition(
            request, RequestStatus.TRIAGED, by=by, note="Every proposal was declined: the consortium proposes again."
        )
    return proposal


# Engagements and bookings ------------------------------------------------------------------------


@transaction.atomic
def engagement_book(
    *,
    engagement: Engagement,
    dates: Sequence[date],
    by: User,
    objectives: str | None = None,
    expected_impact: str | None = None,
    approach: str | None = None,
    today: date | None = None,
) -> Engagement:
    """Book (or move) an engagement onto these dates, with its agreed plan.

    The specialist's row (or the host school's) is locked first, so two bookings for one provider
    run one after the other: the second sees the first's days and is refused with the clash named.
    The unique (specialist, day) constraint backs this up in the database.
    """
    today = today or timezone.localdate()
    engagement = (
        Engagement.objects.select_for_update(of=("self",))
        .select_related("request__school", "request__network", "specialist", "host_school")
        .get(pk=engagement.pk)
    )
    if engagement.status not in BOOKABLE_ENGAGEMENT_STATUSES:
        raise BookingRefused(
            gettext("This engagement is %(status)s: it cannot be booked.") % {"status": _status(engagement)}
        )
    if engagement.status == EngagementStatus.BOOKED and engagement.starts_on and engagement.starts_on <= today:
        raise BookingRefused(gettext("This engagement has begun: its dates cannot be moved."))
    # Serialise bookings per provider: whoever locks second waits, then sees the first's days.
    if engagement.specialist_id:
        engagement.specialist = Specialist.objects.select_for_update().get(pk=engagement.specialist_id)
        name = engagement.specialist.name
    else:
        engagement.host_school = School.objects.select_for_update().get(pk=engagement.host_school_id)
        name = engagement.host_school.name
    problem = reads.booking_problems(engagement=engagement, dates=dates, today=today)
    if problem:
        raise BookingRefused(problem)
    dates = sorted(set(dates))
    EngagementDay.objects.filter(engagement=engagement).delete()
    try:
        with transaction.atomic():
            EngagementDay.objects.bulk_create(
                [EngagementDay(engagement=engagement, specialist_id=engagement.specialist_id, day=d) for d in dates]
            )
    except IntegrityError:
        raise BookingRefused(
            gettext("%(name)s was booked on one of %(days)s a moment ago: choose other dates.")
            % {"name": name, "days": text.days_list(dates)}
        ) from None
    engagement.days = Decimal(len(dates))
    engagement.starts_on, engagement.ends_on = dates[0], dates[-1]
    engagement.cost = _cost(engagement.days, engagement.day_rate)
    for field, value in (("objectives", objectives), ("expected_impact", expected_impact), ("approach", approach)):
        if value is not None:
            setattr(engagement, field, value.strip())
    first_booking = engagement.status == EngagementStatus.PLANNED
    engagement.status = EngagementStatus.BOOKED
    engagement.booked_at = timezone.now()
    engagement.booked_by = by
    engagement.save()
    audit_record(
        actor=by,
        action=AuditAction.BOOKING_MADE if first_booking else AuditAction.BOOKING_MOVED,
        consortium=engagement.consortium_id,
        target=engagement,
        detail={"dates": [d.isoformat() for d in dates], "days": str(engagement.days), "cost": str(engagement.cost)},
    )
    request = _locked(engagement.request)
    note = f"{name}: {text.days_list(dates)} ({text.number(engagement.days)} days, {money(engagement.cost)})."
    if first_booking and request.status == RequestStatus.ACCEPTED:
        _transition(request, RequestStatus.BOOKED, by=by, note=f"Booked {note}")
    elif not first_booking:
        RequestEvent.objects.create(
            request=request, from_status=request.status, to_status=request.status, by=by, note=f"Moved to {note}"
        )
    return engagement


def _cancel(engagement: Engagement, *, by: User, why: str) -> None:
    days = list(EngagementDay.objects.filter(engagement=engagement).order_by("day").values_list("day", flat=True))
    EngagementDay.objects.filter(engagement=engagement).delete()
    audit_record(
        actor=by,
        action=AuditAction.BOOKING_CANCELLED,
        consortium=engagement.consortium_id,
        target=engagement,
        detail={"dates": [d.isoformat() for d in days], "was": engagement.status, "why": why},
    )
    engagement.status = EngagementStatus.CANCELLED
    engagement.cancelled_at = timezone.now()
    engagement.save(update_fields=["status", "cancelled_at", "updated_at"])


@transaction.atomic
def engagement_cancel(*, engagement: Engagement, by: User, note: str = "") -> Engagement:
    """Staff call an engagement off: its days are freed and the request goes back to be matched again."""
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.status not in (EngagementStatus.PLANNED, EngagementStatus.BOOKED):
        raise BrokerageError(
            gettext("This engagement is %(status)s: it cannot be cancelled.") % {"status": _status(engagement)}
        )
    _cancel(engagement, by=by, why="engagement cancelled")
    Proposal.objects.filter(pk=engagement.proposal_id).update(
        status=ProposalStatus.WITHDRAWN, updated_at=timezone.now()
    )
    request = _locked(engagement.request)
    if request.status in (RequestStatus.ACCEPTED, RequestStatus.BOOKED):
        _transition(request, RequestStatus.TRIAGED, by=by, note=("Engagement cancelled. " + note.strip()).strip())
    return engagement


def _ensure_over(engagement: Engagement, today: date) -> None:
    if engagement.ends_on is None or engagement.ends_on > today:
        when = text.day(engagement.ends_on, year=True) if engagement.ends_on else gettext("its last day")
        raise BrokerageError(
            gettext("This engagement runs until %(when)s: record how it went afterwards.") % {"when": when}
        )


@transaction.atomic
def engagement_complete(
    *, engagement: Engagement, by: User, progress_review: str = "", today: date | None = None
) -> Engagement:
    """The days have been delivered: record the review of progress."""
    today = today or timezone.localdate()
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.status != EngagementStatus.BOOKED:
        raise BrokerageError(
            gettext("This engagement is %(status)s: it cannot be completed.") % {"status": _status(engagement)}
        )
    _ensure_over(engagement, today)
    engagement.status = EngagementStatus.COMPLETED
    engagement.progress_review = progress_review.strip()
    engagement.completed_at = timezone.now()
    engagement.save(update_fields=["status", "progress_review", "completed_at", "updated_at"])
    request = _locked(engagement.request)
    if request.status == RequestStatus.BOOKED:
        _transition(request, RequestStatus.COMPLETED, by=by, note=progress_review.strip()[:2000])
    return engagement


@transaction.atomic
def engagement_review(
    *,
    engagement: Engagement,
    by: User,
    outcome: str,
    outcome_strength: int | None,
    rating: int | None,
    feedback: str = "",
    progress_review: str | None = None,
    today: date | None = None,
) -> Engagement:
    """Afterwards, the school says what it achieved, how strong the evidence is and how it went.

    It feeds the next match: the rating counts in the provider's feedback, the outcome's strength
    in a specialist's evidence, and the requesting school's record of practice gains an entry in
    each of the request's areas (source: a brokered engagement).
    """
    today = today or timezone.localdate()
    if not outcome.strip():
        raise BrokerageError(gettext("Say what the school achieved."))
    if rating is not None and not 1 <= rating <= 5:
        raise BrokerageError(gettext("Rate it from 1 to 5."))
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.status == EngagementStatus.BOOKED:
        engagement_complete(engagement=engagement, by=by, progress_review=progress_review or "", today=today)
        engagement.refresh_from_db()
    elif engagement.status != EngagementStatus.COMPLETED:
        raise BrokerageError(
            gettext("This engagement is %(status)s: its outcome cannot be recorded.") % {"status": _status(engagement)}
        )
    engagement.status = EngagementStatus.REVIEWED
    engagement.outcome = outcome.strip()
    engagement.outcome_strength = outcome_strength
    engagement.rating = rating
    engagement.feedback = feedback.strip()
    engagement.reviewed_at = timezone.now()
    engagement.reviewed_by = by
    engagement.save()
    request = _locked(engagement.request)
    if request.status == RequestStatus.COMPLETED:
        _transition(request, RequestStatus.REVIEWED, by=by, note=outcome.strip()[:2000])
    if request.school_id and outcome_strength:
        content_type = ContentType.objects.get_for_model(Engagement)
        for area in request.practice_areas.all():
            PracticeEntry.objects.update_or_create(
                content_type=content_type,
                object_id=engagement.pk,
                practice_area=area,
                defaults={
                    "school_id": request.school_id,
                    "title": request.title[:200],
                    "summary": outcome.strip(),
                    "period_start": engagement.starts_on,
                    "period_end": engagement.ends_on,
                    "evidence": feedback.strip(),
                    "evidence_strength": outcome_strength,
                    "source": Source.ENGAGEMENT,
                    "created_by": by,
                },
            )
    return engagement


# Specialists -------------------------------------------------------------------------------------

# `specialist_save(base_school=KEEP)`: the profile's base school stays as it is.
KEEP = object()


@transaction.atomic
def specialist_save(
    *,
    specialist: Specialist,
    by: User,
    practice_areas: Iterable[PracticeArea],
    phases: Iterable[str],
    travel_areas: Iterable[str],
    base_school: School | None | object = KEEP,
) -> Specialist:
    """Save a profile (new or changed, as a form left it) with its base school, practice areas,
    phases and the local authorities it travels to."""
    if base_school is not KEEP:
        specialist.base_school = base_school
    practice_areas = list(practice_areas)
    if any(area.consortium_id != specialist.consortium_id for area in practice_areas):
        raise BrokerageError(gettext("Choose practice areas of the specialist's own consortium."))
    if specialist.day_rate is not None and specialist.day_rate < 0:
        raise BrokerageError(gettext("The day rate cannot be below zero."))
    if specialist.base_school_id and specialist.base_school.consortium_id != specialist.consortium_id:
        raise BrokerageError(gettext("Choose a base school of the specialist's own consortium."))
    if specialist.pk is None:
        specialist.created_by = by
        if not specialist.name and specialist.user_id:
            specialist.name = specialist.user.full_name or specialist.user.email
    specialist.save()
    specialist.practice_areas.set(practice_areas)
    phases = {p for p in phases if p in Phase.values}
    SpecialistPhase.objects.filter(specialist=specialist).exclude(phase__in=phases).delete()
    SpecialistPhase.objects.bulk_create(
        [SpecialistPhase(specialist=specialist, phase=p) for p in sorted(phases)], ignore_conflicts=True
    )
    travel = {a.strip() for a in travel_areas if a and a.strip()}
    SpecialistTravelArea.objects.filter(specialist=specialist).exclude(local_authority__in=travel).delete()
    SpecialistTravelArea.objects.bulk_create(
        [SpecialistTravelArea(specialist=specialist, local_authority=a) for a in sorted(travel)],
        ignore_conflicts=True,
    )
    return specialist


def specialist_create(
    *, consortium: Consortium, specialist: Specialist, account: User | None = None, by: User, **profile
) -> Specialist:
    """Staff add a profile to the consortium's directory, for one of its specialists' accounts or
    for someone without one; `profile` as `specialist_save` takes it."""
    specialist.consortium = consortium
    if account is not None:
        specialist.user = account
    return specialist_save(specialist=specialist, by=by, **profile)


def specialist_profile_start(*, user: User, consortium: Consortium) -> Specialist:
    """A specialist's own profile in the consortium, empty but for their name, for them to fill in."""
    specialist = Specialist(consortium=consortium, user=user, name=user.full_name)
    return specialist_save(specialist=specialist, by=user, practice_areas=[], phases=[], travel_areas=[])


@transaction.atomic
def availability_add(
    *, specialist: Specialist, kind: str, starts_on: date, ends_on: date, note: str = "", today: date | None = None
) -> AvailabilityBlock:
    """Offer or block a run of dates. Blocking days already booked is refused, naming them."""
    today = today or timezone.localdate()
    if ends_on < starts_on:
        raise BrokerageError(gettext("The last date comes before the first."))
    if ends_on < today:
        raise BrokerageError(gettext("Those dates are in the past."))
    if kind not in AvailabilityKind.values:
        raise BrokerageError(gettext("Choose whether the dates are offered or blocked."))
    specialist = Specialist.objects.select_for_update().get(pk=specialist.pk)
    if kind == AvailabilityKind.BLOCKED:
        booked = list(
            EngagementDay.objects.filter(specialist=specialist, day__gte=starts_on, day__lte=ends_on).select_related(
                "engagement__request__school", "engagement__request__network"
            )
        )
        if booked:
            where = text.join_words(sorted({b.engagement.request.for_whom for b in booked}))
            raise BrokerageError(
                gettext(
                    "%(name)s is booked on %(days)s (%(where)s): "
                    "ask the consortium to move that engagement before blocking those days."
                )
                % {"name": specialist.name, "days": text.days_list([b.day for b in booked]), "where": where}
            )
    return AvailabilityBlock.objects.create(
        specialist=specialist, kind=kind, starts_on=starts_on, ends_on=ends_on, note=note.strip()
    )


def availability_remove(*, block: AvailabilityBlock) -> None:
    block.delete()


def past_engagement_add(*, specialist: Specialist, **fields) -> PastEngagement:
    area = fields.get("practice_area")
    if area is not None and area.consortium_id != specialist.consortium_id:
        raise BrokerageError(gettext("Choose a practice area of the specialist's own consortium."))
    return PastEngagement.objects.create(specialist=specialist, **fields)


# Schools: the record of practice and hosting -----------------------------------------------------


def practice_entry_save(*, entry: PracticeEntry, by: User, school: School | None = None) -> PracticeEntry:
    """Save an entry (new or changed, as a form left it), in `school` when one is given."""
    if school is not None:
        entry.school = school
    if entry.practice_area.consortium_id != entry.school.consortium_id:
        raise BrokerageError(gettext("Choose a practice area of the school's own consortium."))
    if entry.period_start and entry.period_end and entry.period_end < entry.period_start:
        raise BrokerageError(gettext("The end of the period comes before its start."))
    if entry.pk is None:
        entry.created_by = by
    entry.save()
    return entry


def practice_entry_delete(*, entry: PracticeEntry) -> None:
    entry.delete()


@transaction.atomic
def host_capacity_set(
    *, school: School, visits_per_term: int, day_rate: Decimal | None = None, note: str = ""
) -> HostCapacity:
    if visits_per_term < 0:
        raise BrokerageError(gettext("The number of visits cannot be below zero."))
    if day_rate is not None and day_rate < 0:
        raise BrokerageError(gettext("The fee cannot be below zero."))
    offer, _ = HostCapacity.objects.update_or_create(
        school=school, defaults={"visits_per_term": visits_per_term, "day_rate": day_rate, "note": note.strip()}
    )
    return offer


# The desk's settings -----------------------------------------------------------------------------


@transaction.atomic
def settings_save(*, consortium: Consortium, by: User, digest_frequency: str, **weights: int) -> BrokerageSettings:
    fields = {field for _, field, _, _ in FACTORS}
    unknown = set(weights) - fields
    if unknown:
        raise BrokerageError(gettext("Unknown weights: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    if any(value < 0 or value > 10 for value in weights.values()):
        raise BrokerageError(gettext("Each weight is from 0 to 10."))
    if weights and not any(weights.values()):
        raise BrokerageError(gettext("Give at least one factor a weight above 0, or nothing can be ranked."))
    settings, _ = BrokerageSettings.objects.update_or_create(
        consortium=consortium, defaults={**weights, "digest_frequency": digest_frequency, "updated_by": by}
    )
    return settings
