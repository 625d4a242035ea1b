"""Knowledge flows between schools: the shape each app's reads give them in.

A flow is something one school gave another: a learning visit hosted, INSET places offered,
consultancy days, a critical friend, a critical friend's comments. Each app that records such a
thing reads its own flows (`activities.reads.flows`, `brokerage.reads.flows`,
`enquiry.reads.flows`); the platform composes them into the knowledge-flow map and the
reciprocity ledger, so both always add up to the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FlowKind:
    """The kinds of flow, in the order pages list them, with what a school gives and receives."""

    VISIT = "visit"
    INSET = "inset"
    CONSULTANCY = "consultancy"
    CRITICAL_FRIEND = "critical_friend"
    COMMENT = "comment"

    ORDER = (VISIT, INSET, CONSULTANCY, CRITICAL_FRIEND, COMMENT)
    LABELS = {
        VISIT: _("Learning visit"),
        INSET: _("Shared INSET places"),
        CONSULTANCY: _("Consultancy days"),
        CRITICAL_FRIEND: _("Critical friend"),
        COMMENT: _("Critical friend's comments"),
    }
    # (what the giver did, what the receiver did), as a ledger's column headings say it.
    GIVEN_RECEIVED = {
        VISIT: (_("Visits hosted"), _("Visits made")),
        INSET: (_("INSET places offered"), _("INSET places taken")),
        CONSULTANCY: (_("Consultancy days given"), _("Consultancy days used")),
        CRITICAL_FRIEND: (_("Critical friends given"), _("Critical friends received")),
        COMMENT: (_("Comments given"), _("Comments received")),
    }


@dataclass(frozen=True)
class FlowScope:
    """Whose flows, over which days (both included), in which practice area (any if None).

    `network_id` None means the whole consortium.
    """

    consortium_id: int
    network_id: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    area_id: int | None = None

    def moments(self, field: str) -> Q:
        """A filter on a datetime field for the period, in local days (index friendly)."""
        return moments(field, self.start, self.end)

    def days(self, field: str) -> Q:
        """A filter on a date field for the period."""
        q = Q()
        if self.start:
            q &= Q(**{f"{field}__gte": self.start})
        if self.end:
            q &= Q(**{f"{field}__lte": self.end})
        return q


def moments(field: str, start: dt.date | None, end: dt.date | None) -> Q:
    """A filter on a datetime field for the days from `start` to `end` (both included; either may
    be None), in local days (index friendly)."""
    q = Q()
    if start:
        q &= Q(**{f"{field}__gte": _local_midnight(start)})
    if end:
        q &= Q(**{f"{field}__lt": _local_midnight(end + dt.timedelta(days=1))})
    return q


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class Flow(NamedTuple):
    """One school giving to another: `amount` visits, places, days or comments of `kind`, at
    collaboration `level` (1 to 3), recorded in `network_id` (None where no network owns it).
    A named tuple: a consortium reads tens of thousands, and tuples are quick to make."""

    kind: str
    giver_id: int
    receiver_id: int
    amount: Decimal
    level: int
    network_id: int | None


NO_NETWORK = 0  # the network of a school in none


class NetworkOf:
    """Which network a school's end of a flow counts in, between networks: the flow's own network
    (an activity's, a request's) when the school is in it, else the first network (lowest id) the
    school is in, else NO_NETWORK. The one rule for the knowledge-flow map, the exchange page's
    flows and its brokered pairs, so a school in two networks is counted the same way in each."""

    def __init__(self, consortium_id: int):
        from .models import NetworkSchool

        self.memberships: dict[int, set[int]] = defaultdict(set)
        links = NetworkSchool.objects.filter(network__consortium_id=consortium_id)
        for school_id, network_id in links.values_list("school_id", "network_id").order_by():
            self.memberships[school_id].add(network_id)
        # Most schools are in one network, which is then their end of every flow.
        self.only = {school: next(iter(own)) for school, own in self.memberships.items() if len(own) == 1}
        self.first = {school: min(own) for school, own in self.memberships.items()}

    def __call__(self, school_id: int, flow_network_id: int | None) -> int:
        only = self.only.get(school_id)
        if only is not None:
            return only
        if flow_network_id in self.memberships.get(school_id, ()):
            return flow_network_id
        return self.first.get(school_id, NO_NETWORK)
