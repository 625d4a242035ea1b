"""Reads that several pages share: who in a network has no school there, and where a person has none;
the audit trail, the same on its page and in its CSV."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef
from django.utils import dateformat, timezone
from django.utils.translation import gettext, ngettext

from .models import (
    ACTIONS_WITH_SUBJECT,
    AuditAction,
    AuditEvent,
    Consortium,
    Membership,
    Network,
    NetworkSchool,
    Role,
    School,
    User,
)
from .permissions import memberships_of, school_ids_for
from .text import money


def networks_without_your_school(user):
    """The networks the person is a member of that have schools, none of them the person's.

    School-by-school results and cost approval count people by their school, so these people are
    asked to choose one. No query when the person is in no network.
    """
    network_ids = {m.network_id for m in memberships_of(user) if m.network_id}
    if not network_ids:
        return Network.objects.none()
    schools = NetworkSchool.objects.filter(network=OuterRef("pk"))
    return (
        Network.objects.filter(pk__in=network_ids)
        .filter(Exists(schools))
        .exclude(Exists(schools.filter(school_id__in=school_ids_for(user))))
        .order_by("name")
    )


def schools_to_choose_from(user) -> list[tuple[Network, list[School]]]:
    """Each network without the person's school, with its schools: what the person may choose."""
    networks = list(networks_without_your_school(user))
    by_network = {network.pk: [] for network in networks}
    rows = (
        NetworkSchool.objects.filter(network_id__in=list(by_network)).select_related("school").order_by("school__name")
    )
    for row in rows:
        by_network[row.network_id].append(row.school)
    return [(network, by_network[network.pk]) for network in networks]


def members_with_schools(network: Network) -> list[Membership]:
    """The network's memberships, each with `schools_here`: the person's school memberships at the
    network's schools (empty for someone with no school in the network). Two queries."""
    memberships = list(
        Membership.objects.filter(network=network).select_related("user").order_by("user__full_name", "user__email")
    )
    here: dict[int, list[Membership]] = {m.user_id: [] for m in memberships}
    school_memberships = (
        Membership.objects.filter(user_id__in=list(here), school__network_schools__network=network)
        .select_related("school")
        .order_by("school__name", "role")
    )
    for school_membership in school_memberships:
        here[school_membership.user_id].append(school_membership)
    for membership in memberships:
        membership.schools_here = here[membership.user_id]
    return memberships


def audit_trail(
    consortium: Consortium,
    *,
    action: str = "",
    actor_email: str = "",
    since: date | None = None,
    until: date | None = None,
):
    """The consortium's events, newest first, filtered; indexed on (consortium, created_at, id).
    The person named by `actor_email` is looked up first, so the trail is read by their id."""
    events = AuditEvent.objects.of_consortium(consortium).select_related("actor", "subject", "target_type")
    if action:
        events = events.filter(action=action)
    if actor_email:
        actor_id = User.objects.filter(email__iexact=actor_email).values_list("pk", flat=True).first()
        events = events.filter(actor_id=actor_id) if actor_id else events.none()
    if since:
        events = events.filter(created_at__gte=_start_of(since))
    if until:
        events = events.filter(created_at__lt=_start_of(until + timedelta(days=1)))
    return events.order_by("-created_at", "-id")


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_actor_name(event: AuditEvent) -> str:
    """Who did it: a failed sign-in was nobody's doing; a link forgotten by erasure reads "a former member"."""
    if event.actor is not None:
        return event.actor.full_name or event.actor.email
    return "" if event.action == AuditAction.SIGN_IN_FAILED else _former_member()


def audit_subject_name(event: AuditEvent) -> str:
    if event.action not in ACTIONS_WITH_SUBJECT:
        return ""
    if event.subject is not None:
        return event.subject.full_name or event.subject.email
    return _former_member()


def _former_member() -> str:
    return gettext("a former member")


def _role(value: str) -> str:
    return Role(value).label if value in Role.values else value


def _days(values: list[str]) -> str:
    """The days as "6 Dec 2026, 7 Dec 2026", the months' names in the language in use."""
    return ", ".join(dateformat.format(date.fromisoformat(value), "j M Y") for value in values)


def _asked_by(value: str) -> str:
    """Who asked for an erasure, as plc_platform.privacy records it: "by an officer" or "themselves"."""
    return {"by an officer": gettext("by an officer"), "themselves": gettext("themselves")}.get(value, value)


def audit_description(event: AuditEvent) -> str:
    """What the event's detail says, in words, the same on the page and in the CSV."""
    d, action = event.detail, event.action
    target = event.target_label
    if action in (AuditAction.MEMBERSHIP_ADDED, AuditAction.MEMBERSHIP_REMOVED):
        return f"{_role(d.get('role', ''))}, {d.get('place_name', '')}"
    if action == AuditAction.ROLE_CHANGED:
        return gettext("%(before)s to %(after)s, %(place)s") % {
            "before": _role(d.get("from", "")),
            "after": _role(d.get("role", "")),
            "place": d.get("place_name", ""),
        }
    if action == AuditAction.SHARING_CHANGED:
        return gettext("%(target)s: from %(before)s to %(after)s") % {
            "target": target.capitalize(),
            "before": d.get("from"),
            "after": d.get("to"),
        }
    if action == AuditAction.COST_APPROVED:
        lines = len(d.get("lines", []))
        said = ngettext("%(target)s: %(lines)s line, %(total)s", "%(target)s: %(lines)s lines, %(total)s", lines) % {
            "target": target.capitalize(),
            "lines": lines,
            "total": money(d.get("total")),
        }
        return f"{said}, {d['school']}" if d.get("school") else said
    if action in (AuditAction.BOOKING_MADE, AuditAction.BOOKING_MOVED):
        return f"{target.capitalize()}: {_days(d.get('dates', []))}, {money(d.get('cost'))}"
    if action == AuditAction.BOOKING_CANCELLED:
        if d.get("dates"):
            return gettext("%(target)s: %(why)s; days freed: %(days)s") % {
                "target": target.capitalize(),
                "why": d.get("why", ""),
                "days": _days(d["dates"]),
            }
        return f"{target.capitalize()}: {d.get('why', '')}"
    if action == AuditAction.DATA_DOWNLOADED:
        size = d.get("bytes", 0)
        return ngettext("%(target)s, %(bytes)s byte", "%(target)s, %(bytes)s bytes", size) % {
            "target": target.capitalize(),
            "bytes": f"{size:,}",
        }
    if action == AuditAction.DATA_EXPORTED:
        return target.capitalize()
    if action == AuditAction.ACCOUNT_ERASED:
        count = d.get("private_enquiries", 0)
        return ngettext(
            "Asked %(asked)s; %(count)s private enquiry deleted",
            "Asked %(asked)s; %(count)s private enquiries deleted",
            count,
        ) % {"asked": _asked_by(d.get("asked", "")), "count": count}
    if action == AuditAction.SIGN_IN_FAILED and d.get("step") == "two_step":
        if d.get("asked_again"):
            return gettext("Wrong two-step code when asked again before a change")
        return gettext("Wrong two-step code after the right password")
    if action == AuditAction.TRAIL_DOWNLOADED:
        count = d.get("rows", 0)
        rows = ngettext("%(rows)s row", "%(rows)s rows", count) % {"rows": f"{count:,}"}
        return f"{rows}, {d['filters']}" if d.get("filters") else rows
    return ""
