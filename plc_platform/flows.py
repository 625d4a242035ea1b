"""Knowledge flows composed from every app: the reciprocity ledger and the knowledge-flow map.

Each app reads its own flows (activities: learning visits and shared INSET places; brokerage:
consultancy days; enquiry: critical friends and their comments). Everything here is built from the
one list `flows_for(scope)` returns, so the ledger, the map, its table and its CSV always agree.
Only schools are named, never a person, an enquiry or its owner.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext, gettext_lazy

from activities import reads as activity_reads
from brokerage import reads as brokerage_reads
from enquiry import reads as enquiry_reads
from networks.flows import NO_NETWORK, Flow, FlowKind, FlowScope, NetworkOf
from networks.models import Network, NetworkSchool, School

ZERO = Decimal(0)
NO_NETWORK_NAME = gettext_lazy("Schools in no network")


def flows_for(scope: FlowScope) -> list[Flow]:
    """Every flow in the scope, from every app that records one (a fixed number of queries)."""
    return [
        *activity_reads.flows(scope),
        *brokerage_reads.flows(scope),
        *enquiry_reads.flows(scope),
    ]


def network_scope(network: Network, start=None, end=None, area_id=None) -> FlowScope:
    return FlowScope(consortium_id=network.consortium_id, network_id=network.pk, start=start, end=end, area_id=area_id)


# The reciprocity ledger --------------------------------------------------------------------------


def _amount(side: str, kind: str, whole: bool = True) -> property:
    """A ledger row's amount of one kind of flow, on one side ("given" or "received")."""

    def amount(row) -> int | Decimal:
        value = getattr(row, side)[kind]
        return int(value) if whole else value

    return property(amount)


@dataclass
class LedgerRow:
    """What one school gave and received, by kind of flow (Decimal amounts; counts are whole)."""

    school_id: int
    name: str
    in_network: bool
    given: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(FlowKind.ORDER, ZERO))
    received: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(FlowKind.ORDER, ZERO))

    # Each kind's amount given and received, by name: counts are whole numbers, days are not.
    visits_hosted = _amount("given", FlowKind.VISIT)
    visits_made = _amount("received", FlowKind.VISIT)
    consultancy_days_given = _amount("given", FlowKind.CONSULTANCY, whole=False)
    consultancy_days_used = _amount("received", FlowKind.CONSULTANCY, whole=False)
    inset_places_offered = _amount("given", FlowKind.INSET)
    inset_places_taken = _amount("received", FlowKind.INSET)
    critical_friends_given = _amount("given", FlowKind.CRITICAL_FRIEND)
    critical_friends_received = _amount("received", FlowKind.CRITICAL_FRIEND)
    comments_given = _amount("given", FlowKind.COMMENT)
    comments_received = _amount("received", FlowKind.COMMENT)

    @property
    def gives(self) -> bool:
        return any(self.given.values())

    @property
    def receives(self) -> bool:
        return any(self.received.values())

    def pairs(self) -> list[tuple[str, Decimal, Decimal]]:
        """(kind, given, received) in the order pages list them."""
        return [(kind, self.given[kind], self.received[kind]) for kind in FlowKind.ORDER]

    def cells(self) -> list[tuple[str, str]]:
        """(given, received) as a page shows them: 2.5 days, 3 visits."""
        return [(amount_text(self.given[kind]), amount_text(self.received[kind])) for kind in FlowKind.ORDER]


def amount_text(amount: Decimal) -> str:
    """A count or a number of days without trailing zeros: 3, 2.5."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class Ledger:
    """A network's reciprocity ledger over a period: one row per school of the network (in name
    order), then any school outside it that gave to or received from one of them."""

    start: dt.date | None
    end: dt.date | None
    rows: list[LedgerRow]
    totals: LedgerRow

    @property
    def network_rows(self) -> list[LedgerRow]:
        return [row for row in self.rows if row.in_network]

    @property
    def only_receiving(self) -> list[LedgerRow]:
        """Schools of the network that received but gave nothing: for the leader, a prompt to
        broker (never a league table for members)."""
        return [row for row in self.network_rows if row.receives and not row.gives]

    @property
    def only_giving(self) -> list[LedgerRow]:
        return [row for row in self.network_rows if row.gives and not row.receives]

    @property
    def taking_no_part(self) -> list[LedgerRow]:
        return [row for row in self.network_rows if not row.gives and not row.receives]


def ledger(network: Network, start: dt.date | None = None, end: dt.date | None = None, area_id=None) -> Ledger:
    """The reciprocity ledger of `network` for the days from `start` to `end` (both included; None
    leaves that end open): per school, visits hosted and made, INSET places offered and taken,
    consultancy days given and used, critical friends and their comments given and received.

    Flows are those `flows_for` reads for the network (its activities; engagements and enquiries
    for it or for its schools), so a school outside the network that hosted, helped or befriended
    one of its schools has a row too (`in_network` False). Totals are over every row, so each kind's
    total given equals its total received. A fixed number of queries whatever the size.
    """
    found = flows_for(network_scope(network, start, end, area_id))
    return ledger_of(found, network, start, end)


def ledger_of(found: list[Flow], network: Network, start=None, end=None) -> Ledger:
    """The ledger of flows already read (so a page that shows the map too reads them once)."""
    members = dict(NetworkSchool.objects.filter(network=network).values_list("school_id", "school__name").order_by())
    rows = {pk: LedgerRow(pk, name, True) for pk, name in members.items()}
    outside = {f.giver_id for f in found} | {f.receiver_id for f in found}
    outside -= rows.keys()
    if outside:
        for pk, name in School.objects.filter(pk__in=outside).values_list("pk", "name"):
            rows[pk] = LedgerRow(pk, name, False)
    totals = LedgerRow(0, gettext("All schools"), True)
    for flow in found:
        rows[flow.giver_id].given[flow.kind] += flow.amount
        rows[flow.receiver_id].received[flow.kind] += flow.amount
        totals.given[flow.kind] += flow.amount
        totals.received[flow.kind] += flow.amount
    ordered = sorted(rows.values(), key=lambda row: (not row.in_network, row.name.lower(), row.school_id))
    return Ledger(start=start, end=end, rows=ordered, totals=totals)


# Edges of the map and its table -------------------------------------------------------------------


class Edge(NamedTuple):
    """All flows of one kind and level from one node to another, summed."""

    giver_id: int
    receiver_id: int
    kind: str
    level: int
    amount: Decimal

    @property
    def kind_label(self) -> str:
        return FlowKind.LABELS[self.kind]

    @property
    def amount_text(self) -> str:
        return amount_text(self.amount)


def edges_of(found: list[Flow]) -> list[Edge]:
    """Flows summed by (giver, receiver, kind, level): the map's edges and the table's rows."""
    sums: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    for flow in found:
        sums[(flow.giver_id, flow.receiver_id, flow.kind, flow.level)] += flow.amount
    return [Edge(g, r, kind, level, amount) for (g, r, kind, level), amount in sums.items()]


# Between networks (the consortium's map, the exchange page and their CSVs) ----------------------


@dataclass
class NetworkFlows:
    """A consortium's school-to-school flows lifted to its networks and summed: `edges` between two
    networks (giver_id and receiver_id are network ids, NO_NETWORK for schools in none), `within`
    what flowed between two schools of one network, by (network id, kind). Every school flow is
    in exactly one of the two."""

    edges: list[Edge]
    within: dict[tuple[int, str], Decimal]
    names: dict[int, str]

    def within_totals(self) -> dict[int, Decimal]:
        totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for (network_id, _), amount in self.within.items():
            totals[network_id] += amount
        return totals


def network_flows(consortium, start=None, end=None, area_id=None) -> NetworkFlows:
    """Which networks learn from which: every flow of `flows_for` the consortium, each end lifted
    to a network by `networks.flows.NetworkOf` (the flow's own network if the school is in it,
    else its first, else NO_NETWORK); then summed as edges (and within each network), in one pass.
    Two queries more than `flows_for`, whatever the size."""
    scope = FlowScope(consortium_id=consortium.pk, start=start, end=end, area_id=area_id)
    school_flows = flows_for(scope)
    names = dict(Network.objects.filter(consortium=consortium).values_list("pk", "name").order_by())
    network_of = NetworkOf(consortium.pk)
    between: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    within: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    for kind, giver_id, receiver_id, amount, level, flow_network in school_flows:
        giver = network_of(giver_id, flow_network)
        receiver = network_of(receiver_id, flow_network)
        if giver == receiver:
            within[(giver, kind)] += amount
        else:
            between[(giver, receiver, kind, level)] += amount
    if any(NO_NETWORK in key[:2] for key in between) or any(key[0] == NO_NETWORK for key in within):
        names[NO_NETWORK] = NO_NETWORK_NAME
    edges = [Edge(g, r, kind, level, amount) for (g, r, kind, level), amount in between.items()]
    return NetworkFlows(edges=edges, within=dict(within), names=names)
