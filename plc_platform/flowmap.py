"""The knowledge-flow map: nodes and edges read once, laid out on the server with networkx, drawn
as SVG by a template (no script, no inline style), with the same edges as its table and CSV.

At network level the nodes are schools; at consortium level they are networks, and a flow between
two schools of one network stays inside its node (the node's size and its row say how much).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx
from django.core.cache import cache
from django.utils.translation import gettext, ngettext

from activities.reads import term_of
from networks.flows import Flow, FlowKind
from networks.models import Network

from .flows import ZERO, Edge, amount_text, edges_of, flows_for, ledger_of, network_flows, network_scope

SIZE = 640  # the drawing's square viewBox; it scales to the width of the screen
MARGIN = 70
CIRCLE_UP_TO = 16  # up to this many nodes sit round a circle; more are laid out by force
MOST_DRAWN = 150  # a consortium map draws its largest flows between networks; the CSV has them all
LAYOUT_SECONDS = 7 * 24 * 3600  # a force-directed layout is kept this long for the same graph
SORTS = {
    "from": lambda row: (row.giver.lower(), row.receiver.lower()),
    "to": lambda row: (row.receiver.lower(), row.giver.lower()),
    "kind": lambda row: (FlowKind.ORDER.index(row.edge.kind), row.giver.lower()),
    "count": lambda row: (row.edge.amount, row.giver.lower()),
    "level": lambda row: (row.edge.level, row.giver.lower()),
}


# Periods ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: dt.date
    end: dt.date


def academic_year(day: dt.date) -> Period:
    year = day.year if day.month >= 9 else day.year - 1
    label = gettext("%(start)s to %(end)s") % {"start": year, "end": year + 1}
    return Period(f"{year}", label, dt.date(year, 9, 1), dt.date(year + 1, 8, 31))


def term_period(year: int, index: int) -> Period:
    """Autumn September to December, spring January to March, summer April to August."""
    start, end = [
        (dt.date(year, 9, 1), dt.date(year, 12, 31)),
        (dt.date(year + 1, 1, 1), dt.date(year + 1, 3, 31)),
        (dt.date(year + 1, 4, 1), dt.date(year + 1, 8, 31)),
    ][index]
    return Period(f"{year}-{index}", term_of(start)[2], start, end)


def periods_around(today: dt.date) -> list[Period]:
    """This academic year and last, and the terms of both, newest first: the choices of the filter."""
    this = academic_year(today)
    last = academic_year(this.start - dt.timedelta(days=1))
    choices = [this]
    choices += [term_period(this.start.year, i) for i in (2, 1, 0) if term_period(this.start.year, i).start <= today]
    choices.append(last)
    choices += [term_period(last.start.year, i) for i in (2, 1, 0)]
    return choices


def chosen_period(key: str | None, today: dt.date) -> Period:
    """The period the filter names, or this academic year when it names none we offer."""
    for period in periods_around(today):
        if period.key == key:
            return period
    return periods_around(today)[0]


# The map ---------------------------------------------------------------------------------------


@dataclass
class Node:
    pk: int
    name: str
    given: Decimal = ZERO
    received: Decimal = ZERO
    within: Decimal = ZERO  # consortium level: flows between two schools of this network
    x: float = 0.0
    y: float = 0.0
    r: float = 8.0

    @property
    def given_text(self) -> str:
        return amount_text(self.given)

    @property
    def received_text(self) -> str:
        return amount_text(self.received)

    @property
    def within_text(self) -> str:
        return amount_text(self.within)

    @property
    def short_name(self) -> str:
        return self.name if len(self.name) <= 20 else self.name[:18].rstrip() + "…"

    @property
    def label_x(self) -> float:
        """Under the node, moved in from the edges so a long name is not cut off."""
        half = len(self.short_name) * 5.2 + 4
        return round(min(max(self.x, half), SIZE - half), 1)

    @property
    def label_y(self) -> float:
        return self.y + self.r + 17 if self.y < SIZE - MARGIN / 2 else self.y - self.r - 6


@dataclass
class Row:
    """One edge as the map draws it and the table lists it."""

    edge: Edge
    giver: str
    receiver: str
    path: str = ""
    width: float = 1.0

    @property
    def level(self) -> int:
        return self.edge.level

    @property
    def amount_text(self) -> str:
        return self.edge.amount_text


@dataclass
class FlowMap:
    """The drawn nodes and edges (`rows`); `edges` are all of them, more than the drawn ones only
    where a consortium map keeps to its largest (the CSV has them all). `flows` are a network map's
    school flows (a consortium map's are summed as they are read, so it keeps none)."""

    nodes: list[Node]
    rows: list[Row]
    period: Period | None
    flows: list[Flow] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    names: dict = field(default_factory=dict)
    noun: str = "schools"
    size: int = SIZE

    @property
    def is_cut(self) -> bool:
        return len(self.edges) > len(self.rows)

    def every_row(self) -> list[Row]:
        """Every edge as a row (not drawn), in the CSV's order: from, then to."""
        return rows_of(self.edges, self.names)

    @property
    def summary(self) -> str:
        """The map in one sentence, for those who do not see it."""
        if not self.rows:
            return gettext("No flows between them in this period.")
        giver = max(self.nodes, key=lambda n: (n.given, n.name))
        receiver = max(self.nodes, key=lambda n: (n.received, n.name))
        kinds = sorted({edge.kind for edge in self.edges}, key=FlowKind.ORDER.index)
        labels = ", ".join(FlowKind.LABELS[k][0].lower() + FlowKind.LABELS[k][1:] for k in kinds)
        active = sum(1 for n in self.nodes if n.given or n.received)
        count = len(self.edges)
        if self.noun == "networks":
            between = ngettext(
                "%(count)s flow between %(active)s of the %(total)s networks: %(kinds)s.",
                "%(count)s flows between %(active)s of the %(total)s networks: %(kinds)s.",
                count,
            )
        else:
            between = ngettext(
                "%(count)s flow between %(active)s of the %(total)s schools: %(kinds)s.",
                "%(count)s flows between %(active)s of the %(total)s schools: %(kinds)s.",
                count,
            )
        most = gettext("%(giver)s gives the most; %(receiver)s receives the most.")
        return (
            between % {"count": count, "active": active, "total": len(self.nodes), "kinds": labels}
            + " "
            + most % {"giver": giver.name, "receiver": receiver.name}
        )

    def sorted_rows(self, sort: str, descending: bool) -> list[Row]:
        key = SORTS.get(sort, SORTS["count"])
        return sorted(self.rows, key=key, reverse=descending)


def network_map(network: Network, period: Period | None, area_id=None):
    """The map of one network's schools (and any school outside it that gave or received), and its
    ledger, from one read of the flows."""
    found = flows_for(network_scope(network, period and period.start, period and period.end, area_id))
    ledger = ledger_of(found, network, period and period.start, period and period.end)
    names = {row.school_id: row.name for row in ledger.rows}
    return _drawn(found, names, edges_of(found), period), ledger


def consortium_map(consortium, period: Period | None, area_id=None) -> FlowMap:
    """The map of a consortium's networks: which networks learn from which (flows between schools
    of two networks), each network's own flows inside its node; `flows.network_flows` reads them,
    as it does for the exchange page."""
    lifted = network_flows(consortium, period and period.start, period and period.end, area_id)
    drawn = _drawn([], lifted.names, lifted.edges, period, lifted.within_totals(), limit=MOST_DRAWN)
    drawn.noun = "networks"
    return drawn


def rows_of(edges: list[Edge], names: dict[int, str]) -> list[Row]:
    """Edges as table rows (not drawn), from, then to."""
    return sorted((Row(e, names[e.giver_id], names[e.receiver_id]) for e in edges), key=SORTS["from"])


def between_networks(consortium, period: Period | None, area_id=None) -> list[Row]:
    """Every flow between two networks, as the exchange page and its CSV list them: the edges of
    the consortium map (the same read, `flows.network_flows`), none left out, nothing laid out."""
    lifted = network_flows(consortium, period and period.start, period and period.end, area_id)
    return rows_of(lifted.edges, lifted.names)


def _drawn(found, names: dict[int, str], edges: list[Edge], period, within=None, limit=None) -> FlowMap:
    nodes = {pk: Node(pk, name, within=(within or {}).get(pk, ZERO)) for pk, name in names.items()}
    for edge in edges:
        nodes[edge.giver_id].given += edge.amount
        nodes[edge.receiver_id].received += edge.amount
    shown = edges
    if limit and len(edges) > limit:
        shown = sorted(edges, key=lambda e: (-e.amount, e.giver_id, e.receiver_id, e.kind, e.level))[:limit]
    rows = [Row(edge, names[edge.giver_id], names[edge.receiver_id]) for edge in shown]
    _lay_out(list(nodes.values()), rows)
    ordered = sorted(nodes.values(), key=lambda n: n.name.lower())
    return FlowMap(nodes=ordered, rows=rows, period=period, flows=found, edges=edges, names=names)


def _lay_out(nodes: list[Node], rows: list[Row]) -> None:
    """Places up to CIRCLE_UP_TO nodes round a circle in name order, more with networkx's seeded
    force-directed layout (the same picture on every load); then gives each edge a curved path
    (two flows between the same two nodes bow apart)."""
    if not nodes:
        return
    graph = nx.Graph()
    graph.add_nodes_from(sorted(n.pk for n in nodes))
    weights = defaultdict(float)
    for row in rows:
        weights[tuple(sorted((row.edge.giver_id, row.edge.receiver_id)))] += float(row.edge.amount)
    for (a, b), weight in sorted(weights.items()):
        graph.add_edge(a, b, weight=math.log1p(weight))
    if len(nodes) == 1:
        positions = {nodes[0].pk: (0.0, 0.0)}
    elif len(nodes) <= CIRCLE_UP_TO:
        # Few nodes: evenly round a circle, in name order, so every label has room.
        ordered = [n.pk for n in sorted(nodes, key=lambda n: n.name.lower())]
        step = 2 * math.pi / len(ordered)
        positions = {pk: (math.sin(i * step), -math.cos(i * step)) for i, pk in enumerate(ordered)}
    else:
        positions = spring_positions(graph)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    inner = SIZE - 2 * MARGIN
    by_pk = {}
    largest = max((float(n.given + n.received + n.within) for n in nodes), default=0.0) or 1.0
    for node in nodes:
        px, py = positions[node.pk]
        node.x = round(MARGIN + (px - min(xs)) / span_x * inner, 1) if len(nodes) > 1 else SIZE / 2
        node.y = round(MARGIN + (py - min(ys)) / span_y * inner, 1) if len(nodes) > 1 else SIZE / 2
        node.r = round(7 + 13 * math.sqrt(float(node.given + node.received + node.within) / largest), 1)
        by_pk[node.pk] = node
    heaviest = max((float(row.edge.amount) for row in rows), default=1.0)
    seen = defaultdict(int)
    for row in sorted(rows, key=lambda r: (r.edge.giver_id, r.edge.receiver_id, r.edge.kind, r.edge.level)):
        a, b = by_pk[row.edge.giver_id], by_pk[row.edge.receiver_id]
        pair = (row.edge.giver_id, row.edge.receiver_id)
        bend = 0.12 + 0.1 * seen[pair]  # each further flow between the same two bows further out
        seen[pair] += 1
        row.path = _curve(a, b, bend)
        row.width = round(1.5 + 5.5 * math.sqrt(float(row.edge.amount) / heaviest), 1)


def layout_key(graph: nx.Graph) -> str:
    """The cache key of a graph's layout: its nodes and weighted edges, nothing else."""
    shape = (sorted(graph.nodes), sorted((min(a, b), max(a, b), w) for a, b, w in graph.edges(data="weight")))
    return "flowmap-layout:" + hashlib.sha256(repr(shape).encode()).hexdigest()


def spring_positions(graph: nx.Graph) -> dict[int, tuple[float, float]]:
    """networkx's seeded force-directed layout, kept in the cache by the graph it lays out: the
    same nodes and weights always give the same picture, so it is worked out once, not on every
    load."""
    key = layout_key(graph)
    positions = cache.get(key)
    if positions is None:
        laid = nx.spring_layout(graph, seed=15, k=1.6 / math.sqrt(graph.number_of_nodes()), iterations=80)
        positions = {pk: (float(x), float(y)) for pk, (x, y) in laid.items()}
        cache.set(key, positions, LAYOUT_SECONDS)
    return positions


def _curve(a: Node, b: Node, bend: float) -> str:
    """A quadratic curve from the edge of a to the edge of b, bowing to the giver's right, so the
    flow back from b to a takes the other side."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    sx, sy = a.x + ux * a.r, a.y + uy * a.r
    ex, ey = b.x - ux * (b.r + 4), b.y - uy * (b.r + 4)
    cx, cy = (sx + ex) / 2 - uy * length * bend, (sy + ey) / 2 + ux * length * bend
    return f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"
