"""The knowledge-exchange digest: newly shared practice and completed engagements, per consortium.

Seed 004: the consortium "will collect evidence about effective practice ... and seek to
disseminate this across the team of Project Leaders". Each consortium's digest goes out weekly by
default (its desk settings say how often), to the people who opted in.

`digests_sweep` (Celery beat: brokerage.tasks.send_digests; or `manage.py send_brokerage_digest`):

1. `digest_plan`: for each consortium, the run of the period that has just ended, unique on
   (consortium, period start), with a delivery row per person opted in, unique on (run, person) and
   inserted with ON CONFLICT DO NOTHING. Planning twice, or in two workers at once, plans once.
2. `digest_send_due`: claims deliveries with SELECT ... FOR UPDATE SKIP LOCKED, marks each sent in
   the same transaction as its email goes. A digest is never sent twice to one person, nor lost.

What it tells: practice entries that joined the record in the period (the record is open to every
role in the consortium), and engagements completed in it, named by provider, school and area only;
an outcome with evidence reaches the digest as the requesting school's new practice entry.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from networks.i18n import override_for
from networks.models import Consortium, User
from networks.services import email_preferences_url, site_url
from networks.signed_links import link_token, link_value
from networks.text import email_subject

from . import reads, text
from .models import (
    BrokerageSettings,
    DigestDelivery,
    DigestFrequency,
    DigestRun,
    DigestSubscription,
)

logger = logging.getLogger(__name__)

DIGEST_SALT = "brokerage.digest"


# Links and choices -------------------------------------------------------------------------------


def digest_token(user: User) -> str:
    return link_token(user.pk, salt=DIGEST_SALT)


def user_from_token(token: str) -> User | None:
    pk = link_value(token, salt=DIGEST_SALT)
    if not isinstance(pk, int):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def digest_url(user: User) -> str:
    return site_url(reverse("brokerage:digest_by_link", args=[digest_token(user)]))


@transaction.atomic
def digest_subscriptions_set(*, user: User, consortia) -> None:
    """Opt in to exactly these consortia's digests (those the person belongs to)."""
    wanted = {c.pk for c in consortia}
    DigestSubscription.objects.filter(user=user).exclude(consortium_id__in=wanted).delete()
    DigestSubscription.objects.bulk_create(
        [DigestSubscription(user=user, consortium_id=pk) for pk in sorted(wanted)], ignore_conflicts=True
    )


# Periods -----------------------------------------------------------------------------------------


def period_just_ended(frequency: str, today: date) -> tuple[date, date]:
    """[start, end) of the last whole period before today: weeks start on Monday; fortnights on the
    Monday of an even ISO week; months on the 1st."""
    monday = today - timedelta(days=today.weekday())
    if frequency == DigestFrequency.MONTHLY:
        end = today.replace(day=1)
        start = (end - timedelta(days=1)).replace(day=1)
        return start, end
    if frequency == DigestFrequency.FORTNIGHTLY:
        end = monday if monday.isocalendar().week % 2 == 0 else monday - timedelta(days=7)
        return end - timedelta(days=14), end
    return monday - timedelta(days=7), monday


# Planning ----------------------------------------------------------------------------------------


def digest_plan(*, consortium: Consortium, today: date | None = None) -> DigestRun | None:
    """The run for the period just ended, with a delivery owed to each person opted in. None when
    the consortium sends no digest. A run with nothing new in it is recorded and sends nothing."""
    today = today or timezone.localdate()
    frequency = BrokerageSettings.for_consortium(consortium).digest_frequency
    if frequency == DigestFrequency.OFF:
        return None
    start, end = period_just_ended(frequency, today)
    try:
        with transaction.atomic():
            run, created = DigestRun.objects.get_or_create(
                consortium=consortium, period_start=start, defaults={"period_end": end}
            )
    except IntegrityError:  # planned at the same moment elsewhere
        run, created = DigestRun.objects.get(consortium=consortium, period_start=start), False
    if created:
        content = reads.digest_content(run)
        run.entry_count, run.engagement_count = content["entry_count"], content["engagement_count"]
        run.save(update_fields=["entry_count", "engagement_count", "updated_at"])
    if run.entry_count or run.engagement_count:
        DigestDelivery.objects.bulk_create(
            [DigestDelivery(run=run, user_id=pk) for pk in reads.digest_audience(consortium)],
            batch_size=500,
            ignore_conflicts=True,
        )
    return run


# Sending -----------------------------------------------------------------------------------------


def digest_send_due(*, limit: int | None = None) -> int:
    """Send the deliveries owed, one per transaction, claimed with SKIP LOCKED. Returns how many
    were settled (sent, or skipped because the person opted out or left meanwhile). A failed send
    rolls its row back for the next sweep. On SQLite select_for_update is a no-op: one sweep at a time."""
    settled, failed = 0, set()
    contents: dict[int, dict] = {}
    connection = get_connection()
    try:
        while limit is None or settled < limit:
            delivery = None
            try:
                with transaction.atomic():
                    delivery = (
                        DigestDelivery.objects.filter(sent_at__isnull=True)
                        .exclude(pk__in=failed)
                        .select_for_update(skip_locked=True, of=("self",))
                        .select_related("run__consortium", "user")
                        .order_by("pk")
                        .first()
                    )
                    if delivery is None:
                        break
                    still_wanted = (
                        delivery.user.is_active
                        and DigestSubscription.objects.filter(
                            user_id=delivery.user_id, consortium_id=delivery.run.consortium_id
                        ).exists()
                    )
                    delivery.sent_at = timezone.now()
                    delivery.skipped = not still_wanted
                    delivery.save(update_fields=["sent_at", "skipped", "updated_at"])
                    if still_wanted:
                        if delivery.run_id not in contents:
                            contents[delivery.run_id] = reads.digest_content(delivery.run)
                        connection.open()
                        connection.send_messages([_message(delivery, contents[delivery.run_id])])
            except Exception:
                logger.exception("Sending digest delivery failed; it stays due.")
                if delivery is not None:
                    failed.add(delivery.pk)
                connection.close()
                continue
            settled += 1
    finally:
        connection.close()
    return settled


def _message(delivery: DigestDelivery, content: dict) -> EmailMessage:
    """The digest in the recipient's language."""
    with override_for(delivery.user):
        return _digest_message(delivery, content)


def _digest_message(delivery: DigestDelivery, content: dict) -> EmailMessage:
    run, user = delivery.run, delivery.user
    context = {
        "user": user,
        "consortium": run.consortium,
        "period": text.date_range(run.period_start, run.period_end - timedelta(days=1)),
        "entries": [(entry, site_url(entry.get_absolute_url())) for entry in content["entries"]],
        "entry_count": content["entry_count"],
        "engagements": content["engagements"],
        "engagement_count": content["engagement_count"],
        "record_url": site_url(reverse("brokerage:practice_list", args=[run.consortium.slug])),
        "preferences_url": email_preferences_url(user),
        "digest_url": digest_url(user),
    }
    subject = email_subject("brokerage/email/digest_subject.txt", context)
    return EmailMessage(
        subject=subject,
        body=render_to_string("brokerage/email/digest.txt", context),
        to=[user.email],
        headers={
            "X-PLC-Digest": str(delivery.pk),
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{context['digest_url']}>",
        },
    )


def digests_sweep(*, today: date | None = None, consortium: Consortium | None = None) -> tuple[int, int]:
    """Plan the runs due (every consortium, or one) and send what is owed: (runs with news, sent)."""
    from .feed import practice_feed_sync

    practice_feed_sync()  # what signals cannot see (an activity that has ended since) joins the record first
    consortia = [consortium] if consortium else list(Consortium.objects.order_by("pk"))
    planned = 0
    for each in consortia:
        run = digest_plan(consortium=each, today=today)
        planned += bool(run and (run.entry_count or run.engagement_count))
    return planned, digest_send_due()
