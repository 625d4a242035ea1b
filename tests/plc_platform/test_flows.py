"""The knowledge-flow map and the ledger are one set of figures; the table is exactly the map."""

import csv
import io
import re
from collections import Counter
from datetime import timedelta
from decimal import Decimal

import networkx as nx
import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networks.flows import FlowKind, FlowScope
from networks.models import User
from plc_platform import flowmap
from plc_platform.flows import NO_NETWORK, edges_of, flows_for, ledger, ledger_of, network_flows
from tests.factories import NetworkFactory, NetworkSchoolFactory, SchoolFactory

from .flow_helpers import befriended, engaged, hosted

pytestmark = pytest.mark.django_db

YEAR = flowmap.academic_year(timezone.localdate())
DAY = YEAR.start + timedelta(days=43)  # in this academic year, which the page offers
SCHOOLS = 4  # network A's two schools, one more of A, one outside it

event = st.one_of(
    st.tuples(
        st.just("visit"), st.integers(0, 3), st.lists(st.integers(0, 3), min_size=1, max_size=3), st.integers(1, 3)
    ),
    st.tuples(
        st.just("inset"), st.integers(0, 3), st.lists(st.integers(0, 3), min_size=1, max_size=4), st.integers(1, 3)
    ),
    st.tuples(st.just("consultancy"), st.integers(0, 3), st.integers(0, 3), st.sampled_from(["0.5", "1", "2.5"])),
    st.tuples(st.just("comment"), st.integers(0, 3), st.integers(0, 3), st.integers(0, 3)),
)


def schools_of(world):
    extra = SchoolFactory(consortium=world.consortium, name="Third Primary")
    NetworkSchoolFactory(network=world.network_a, school=extra)
    outside = SchoolFactory(consortium=world.consortium, name="Outside Primary")
    return [world.school_1, world.school_2, extra, outside]


def build(world, schools, events) -> Counter:
    """Makes the rows; returns the expected total of each kind (what an independent count says)."""
    expected = Counter()
    for kind, giver, receivers, extra in events:
        host = schools[giver]
        if kind in ("visit", "inset"):
            hosted(
                world.network_a,
                host,
                [schools[r] for r in receivers],
                day=DAY,
                slug="learning-visit" if kind == "visit" else "shared-inset-seminar",
                level=extra,
            )
            others = [r for r in receivers if r != giver]
            expected[kind] += len(set(others)) if kind == "visit" else len(others)
        elif kind == "consultancy":
            if receivers != giver:
                engaged(world.consortium, host, schools[receivers], days=extra, starts_on=DAY, network=world.network_a)
                expected[kind] += Decimal(extra)
        else:
            befriended(schools[receivers], host, comments=extra, network=world.network_a)
            if receivers != giver:
                expected[FlowKind.CRITICAL_FRIEND] += 1
                expected[FlowKind.COMMENT] += extra
    return expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(event, max_size=6))
def test_every_flow_of_the_map_adds_up_to_the_ledger_and_the_table_is_the_map(world, client, events):
    with transaction.atomic():
        schools = schools_of(world)
        expected = build(world, schools, events)

        flow_map, book = flowmap.network_map(world.network_a, YEAR)
        result = ledger(world.network_a, YEAR.start, YEAR.end)

        assert [row.name for row in book.rows] == [row.name for row in result.rows]
        for row in result.rows:
            for kind in FlowKind.ORDER:
                given_ = sum(
                    (r.edge.amount for r in flow_map.rows if r.edge.giver_id == row.school_id and r.edge.kind == kind),
                    Decimal(0),
                )
                taken = sum(
                    (
                        r.edge.amount
                        for r in flow_map.rows
                        if r.edge.receiver_id == row.school_id and r.edge.kind == kind
                    ),
                    Decimal(0),
                )
                assert (row.given[kind], row.received[kind]) == (given_, taken)
        for kind in FlowKind.ORDER:
            assert result.totals.given[kind] == result.totals.received[kind] == expected[kind]

        client.force_login(world.people.leader_a)
        drawn = {(r.giver, r.receiver, r.edge.kind_label, r.amount_text, str(r.level)) for r in flow_map.rows}
        page = client.get(reverse("plc_platform:network_flows", args=[world.network_a.slug]), {"period": YEAR.key})
        html = page.content.decode()
        table = html.split('class="table table-sm align-middle flow-table"')[1].split("</table>")[0] if drawn else ""
        cells = [
            tuple(re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr))
            for tr in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[-1])
            if "<td" in tr
        ]
        unescaped = {tuple(c.replace("&#x27;", "'") for c in cell) for cell in cells}
        assert unescaped == drawn
        assert len(cells) == len(drawn)
        assert html.count('class="flow-edge level-') == len(drawn)
        response = client.get(
            reverse("plc_platform:network_flows_csv", args=[world.network_a.slug]), {"period": YEAR.key}
        )
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
        assert {tuple(r) for r in rows} == drawn
        assert len(rows) == len(drawn)
        transaction.set_rollback(True)


def csv_rows(response) -> list[tuple]:
    return [tuple(r) for r in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))][1:]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(event, max_size=6))
def test_flows_between_networks_are_the_sums_of_the_school_ledger_and_the_exchange_table_is_the_map(
    world, client, events
):
    """Schools 1 and 2 are in network A, school 3 in B, the fourth in none: each network's edges out
    (and in), with the flows between its own schools, add up to its schools' given (and received)
    in the ledger of the consortium's school flows, kind by kind; the exchange page's table and CSV
    have exactly the consortium map's edges."""
    with transaction.atomic():
        outside = SchoolFactory(consortium=world.consortium, name="Outside Primary")
        schools = [world.school_1, world.school_2, world.school_3, outside]
        build(world, schools, events)

        lifted = network_flows(world.consortium, YEAR.start, YEAR.end)
        found = flows_for(FlowScope(consortium_id=world.consortium.pk, start=YEAR.start, end=YEAR.end))
        book = {row.school_id: row for row in ledger_of(found, world.network_a).rows}
        members = {
            world.network_a.pk: [world.school_1.pk, world.school_2.pk],
            world.network_b.pk: [world.school_3.pk],
            NO_NETWORK: [outside.pk],
        }
        edges = lifted.edges
        for network, own in members.items():
            for kind in FlowKind.ORDER:
                inside = lifted.within.get((network, kind), Decimal(0))
                out = sum((e.amount for e in edges if e.giver_id == network and e.kind == kind), Decimal(0))
                into = sum((e.amount for e in edges if e.receiver_id == network and e.kind == kind), Decimal(0))
                given_ = sum((book[s].given[kind] for s in own if s in book), Decimal(0))
                taken = sum((book[s].received[kind] for s in own if s in book), Decimal(0))
                assert (out + inside, into + inside) == (given_, taken), (network, kind)
        total = sum((e.amount for e in edges), Decimal(0)) + sum(lifted.within.values(), Decimal(0))
        assert total == sum((f.amount for f in found), Decimal(0))

        consortium_map = flowmap.consortium_map(world.consortium, YEAR)
        assert sorted(consortium_map.edges) == sorted(edges)
        drawn = {(r.giver, r.receiver, r.edge.kind_label, r.amount_text, str(r.level)) for r in consortium_map.rows}
        client.force_login(world.people.consortium_staff)
        args, query = [world.consortium.slug], {"period": YEAR.key}
        exchange = client.get(reverse("plc_platform:network_exchange", args=args), query)
        listed = {
            (r.giver, r.receiver, r.edge.kind_label, r.amount_text, str(r.level))
            for r in exchange.context["flows"].object_list
        }
        assert listed == drawn
        exchange_csv = csv_rows(client.get(reverse("plc_platform:network_exchange_csv", args=args), query))
        assert exchange_csv == csv_rows(client.get(reverse("plc_platform:consortium_flows_csv", args=args), query))
        assert len(exchange_csv) == len(edges)
        transaction.set_rollback(True)


def test_the_exchange_page_lists_flows_between_networks_page_by_page(world, client):
    """More network-to-network flows than a page holds: 25 on the first, the rest on the second,
    the CSV all of them, and the sort by a heading applies before the pages are cut."""
    for n in range(30):
        school = SchoolFactory(consortium=world.consortium, name=f"School {n:02d}")
        network = NetworkFactory(consortium=world.consortium, name=f"Net {n:02d}")
        NetworkSchoolFactory(network=network, school=school)
        hosted(world.network_a, school, [world.school_1], day=DAY)
    client.force_login(world.people.consortium_staff)
    url = reverse("plc_platform:network_exchange", args=[world.consortium.slug])

    first = client.get(url, {"period": YEAR.key, "sort": "from", "dir": "asc"})
    second = client.get(url, {"period": YEAR.key, "sort": "from", "dir": "asc", "flows_page": 2})

    names = [row.giver for row in first.context["flows"].object_list + second.context["flows"].object_list]
    assert names == [f"Net {n:02d}" for n in range(30)]
    assert len(first.context["flows"].object_list) == 25
    text = first.content.decode()
    assert "Flows from one network to another" in text
    assert "flows_page=2" in text
    csv_response = client.get(
        reverse("plc_platform:network_exchange_csv", args=[world.consortium.slug]), {"period": YEAR.key}
    )
    assert len(csv_rows(csv_response)) == 30


def test_a_force_directed_layout_is_kept_for_the_same_graph_only(world):
    graph = nx.Graph()
    graph.add_nodes_from(range(1, 21))
    graph.add_weighted_edges_from([(n, n + 1, 1.0) for n in range(1, 20)])
    heavier = graph.copy()
    heavier.add_edge(1, 2, weight=2.0)

    positions = flowmap.spring_positions(graph)

    assert cache.get(flowmap.layout_key(graph)) == positions
    assert flowmap.spring_positions(graph) == positions
    assert flowmap.layout_key(heavier) != flowmap.layout_key(graph)
    for n in range(30):  # more networks than a circle holds: the map is laid out by force, the same twice
        school = SchoolFactory(consortium=world.consortium, name=f"School {n:02d}")
        NetworkSchoolFactory(network=NetworkFactory(consortium=world.consortium, name=f"Net {n:02d}"), school=school)
        hosted(world.network_a, school, [world.school_1], day=DAY)
    first, again = flowmap.consortium_map(world.consortium, YEAR), flowmap.consortium_map(world.consortium, YEAR)
    assert len(first.nodes) > flowmap.CIRCLE_UP_TO
    assert [(n.pk, n.x, n.y) for n in first.nodes] == [(n.pk, n.x, n.y) for n in again.nodes]


def test_edges_sum_flows_by_giver_receiver_kind_and_level(world):
    schools = schools_of(world)
    hosted(world.network_a, schools[1], [schools[0]], day=DAY, level=1)
    hosted(world.network_a, schools[1], [schools[0]], day=DAY, level=1)
    hosted(world.network_a, schools[1], [schools[0]], day=DAY, level=2)

    flow_map, _ = flowmap.network_map(world.network_a, YEAR)

    assert sorted((e.edge.amount, e.level) for e in flow_map.rows) == [(Decimal(1), 2), (Decimal(2), 1)]
    assert len(edges_of(flow_map.flows)) == 2


def test_consortium_map_shows_networks_learning_from_networks(world, client):
    hosted(world.network_a, world.school_3, [world.school_1, world.school_2], day=DAY)  # B's school hosts A
    hosted(world.network_a, world.school_2, [world.school_1], day=DAY)  # within A

    flow_map = flowmap.consortium_map(world.consortium, YEAR)

    assert [(r.giver, r.receiver, r.amount_text) for r in flow_map.rows] == [
        ("Numeracy Network", "Valleys Writing Network", "2")
    ]
    nodes = {n.name: n for n in flow_map.nodes}
    assert nodes["Valleys Writing Network"].within == 1
    client.force_login(world.people.consortium_staff)
    text = client.get(
        reverse("plc_platform:consortium_flows", args=[world.consortium.slug]), {"period": YEAR.key}
    ).content.decode()
    assert "Numeracy Network" in text
    assert 'class="flow-edge level-1"' in text


def test_csv_cells_are_guarded_against_formulae(world, client):
    world.school_2.name = "=HYPERLINK(1)"
    world.school_2.save()
    hosted(world.network_a, world.school_2, [world.school_1], day=DAY)
    client.force_login(world.people.leader_a)

    response = client.get(reverse("plc_platform:network_flows_csv", args=[world.network_a.slug]), {"period": YEAR.key})

    assert "'=HYPERLINK(1)" in response.content.decode()


def test_a_flow_names_schools_never_a_private_enquiry(world, client):
    befriended(world.school_1, world.school_2, comments=2, network=world.network_a)
    client.force_login(world.people.leader_a)
    text = client.get(
        reverse("plc_platform:network_flows", args=[world.network_a.slug]), {"period": YEAR.key}
    ).content.decode()
    assert "Critical friend&#x27;s comments" in text
    assert "Secret title" not in text


def test_a_school_in_two_networks_counts_in_the_same_network_on_both_exchange_tables(world, client):
    """School 3 is in networks A and B: network A's visit to it stays within A on both tables (the
    flows and the brokered pairs), and network C's visit and engagement count it in its first
    network on both (networks.flows.NetworkOf, one rule)."""
    NetworkSchoolFactory(network=world.network_a, school=world.school_3)
    network_c = NetworkFactory(consortium=world.consortium, name="Network C")
    school_4 = SchoolFactory(consortium=world.consortium, name="Fourth Primary")
    NetworkSchoolFactory(network=network_c, school=school_4)
    hosted(world.network_a, world.school_3, [world.school_1], day=DAY)
    hosted(network_c, world.school_3, [school_4], day=DAY)
    engaged(world.consortium, world.school_3, school_4, days="2", starts_on=DAY, network=network_c)
    engaged(world.consortium, world.school_3, world.school_1, days="1", starts_on=DAY, network=world.network_a)
    first = min(world.network_a, world.network_b, key=lambda n: n.pk).name

    client.force_login(world.people.consortium_staff)
    page = client.get(reverse("plc_platform:network_exchange", args=[world.consortium.slug]), {"period": YEAR.key})

    pairs = {
        (p["from"], p["to"], kind)
        for p in page.context["page"].object_list
        for kind in ("visits", "engagements")
        if p[kind] and not p["within"]
    }
    kinds = {"Learning visit": "visits", "Consultancy days": "engagements"}
    flows = {(r.receiver, r.giver, kinds[r.edge.kind_label]) for r in page.context["flows"].object_list}
    assert pairs == flows == {("Network C", first, "visits"), ("Network C", first, "engagements")}
    within = [p for p in page.context["page"].object_list if p["within"]]
    assert [(p["from"], p["engagements"], p["visits"]) for p in within] == [("Valleys Writing Network", 1, 0)]


def test_the_kinds_of_flow_are_in_welsh_for_a_welsh_reader(world, client):
    hosted(world.network_a, world.school_2, [world.school_1], day=DAY)
    User.objects.filter(pk=world.people.leader_a.pk).update(language="cy")
    client.force_login(world.people.leader_a)

    html = client.get(reverse("plc_platform:network_flows", args=[world.network_a.slug]), {"period": YEAR.key})
    page = html.content.decode()

    assert "Ymweliad dysgu" in page
    assert "Learning visit" not in page
