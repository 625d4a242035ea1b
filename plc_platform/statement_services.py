"""Writes of the statement of account: drafting, publishing (which freezes the figures), and the
share links with their openings."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from networks.models import Network, User
from networks.signed_links import link_token, link_value

from .models import Statement, StatementOpening, StatementShare, StatementStatus
from .statements import frozen, statement_figures

SHARE_SALT = "plc_platform.statement-share"


class StatementError(Exception):
    """A change the statement's state does not allow; the message says why, for the page."""


def statement_create(*, network: Network, start: dt.date, end: dt.date, label: str, by: User) -> Statement:
    if end < start:
        raise StatementError(gettext("The last day must be on or after the first."))
    return Statement.objects.create(network=network, starts_on=start, ends_on=end, period_label=label, created_by=by)


def statement_write(*, statement: Statement, introduction: str, next_steps: str) -> Statement:
    """Save the leader's words on a draft; a published statement is never rewritten."""
    with transaction.atomic():
        locked = Statement.objects.select_for_update().get(pk=statement.pk)
        if locked.is_published:
            raise StatementError(
                gettext("This statement is published: its words can no longer change. Start a new one.")
            )
        locked.introduction, locked.next_steps = introduction, next_steps
        locked.save(update_fields=["introduction", "next_steps", "updated_at"])
    return locked


def statement_publish(*, statement: Statement, by: User) -> Statement:
    """Freeze the figures as they stand now, with the date and the author; earlier published
    statements of the network over overlapping days are superseded by this one."""
    with transaction.atomic():
        locked = Statement.objects.select_for_update().select_related("network__consortium").get(pk=statement.pk)
        if locked.is_published:
            raise StatementError(gettext("This statement is already published."))
        figures = statement_figures(locked.network, locked.starts_on, locked.ends_on)
        locked.figures = frozen(figures)
        locked.status = StatementStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = by
        locked.author_name = by.full_name or by.email
        locked.save()
        (
            Statement.objects.published()
            .filter(network=locked.network, superseded_by__isnull=True)
            .overlapping(locked.starts_on, locked.ends_on)
            .exclude(pk=locked.pk)
            .update(superseded_by=locked, updated_at=timezone.now())
        )
    return locked


def share_create(*, statement: Statement, by: User, label: str = "", expires_on: dt.date | None = None):
    if not statement.is_published:
        raise StatementError(gettext("Only a published statement can be shared: publish it first."))
    share = StatementShare(statement=statement, label=label, created_by=by)
    if expires_on is not None:
        if expires_on < timezone.localdate():
            raise StatementError(gettext("The last day the link works cannot be in the past."))
        share.expires_on = expires_on
    share.save()
    return share


def share_revoke(*, share: StatementShare) -> StatementShare:
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at", "updated_at"])
    return share


def share_token(share: StatementShare) -> str:
    """The signed part of the link's address: the share's key (networks.signed_links says why)."""
    return link_token(share.key, salt=SHARE_SALT)


def share_from_token(token: str) -> StatementShare | None:
    """The share a link names, or None when the token is forged or names no share."""
    key = link_value(token, salt=SHARE_SALT)
    return (
        StatementShare.objects.select_related("statement__network").filter(key=key).first()
        if isinstance(key, str)
        else None
    )


def share_open(*, share: StatementShare) -> None:
    """Record that the link was opened today (the day only: nothing about who)."""
    StatementOpening.objects.create(share=share, opened_on=timezone.localdate())
