"""Writes that touch several rows or send something, one function each (<thing>_<action>)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from networks.enqueue import enqueue_on_commit
from networks.freshness import network_data_changed
from networks.i18n import override_for
from networks.models import (
    AuditAction,
    Consortium,
    EmailPreference,
    Network,
    NetworkSchool,
    Role,
    School,
    User,
)
from networks.services import audit_record, email_preferences_url, site_url
from networks.text import single_line

from .costs import proposals_for
from .models import (
    Activity,
    ActivityStatus,
    ActivityType,
    AgreedAction,
    Attendance,
    CalendarFeed,
    ChecklistItem,
    CostLine,
    CostStatus,
    Evaluation,
    FishboneCause,
    Force,
    ForceFieldAnalysis,
    JigsawPlan,
    NetworkBudget,
    Participant,
    ParticipantRole,
    ProblemSolvingRecord,
    Rate,
    WhyStep,
    line_amount,
    new_feed_token,
)
from .reads import eligible_people, school_for
from .reference_data import DEFAULT_RATES


class ActivityError(Exception):
    """A change that cannot be made; the message says why, for the person."""


class ParticipantError(ActivityError):
    pass


# Fields whose change participants are told about.
NOTIFY_FIELDS = ("title", "starts_at", "ends_at", "host_school", "location", "status")


def _assign(instance, fields: dict):
    """Set these fields (name -> value) on a model instance, unsaved; returns the instance."""
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


# Rates -------------------------------------------------------------------------------------------


def consortium_seed_rates(*, consortium: Consortium) -> int:
    """Give a consortium the default rates from the day it was created; returns how many were new."""
    applies_from = timezone.localdate(consortium.created_at)
    created = 0
    for category, unit_label, amount, source in DEFAULT_RATES:
        _, new = Rate.objects.get_or_create(
            consortium=consortium,
            category=category,
            applies_from=applies_from,
            defaults={"unit_label": unit_label, "amount": amount, "source": source},
        )
        created += new
    return created


def rate_save(*, rate: Rate) -> Rate:
    """Add or change a rate. Lines already proposed at the old figure are proposed again."""
    with transaction.atomic():
        rate.save()
        activities = Activity.objects.filter(network__consortium_id=rate.consortium_id).live()
        for activity in activities.filter(cost_lines__status=CostStatus.PROPOSED).distinct():
            costs_propose(activity=activity)
    return rate


def rate_add(*, consortium: Consortium, **fields) -> Rate:
    """Give the consortium a rate (category, unit_label, amount, applies_from, source)."""
    return rate_save(rate=Rate(consortium=consortium, **fields))


def rate_change(*, rate: Rate, **fields) -> Rate:
    return rate_save(rate=_assign(rate, fields))


# Activities --------------------------------------------------------------------------------------


@transaction.atomic
def activity_create(
    *, network: Network, activity_type: ActivityType, created_by: User, practice_areas=(), enquiries=(), **fields
) -> Activity:
    """Plan an activity from its template: the template's steps become its checklist (in the
    planner's language, Welsh where the step has its Welsh), the planner its owner, and its costs
    are proposed."""
    fields.setdefault("collaboration_level", activity_type.typical_level)
    fields.setdefault("kind_of_collaboration", activity_type.typical_kind)
    fields.setdefault("days", activity_type.typical_days)
    activity = Activity(network=network, activity_type=activity_type, created_by=created_by, **fields)
    _check_activity(activity)
    activity.save()
    if practice_areas:
        activity.practice_areas.set(practice_areas)
    if enquiries:
        activity.enquiries.set(enquiries)
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(activity=activity, position=step.position, text=step.display_text)
            for step in activity_type.steps.all()
        ]
    )
    if eligible_people(network).filter(pk=created_by.pk).exists():
        Participant.objects.create(
            activity=activity, user=created_by, role=ParticipantRole.OWNER, school=school_for(created_by, network)
        )
    costs_propose(activity=activity)
    return activity


def _check_activity(activity: Activity) -> None:
    if activity.ends_at <= activity.starts_at:
        raise ActivityError(gettext("The activity must end after it starts."))
    if (
        activity.host_school_id
        and not NetworkSchool.objects.filter(network_id=activity.network_id, school_id=activity.host_school_id).exists()
    ):
        raise ActivityError(gettext("The host school must be one of the network's schools."))


@transaction.atomic
def activity_update(*, activity: Activity, practice_areas=None, enquiries=None, **fields) -> Activity:
    """Change an activity; its costs are proposed again and its participants told of what matters."""
    before = Activity.objects.select_for_update().get(pk=activity.pk)
    _assign(activity, fields)
    _check_activity(activity)
    changed = [name for name in NOTIFY_FIELDS if getattr(before, name) != getattr(activity, name)]
    activity.sequence = before.sequence + 1
    activity.save()
    if practice_areas is not None:
        activity.practice_areas.set(practice_areas)
    if enquiries is not None:
        activity.enquiries.set(enquiries)
    costs_propose(activity=activity)
    if changed:
        kind = "cancelled" if activity.status == ActivityStatus.CANCELLED else "changed"
        _notify_all(activity, kind)
    return activity


def activity_cancel(*, activity: Activity) -> Activity:
    return activity_update(activity=activity, status=ActivityStatus.CANCELLED)


def checklist_toggle(*, item: ChecklistItem, by: User) -> ChecklistItem:
    if item.done_at:
        item.done_at, item.done_by = None, None
    else:
        item.done_at, item.done_by = timezone.now(), by
    item.save(update_fields=["done_at", "done_by", "updated_at"])
    return item


def activity_write_notes(*, activity: Activity, notes: str) -> None:
    Activity.objects.filter(pk=activity.pk).update(notes=notes, updated_at=timezone.now())


def activity_write_outcomes(*, activity: Activity, outcomes: str, next_steps: str) -> None:
    Activity.objects.filter(pk=activity.pk).update(outcomes=outcomes, next_steps=next_steps, updated_at=timezone.now())


# Participants ------------------------------------------------------------------------------------


@transaction.atomic
def participants_add(*, activity: Activity, users, role: str) -> list[Participant]:
    """Invite people in one role. Each must be in the network; each gets an email (if they want one)."""
    eligible = set(eligible_people(activity.network).filter(pk__in=[u.pk for u in users]).values_list("pk", flat=True))
    outsiders = [u for u in users if u.pk not in eligible]
    if outsiders:
        names = ", ".join(u.full_name or u.email for u in outsiders)
        raise ParticipantError(
            ngettext(
                "%(names)s is not in %(network)s: only its members and the staff of its schools can take part.",
                "%(names)s are not in %(network)s: only its members and the staff of its schools can take part.",
                len(outsiders),
            )
            % {"names": names, "network": activity.network.name}
        )
    already = set(activity.participants.filter(user__in=users).values_list("user_id", flat=True))
    added = []
    for user in users:
        if user.pk in already:
            continue
        school = activity.host_school if role == ParticipantRole.HOST and activity.host_school else None
        participant = Participant.objects.create(
            activity=activity, user=user, role=role, school=school or school_for(user, activity.network)
        )
        added.append(participant)
        _notify(activity, user, "invited")
    costs_propose(activity=activity)
    return added


@transaction.atomic
def participant_update(*, participant: Participant, role: str, attendance: str) -> Participant:
    role_changed = participant.role != role
    participant.role, participant.attendance = role, attendance
    participant.save(update_fields=["role", "attendance", "updated_at"])
    costs_propose(activity=participant.activity)
    if role_changed:
        _notify(participant.activity, participant.user, "role")
    return participant


@transaction.atomic
def participants_set_role(*, activity: Activity, participants, role: str) -> int:
    """Give several people of the activity one role at once (costs proposed again once); each whose
    role changed is told. Returns how many changed."""
    changed = [p for p in participants if p.activity_id == activity.pk and p.role != role]
    for participant in changed:
        participant.role = role
        participant.save(update_fields=["role", "updated_at"])
    if changed:
        costs_propose(activity=activity)
    for participant in changed:
        _notify(activity, participant.user, "role")
    return len(changed)


@transaction.atomic
def participant_remove(*, participant: Participant) -> None:
    activity, user = participant.activity, participant.user
    participant.delete()
    costs_propose(activity=activity)
    _notify(activity, user, "removed")


# Costs -------------------------------------------------------------------------------------------


@transaction.atomic
def costs_propose(*, activity: Activity) -> None:
    """Bring the platform's proposed lines up to date with the template, participants and rates.

    Lines still *proposed* are created, updated or removed; approved and spent lines, and lines
    edited by hand (which lose their key), are left alone.
    """
    existing = {line.proposal_key: line for line in activity.cost_lines.exclude(proposal_key="")}
    new_for_schools = set()
    for proposal in proposals_for(activity):
        values = {
            "category": proposal.category,
            "school_id": proposal.school_id,
            "description": proposal.description[:200],
            "quantity": proposal.quantity,
            "unit_label": proposal.unit_label,
            "rate": proposal.rate,
            "amount": proposal.amount,
            "source_rate_id": proposal.source_rate_id,
        }
        line = existing.pop(proposal.key, None)
        if line is None:
            CostLine.objects.create(activity=activity, proposal_key=proposal.key, **values)
            if proposal.school_id:
                new_for_schools.add(proposal.school_id)
        elif line.status == CostStatus.PROPOSED and any(getattr(line, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(line, name, value)
            line.save()
    stale = [line.pk for line in existing.values() if line.status == CostStatus.PROPOSED]
    CostLine.objects.filter(pk__in=stale).delete()
    _ask_for_approval(activity, new_for_schools)


def network_budget_save(
    *, network: Network, set_by: User, budget: NetworkBudget | None = None, **fields
) -> NetworkBudget:
    """Set a budget of the network for a period (a new one when `budget` is None; `fields` are
    starts_on, ends_on, amount and note). Two budgets of one network never share a day."""
    budget = _assign(budget or NetworkBudget(network=network), fields)
    with transaction.atomic():
        # Lock the network's budgets so two leaders saving at once cannot both pass the check.
        list(NetworkBudget.objects.select_for_update().filter(network_id=budget.network_id))
        clash = (
            NetworkBudget.objects.filter(network_id=budget.network_id)
            .overlapping(budget.starts_on, budget.ends_on)
            .exclude(pk=budget.pk)
        )
        if clash.exists():
            raise ActivityError(gettext("These dates overlap another budget of the network."))
        budget.set_by = set_by
        budget.save()
    return budget


def cost_line_save(*, line: CostLine) -> CostLine:
    """Save a line added or edited by hand: its amount is worked out, and a change of figures sends an
    approved line back for approval."""
    line.amount = line_amount(line.quantity, line.rate)
    line.proposal_key = ""
    asks = line.pk is None
    if line.pk and line.status == CostStatus.APPROVED:
        before = CostLine.objects.get(pk=line.pk)
        if (before.quantity, before.rate, before.school_id, before.category) != (
            line.quantity,
            line.rate,
            line.school_id,
            line.category,
        ):
            line.status, line.approved_by, line.approved_at = CostStatus.PROPOSED, None, None
            asks = True
    line.save()
    if asks and line.school_id and line.status == CostStatus.PROPOSED:
        _ask_for_approval(line.activity, {line.school_id})
    return line


def cost_line_add(*, activity: Activity, **fields) -> CostLine:
    """Add a line by hand (category, school, description, quantity, unit_label, rate)."""
    return cost_line_save(line=CostLine(activity=activity, **fields))


def cost_line_change(*, line: CostLine, **fields) -> CostLine:
    return cost_line_save(line=_assign(line, fields))


def cost_line_delete(*, line: CostLine) -> None:
    line.delete()


@transaction.atomic
def cost_line_approve(*, line: CostLine, by: User) -> CostLine:
    if line.status != CostStatus.PROPOSED:
        raise ActivityError(gettext("Only a proposed line can be approved."))
    line.status, line.approved_by, line.approved_at = CostStatus.APPROVED, by, timezone.now()
    line.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    _audit_approval(line.activity, line.school, by, [line])
    return line


def _audit_approval(activity: Activity, school: School | None, by: User, lines: list[CostLine]) -> None:
    audit_record(
        actor=by,
        action=AuditAction.COST_APPROVED,
        consortium=activity.network.consortium_id,
        target=activity,
        detail={
            "lines": [line.pk for line in lines],
            "total": str(sum((line.amount for line in lines), Decimal("0"))),
            "school": school.name if school else "",
        },
    )


@transaction.atomic
def cost_lines_approve(*, activity: Activity, school: School, by: User) -> tuple[int, Decimal]:
    """Approve every line of the activity that the school bears and that waits for approval, at once.
    Returns how many lines, and their total."""
    lines = list(
        CostLine.objects.select_for_update().filter(activity=activity, school=school, status=CostStatus.PROPOSED)
    )
    if not lines:
        raise ActivityError(
            gettext("No costs of %(school)s wait for approval on this activity.") % {"school": school.name}
        )
    CostLine.objects.filter(pk__in=[line.pk for line in lines]).update(
        status=CostStatus.APPROVED, approved_by=by, approved_at=timezone.now(), updated_at=timezone.now()
    )
    network_data_changed([activity.network_id])  # the update sends no signal
    _audit_approval(activity, school, by, lines)
    return len(lines), sum((line.amount for line in lines), Decimal("0"))


def cost_line_record_spend(*, line: CostLine, actual_amount: Decimal) -> CostLine:
    if line.status == CostStatus.PROPOSED:
        raise ActivityError(gettext("Approve the line before recording what was spent."))
    line.status, line.actual_amount = CostStatus.SPENT, actual_amount
    line.save(update_fields=["status", "actual_amount", "updated_at"])
    return line


# After the activity ------------------------------------------------------------------------------


def evaluation_record(*, participant: Participant, learned: str, will_change: str, usefulness: int) -> Evaluation:
    with transaction.atomic():
        evaluation, _ = Evaluation.objects.update_or_create(
            participant=participant,
            defaults={"learned": learned, "will_change": will_change, "usefulness": usefulness},
        )
        if participant.attendance == Attendance.INVITED:
            participant.attendance = Attendance.ATTENDED
            participant.save(update_fields=["attendance", "updated_at"])
    return evaluation


# Calendar ----------------------------------------------------------------------------------------


def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Make the person's calendar address, or replace it: the old one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "updated_at"])
    return feed


# Facilitation tools -------------------------------------------------------------------------------


def _check_tool_activity(network, activity):
    if activity is not None and activity.network_id != network.pk:
        raise ActivityError(gettext("The activity must be one of the network's."))


def jigsaw_create(*, network: Network, created_by: User, activity=None, **fields) -> JigsawPlan:
    _check_tool_activity(network, activity)
    return JigsawPlan.objects.create(network=network, activity=activity, created_by=created_by, **fields)


def pstb_create(*, network: Network, created_by: User, activity=None, **fields) -> ProblemSolvingRecord:
    _check_tool_activity(network, activity)
    return ProblemSolvingRecord.objects.create(network=network, activity=activity, created_by=created_by, **fields)


def pstb_add_cause(*, record: ProblemSolvingRecord, category: str, text: str) -> FishboneCause:
    return FishboneCause.objects.create(record=record, category=category, text=text)


@transaction.atomic
def pstb_add_why(*, record: ProblemSolvingRecord, text: str) -> WhyStep:
    last = record.whys.select_for_update().order_by("-position").first()
    return WhyStep.objects.create(record=record, position=(last.position + 1) if last else 1, text=text)


def pstb_add_action(*, record: ProblemSolvingRecord, text: str, owner: str, due_on=None) -> AgreedAction:
    return AgreedAction.objects.create(record=record, text=text, owner=owner, due_on=due_on)


def force_field_create(*, network: Network, created_by: User, activity=None, **fields) -> ForceFieldAnalysis:
    _check_tool_activity(network, activity)
    return ForceFieldAnalysis.objects.create(network=network, activity=activity, created_by=created_by, **fields)


def jigsaw_delete(*, plan: JigsawPlan) -> None:
    plan.delete()


def tool_part_remove(*, part: FishboneCause | WhyStep | AgreedAction | Force) -> None:
    """Remove one part of a facilitation tool: a PSTB record's cause, why or action, or a force."""
    part.delete()


def force_add(*, analysis: ForceFieldAnalysis, direction: str, text: str, strength: int) -> Force:
    return Force.objects.create(analysis=analysis, direction=direction, text=text, strength=strength)


# Emails ------------------------------------------------------------------------------------------


def _notify(activity: Activity, user: User, kind: str) -> None:
    from .tasks import send_activity_email

    activity_id, user_id = activity.pk, user.pk
    enqueue_on_commit(send_activity_email, activity_id, user_id, kind)


def _notify_all(activity: Activity, kind: str) -> None:
    for user in User.objects.filter(activity_roles__activity=activity):
        _notify(activity, user, kind)


def _ask_for_approval(activity: Activity, school_ids) -> None:
    """Tell the leads of these schools that new costs wait for them (one email per school and event)."""
    from .tasks import send_costs_to_approve_email

    if activity.status == ActivityStatus.CANCELLED:
        return
    for school_id in sorted(school_ids):
        enqueue_on_commit(send_costs_to_approve_email, activity.pk, school_id)


def _send_email(user: User, subject, template: str, context: dict) -> None:
    """Email one person in their own language: `subject()` gives the subject line and `template`
    the body, both worked out in that language."""
    with override_for(user):
        subject_line = single_line(subject())
        message = render_to_string(template, context)
    send_mail(subject=subject_line, message=message, from_email=None, recipient_list=[user.email])


def costs_send_approval_email(*, activity_id: int, school_id: int) -> int:
    """Email each lead of the school who wants it the activity's lines waiting for their approval,
    with the total and a link to approve them all at once. Returns how many were sent; none when
    nothing waits any more (approved or removed before the email went out)."""
    activity = Activity.objects.select_related("network").filter(pk=activity_id).first()
    if activity is None or activity.status == ActivityStatus.CANCELLED:
        return 0
    lines = list(activity.cost_lines.filter(school_id=school_id, status=CostStatus.PROPOSED).select_related("school"))
    if not lines:
        return 0
    school = lines[0].school
    total = sum((line.amount for line in lines), Decimal("0"))
    leads = User.objects.filter(
        is_active=True, memberships__role=Role.SCHOOL_LEAD, memberships__school_id=school_id
    ).distinct()
    sent = 0
    for lead in leads:
        if not EmailPreference.wants(lead, "cost_approvals"):
            continue
        context = {
            "user": lead,
            "activity": activity,
            "school": school,
            "lines": lines,
            "total": total,
            "url": site_url(activity.get_absolute_url() + "#costs-heading"),
            "preferences_url": email_preferences_url(lead),
        }
        _send_email(
            lead,
            lambda: gettext("Costs waiting for your approval: %(title)s") % {"title": activity.title},
            "activities/email/costs_to_approve.txt",
            context,
        )
        sent += 1
    return sent


EMAIL_SUBJECTS = {
    "invited": _("You are invited: {title}"),
    "role": _("Your role has changed: {title}"),
    "changed": _("Changed: {title}"),
    "cancelled": _("Cancelled: {title}"),
    "removed": _("You are no longer taking part: {title}"),
}


def activity_send_email(*, activity_id: int, user_id: int, kind: str) -> bool:
    """Email one person about an activity, if they want activity emails. Returns whether it was sent."""
    activity = Activity.objects.select_related("network", "host_school", "activity_type").filter(pk=activity_id).first()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if activity is None or user is None or not EmailPreference.wants(user, "activity_updates"):
        return False
    participant = activity.participants.filter(user=user).first()
    context = {
        "activity": activity,
        "user": user,
        "participant": participant,
        "kind": kind,
        "url": settings.SITE_URL.rstrip("/") + activity.get_absolute_url(),
        "preferences_url": email_preferences_url(user),
    }
    _send_email(
        user, lambda: str(EMAIL_SUBJECTS[kind]).format(title=activity.title), "activities/email/activity.txt", context
    )
    return True
