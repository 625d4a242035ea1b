"""Notices for self-review: plan the emails owed, then send each once (DESIGN.md, "Scheduled work").

A sweep (Celery beat, or `manage.py send_due_notices`) does three things:

1. `rounds_advance`: opens drafts whose day has come, closes rounds whose closing day has passed.
2. `notices_plan`: creates a `Notice` row for every email now owed. Rows are unique on (round,
   person, kind) or (network, person, kind), and are inserted with ON CONFLICT DO NOTHING, so
   planning twice, or in two workers at once, creates each row once.
3. `notices_send_due`: claims due rows with SELECT ... FOR UPDATE SKIP LOCKED and marks them sent
   in the same transaction as the email goes out, so two workers never claim the same row, and a
   worker killed before its commit leaves its rows due for the next one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from networks.i18n import override_for
from networks.models import LEADER_ROLES, Membership, Network, ReviewCadence, User
from networks.services import email_preferences_url, site_url
from networks.text import email_subject

from .models import Notice, NoticeKind, ReviewResponse, ReviewRound, RoundStatus
from .reads import round_audience
from .services import rounds_advance

logger = logging.getLogger(__name__)

# Leaders are told about a closed round if the sweep sees it within this time of its closing.
CLOSED_SUMMARY_WINDOW = timedelta(days=3)
# Which EmailPreference field lets each kind of notice through.
PREFERENCE_FOR_KIND = {
    NoticeKind.ROUND_OPENED: "review_invitations",
    NoticeKind.REMINDER: "review_reminders",
    NoticeKind.ROUND_CLOSED: "leader_summaries",
    NoticeKind.REVIEW_DUE: "leader_summaries",
}
# Kinds that only make sense while their round is open.
WHILE_OPEN = {NoticeKind.ROUND_OPENED, NoticeKind.REMINDER}
# Stop a send run after this many failed sends in a row (the mail server is down): the rows stay due.
MAX_FAILURES_IN_A_ROW = 5


@dataclass(frozen=True)
class SweepResult:
    opened: int
    closed: int
    planned: int
    sent: int


def base_kind(kind: str) -> str:
    """`reminder:7` -> `reminder`; `review_due:2027-01-05` -> `review_due`."""
    return kind.split(":", 1)[0]


# Planning ---------------------------------------------------------------------------------------


def notices_plan(*, now: datetime | None = None) -> int:
    """Create the Notice rows owed at `now`. Returns how many it created (under a concurrent run,
    both runs may count a row that only one of them inserted).

    A handful of queries per round, whatever its audience's size:
    - each person in an open round's audience is told once that it opened;
    - those who have not submitted are reminded at each of the network's `reminder_days` before
      it closes: only the latest point that has come is planned (a sweep that was down for days
      sends one reminder, not several), and a point that passed before the round opened is skipped
      (the opening email says when it closes);
    - the leaders of a network get a summary of a round that closed within CLOSED_SUMMARY_WINDOW;
    - the leaders of a network with a review cadence are told once when the next round is due: the
      latest round's opening day plus the cadence, unless a round has opened since or is waiting
      as a draft.
    """
    now = now or timezone.now()
    created = 0
    for round in ReviewRound.objects.open().select_related("network"):
        audience = round_audience(round).order_by()
        created += _create(round, NoticeKind.ROUND_OPENED, audience, due_at=round.opened_at or now)
        point = _reminder_point(round, now)
        if point is not None:
            days, due_at = point
            submitted = ReviewResponse.objects.filter(round=round, submitted_at__isnull=False).values("user_id")
            created += _create(
                round, f"{NoticeKind.REMINDER}:{days}", audience.exclude(pk__in=submitted), due_at=due_at
            )
    closed = ReviewRound.objects.closed().filter(closed_at__gte=now - CLOSED_SUMMARY_WINDOW, closed_at__lte=now)
    for round in closed.select_related("network"):
        created += _create(round, NoticeKind.ROUND_CLOSED, _leaders(round.network_id), due_at=round.closed_at)
    created += _plan_review_due(now)
    return created


def _reminder_days(network: Network) -> list[int]:
    days = set()
    for value in network.reminder_days or []:
        try:
            number = int(value)
        except (TypeError, ValueError):
            continue
        if number > 0:
            days.add(number)
    return sorted(days)


def _reminder_point(round: ReviewRound, now: datetime) -> tuple[int, datetime] | None:
    """(days before closing, due time) of the latest reminder point that has come, if any."""
    closes_at = round.closes_at
    if now > closes_at:
        return None
    for days in _reminder_days(round.network):  # smallest first: the latest point first
        due_at = closes_at - timedelta(days=days)
        if due_at <= now:
            if round.opened_at and due_at <= round.opened_at:
                return None
            return days, due_at
    return None


def _leaders(network_id: int):
    return (
        Membership.objects.filter(network=network_id, role__in=LEADER_ROLES, user__is_active=True)
        .order_by()
        .values("user_id")
    )


def _create(round: ReviewRound | None, kind: str, people, *, due_at: datetime, network_id: int | None = None) -> int:
    """One Notice per person in `people` (a query of users or of user ids) who has none of this kind."""
    if round is not None:
        network_id = round.network_id
        existing = Notice.objects.filter(round=round, kind=kind)
    else:
        existing = Notice.objects.filter(network=network_id, round__isnull=True, kind=kind)
    if people.model is User:
        user_ids = people.exclude(pk__in=existing.values("user_id")).values_list("pk", flat=True)
    else:
        user_ids = people.exclude(user_id__in=existing.values("user_id")).values_list("user_id", flat=True)
    rows = [
        Notice(user_id=user_id, round=round, network_id=network_id, kind=kind, due_at=due_at) for user_id in user_ids
    ]
    Notice.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return len(rows)


def _plan_review_due(now: datetime) -> int:
    today = timezone.localdate(now)
    waiting = ReviewRound.objects.filter(network=OuterRef("pk"), status=RoundStatus.DRAFT)
    networks = (
        Network.objects.active()
        .exclude(review_cadence=ReviewCadence.NONE)
        .annotate(
            last_opened_on=Max("review_rounds__opens_on", filter=~Q(review_rounds__status=RoundStatus.DRAFT)),
            has_draft=Exists(waiting),
        )
        .filter(last_opened_on__isnull=False, has_draft=False)
    )
    created = 0
    for network in networks:
        days = ReviewCadence(network.review_cadence).days
        if not days:
            continue
        due_on = network.last_opened_on + timedelta(days=days)
        if due_on > today:
            continue
        due_at = timezone.make_aware(datetime.combine(due_on, time.min))
        created += _create(
            None,
            f"{NoticeKind.REVIEW_DUE}:{due_on.isoformat()}",
            _leaders(network.pk),
            due_at=due_at,
            network_id=network.pk,
        )
    return created


# Sending ----------------------------------------------------------------------------------------


class _SendFailed(Exception):
    pass


def notices_send_due(*, now: datetime | None = None, limit: int | None = 100, batch: int = 1) -> int:
    """Send the notices due at `now`, at most `limit` (None: until none is due). Returns how many
    were settled: sent, or marked skipped (sent_at set, skipped=True) because the person turned
    that kind off, has left, has submitted meanwhile (reminders), or the round closed before its
    opening email or reminder went out.

    Each transaction claims `batch` due rows with SELECT ... FOR UPDATE SKIP LOCKED (other workers
    pass over them), marks them sent, sends their emails, and commits. So the notice records are
    exactly-once: a row is marked sent by one transaction only, and a worker killed before its
    commit leaves its rows due for the next worker. Delivery is at-least-once at the SMTP edge: a
    kill (or a lost connection to the database) after the mail server has accepted an email and
    before the commit sends that email again. The window is one commit, and at most `batch` emails
    are exposed to it; the default of one row per transaction keeps that to a single email, at the
    price of one commit per email (small beside an SMTP round trip). A failed send rolls its batch
    back: those rows stay due for the next sweep, and this run goes on with the others.
    Call it outside any transaction, or its commits are only savepoints. On SQLite
    select_for_update is a no-op: one sweep at a time there.
    """
    now = now or timezone.now()
    batch = max(1, batch)
    settled = 0
    failed: set[int] = set()
    failures_in_a_row = 0
    connection = get_connection()
    try:
        while limit is None or settled < limit:
            size = batch if limit is None else min(batch, limit - settled)
            notices: list[Notice] = []
            try:
                with transaction.atomic():
                    notices = _claim(now, size, failed)
                    if not notices:
                        break
                    messages = _settle(notices, now)
                    if messages:
                        try:
                            # Opened once, on the first send, and kept open for the whole run:
                            # a backend opens and closes its own connection on every call otherwise.
                            connection.open()
                            connection.send_messages(messages)
                        except Exception as error:
                            raise _SendFailed from error
            except _SendFailed:
                logger.exception("Sending notices %s failed; they stay due.", [n.pk for n in notices])
                failed.update(n.pk for n in notices)
                connection.close()
                failures_in_a_row += 1
                if failures_in_a_row >= MAX_FAILURES_IN_A_ROW:
                    break
                continue
            failures_in_a_row = 0
            settled += len(notices)
    finally:
        connection.close()
    return settled


def _claim(now: datetime, size: int, failed: set[int]) -> list[Notice]:
    """Lock up to `size` due notices and load them with what their emails need (two queries).

    The ids are claimed first, on the partial index of unsent rows by due date (notice_unsent_due_idx),
    so the lock reads `size` index entries; the joins run afterwards on those ids only. Claiming
    with the joins read and sorted every due notice to keep `size` of them (about one a second at
    national scale)."""
    claimed = list(
        Notice.objects.due(now)
        .exclude(pk__in=failed)
        .select_for_update(skip_locked=True)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:size]
    )
    if not claimed:
        return []
    return list(
        Notice.objects.filter(pk__in=claimed)
        .select_related("user__email_preference", "round__framework", "network")
        .order_by("due_at", "pk")
    )


def _settle(notices: list[Notice], now: datetime) -> list[EmailMessage]:
    """Mark the claimed notices sent or skipped; return the emails to send for them."""
    reminders = [n for n in notices if base_kind(n.kind) == NoticeKind.REMINDER]
    submitted = set()
    if reminders:
        submitted = set(
            ReviewResponse.objects.filter(
                round_id__in={n.round_id for n in reminders},
                user_id__in={n.user_id for n in reminders},
                submitted_at__isnull=False,
            ).values_list("round_id", "user_id")
        )
    sent, skipped, messages = [], [], []
    summaries: dict[int, dict] = {}
    for notice in notices:
        if _should_skip(notice, submitted):
            skipped.append(notice.pk)
        else:
            sent.append(notice.pk)
            messages.append(_message(notice, now, summaries))
    if sent:
        Notice.objects.filter(pk__in=sent).update(sent_at=now, updated_at=now)
    if skipped:
        Notice.objects.filter(pk__in=skipped).update(sent_at=now, skipped=True, updated_at=now)
    return messages


def _should_skip(notice: Notice, submitted: set) -> bool:
    kind = base_kind(notice.kind)
    if not notice.user.is_active or not notice.user.email:
        return True
    preference = getattr(notice.user, "email_preference", None)
    field = PREFERENCE_FOR_KIND.get(kind)
    if preference is not None and field and not getattr(preference, field):
        return True
    if kind in WHILE_OPEN and (notice.round is None or not notice.round.is_open):
        return True
    return kind == NoticeKind.REMINDER and (notice.round_id, notice.user_id) in submitted


def _message(notice: Notice, now: datetime, summaries: dict) -> EmailMessage:
    kind = base_kind(notice.kind)
    round = notice.round
    preferences_url = email_preferences_url(notice.user)
    context = {
        "user": notice.user,
        "network": notice.network,
        "round": round,
        "framework": round.framework if round else None,
        "preferences_url": preferences_url,
    }
    if kind in (NoticeKind.ROUND_OPENED, NoticeKind.REMINDER):
        context["url"] = site_url(reverse("reviews:response_edit", args=[round.pk]))
        # Days left counting today: the round closes at the end of its closing day.
        context["days_left"] = max(1, (round.closes_on - timezone.localdate(now)).days + 1)
    elif kind == NoticeKind.ROUND_CLOSED:
        context["url"] = site_url(reverse("reviews:round_results", args=[round.pk]))
        if round.pk not in summaries:
            summaries[round.pk] = {
                "submitted": ReviewResponse.objects.filter(round=round, submitted_at__isnull=False).count(),
                "asked": round_audience(round).count(),
            }
        context.update(summaries[round.pk])
    elif kind == NoticeKind.REVIEW_DUE:
        context["url"] = site_url(reverse("reviews:round_create", args=[notice.network.slug]))
        cadence = ReviewCadence(notice.network.review_cadence)
        context["cadence"] = cadence.label
        context["due_on"] = timezone.localdate(notice.due_at)
        if cadence.days:
            context["last_opened_on"] = context["due_on"] - timedelta(days=cadence.days)
    template = f"reviews/email/{kind}"
    with override_for(notice.user):
        subject = email_subject(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[notice.user.email],
        headers={
            "X-PLC-Notice": str(notice.pk),
            "X-PLC-Notice-Kind": notice.kind,
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{preferences_url}>",
        },
    )


# The sweep --------------------------------------------------------------------------------------


def notices_sweep(*, now: datetime | None = None) -> SweepResult:
    """Open and close the rounds that are due, create the notices owed, and send those due.

    Celery beat runs it every few minutes (reviews.tasks.sweep_notices); `manage.py
    send_due_notices` runs it without Celery. Safe to run twice at once.
    """
    opened, closed = rounds_advance(today=timezone.localdate(now) if now else None)
    # Taken after advancing, so a round opened or closed just now is due in this same sweep.
    now = now or timezone.now()
    planned = notices_plan(now=now)
    sent = notices_send_due(now=now, limit=None)
    return SweepResult(opened=opened, closed=closed, planned=planned, sent=sent)
