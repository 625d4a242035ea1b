"""The consortium overview (issue 14, build point 2): every network side by side, each row the
network dashboard's own figures, the anonymity rules kept, sortable on the server, with a CSV of
every figure, and the same pinned number of queries with 5 and with 50 networks."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import CostCategory, CostLine, CostStatus, NetworkBudget
from plc_platform.dashboard import dashboard_context
from plc_platform.flowmap import academic_year
from plc_platform.overview import NO_ROUND, TOO_FEW, consortium_overview
from reviews.models import Framework, ResponseGroup
from reviews.reads import KEY_FEATURES
from tests.enquiry.helpers import make_enquiry
from tests.factories import NetworkFactory, NetworkSchoolFactory, SchoolFactory
from tests.reviews.test_results import make_round, respond
from tests.test_query_counts import queries_for

from .flow_helpers import hosted, person_at

pytestmark = pytest.mark.django_db

YEAR = academic_year(timezone.localdate())
DAY = YEAR.start + timedelta(days=43)
LAST_YEAR = YEAR.start - timedelta(days=30)


def url(world, query=""):
    return reverse("overview:consortium", args=[world.consortium.slug]) + query


def cost(activity, school, amount, status=CostStatus.PROPOSED, actual=None):
    return CostLine.objects.create(
        activity=activity,
        category=CostCategory.SUPPLY_COVER,
        school=school,
        description="Cover",
        quantity=Decimal("1"),
        rate=Decimal(amount),
        amount=Decimal(amount),
        status=status,
        actual_amount=None if actual is None else Decimal(actual),
    )


def answered(network, ratings, *, people=6, opens_on=date(2025, 5, 1)):
    """A closed round of the seven key features with `people` answering (half leaders)."""
    framework = Framework.objects.get(slug=KEY_FEATURES)
    round = make_round(network, framework, opens_on=opens_on, closes_on=opens_on + timedelta(days=20))
    for i in range(people):
        respond(round, ratings, group=ResponseGroup.LEADER if i % 2 else ResponseGroup.STAFF)
    return round


def busy(world, network, school, *, n=1, level=1):
    """In `network`: n activities this year at `level` hosted by `school` with a cost each (one
    approved, one spent), one last year, and an enquiry shared and one private."""
    for i in range(n):
        activity = hosted(network, school, [school], day=DAY, level=level)
        cost(activity, school, "173.00", CostStatus.SPENT if i % 2 else CostStatus.APPROVED, actual="150.00")
    cost(hosted(network, school, [school], day=LAST_YEAR, level=3), school, "999.00")
    make_enquiry(person_at(school), school, network, sharing="network")
    make_enquiry(person_at(school), school, network, sharing="private")


def test_each_row_is_the_network_dashboards_figures(world):
    answered(world.network_a, 3, opens_on=date(2024, 5, 1))
    latest = answered(world.network_a, 2)
    busy(world, world.network_a, world.school_1, n=3, level=2)
    busy(world, world.network_b, world.school_3, n=2, level=3)
    NetworkBudget.objects.create(network=world.network_a, starts_on=YEAR.start, ends_on=YEAR.end, amount=5000)

    overview = consortium_overview(world.consortium, YEAR)

    staff = world.people.consortium_staff
    assert [row.network for row in overview.rows] == [world.network_b, world.network_a]
    for row in overview.rows:
        dashboard = dashboard_context(staff, row.network)
        seven = [p for p in dashboard["reviews"] if p["summary"].framework.slug == KEY_FEATURES]
        if row.review is None:
            assert seven == []
        else:
            assert row.review.round == seven[0]["summary"].round
            assert row.means == [f.mean for f in seven[0]["features"]]
        in_year = {f"{term} {year}" for term, year in [("Autumn", YEAR.start.year)]}
        in_year |= {f"{term} {YEAR.end.year}" for term in ("Spring", "Summer")}
        terms = [t for t in dashboard["activity"]["history"].terms if t.label in in_year]
        assert row.level_cells == [sum(t.count(level) for t in terms) for level in (1, 2, 3)]
        money = dashboard["money"]
        assert (row.money.budget, row.money.total) == (money.budget, money.total)
        enquiries = dashboard["enquiries"]
        assert (row.enquiries.total, row.enquiries.private) == (enquiries["total"], enquiries["private"])
    a = overview.rows[1]
    assert a.review.round == latest
    assert a.means == [2.0] * 7
    assert a.level_cells == [0, 3, 0]
    assert a.money.total.planned == Decimal("519.00")  # three this year; last year's 999 left out
    assert a.money.total.approved == Decimal("519.00")
    assert a.money.total.spent == Decimal("150.00")
    assert (a.enquiries.total, a.enquiries.shared, a.enquiries.private) == (2, 1, 1)
    assert overview.rows[0].review_note == NO_ROUND


def test_too_few_answers_shows_no_figures_on_the_page_or_in_the_csv(world, client):
    answered(world.network_a, 4, people=2)
    answered(world.network_b, 3)
    client.force_login(world.people.consortium_staff)
    page = client.get(url(world)).content.decode()
    assert TOO_FEW in page
    assert "Self-review figures for 1 of them" in page
    assert "1 had too few people answering" in page
    assert "4.0" not in page
    assert "<svg" in page
    response = client.get(reverse("overview:consortium_csv", args=[world.consortium.slug]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_name = {row[0]: row for row in rows[1:]}
    header = rows[0]
    first_feature = header.index("Purpose and focus (mean, 1 to 4)")
    assert by_name["Valleys Writing Network"][first_feature] == ""
    assert by_name["Valleys Writing Network"][header.index("Self-review note")] == TOO_FEW
    assert by_name["Valleys Writing Network"][header.index("People answering")] == ""
    assert by_name["Numeracy Network"][first_feature] == "3.00"


def test_sorted_on_the_server_by_any_column(world, client):
    quiet = NetworkFactory(consortium=world.consortium, name="Assessment Network")
    busy(world, world.network_a, world.school_1, n=3)
    busy(world, world.network_b, world.school_3, n=1)
    answered(world.network_a, 2)
    answered(world.network_b, 3)
    client.force_login(world.people.consortium_staff)

    def order(query):
        page = client.get(url(world, query)).content.decode()
        body = page[page.index("<tbody>") : page.index("</tbody>")]
        names = [world.network_a.name, world.network_b.name, quiet.name]
        return sorted(names, key=body.index)

    assert order("") == ["Assessment Network", "Numeracy Network", "Valleys Writing Network"]
    assert order("?sort=-network") == ["Valleys Writing Network", "Numeracy Network", "Assessment Network"]
    assert order("?sort=-spent") == ["Valleys Writing Network", "Assessment Network", "Numeracy Network"]
    assert order("?sort=planned") == ["Assessment Network", "Numeracy Network", "Valleys Writing Network"]
    # Networks with no figure come last either way.
    assert order("?sort=purpose-and-focus") == ["Valleys Writing Network", "Numeracy Network", "Assessment Network"]
    assert order("?sort=-purpose-and-focus") == ["Numeracy Network", "Valleys Writing Network", "Assessment Network"]
    assert order("?sort=nonsense") == order("")
    page = client.get(url(world, "?sort=-spent")).content.decode()
    assert 'aria-sort="descending"><a href="?show=money&amp;sort=spent">Spent' in page
    assert '<a href="?show=money&amp;sort=-planned">Planned' in page


def test_the_table_shows_one_group_of_figures_at_a_time_and_the_csv_all(world, client):
    """The table fits a desktop screen: the network, its schools and the group chosen (the
    self-review first, else the sorted column's); the CSV keeps every figure."""
    busy(world, world.network_a, world.school_1, n=3)
    answered(world.network_b, 3)
    client.force_login(world.people.consortium_staff)

    def headings(query):
        page = client.get(url(world, query)).content.decode()
        head = page[page.index("<thead>") : page.index("</thead>")]
        return [label for label in ("People answering", "Level 1", "Planned", "Shared") if f">{label}<" in head]

    assert headings("") == ["People answering"]
    assert headings("?show=activities") == ["Level 1"]
    assert headings("?sort=-spent") == ["Planned"]
    assert headings("?show=enquiries&sort=-spent") == ["Shared"]
    assert headings("?show=nonsense") == ["People answering"]
    page = client.get(url(world, "?show=money&sort=-spent")).content.decode()
    assert 'href="?show=money&amp;sort=-spent" aria-current="page">Money' in page
    assert 'href="?show=review">Self-review' in page  # the order is kept only where its column shows
    header = next(
        csv.reader(
            io.StringIO(
                client.get(reverse("overview:consortium_csv", args=[world.consortium.slug])).content.decode("utf-8-sig")
            )
        )
    )
    assert {"People answering", "Planned (GBP)", "Shared enquiries"} <= set(header)


def test_the_csv_holds_every_network_and_is_safe_in_a_spreadsheet(world, client):
    NetworkFactory(consortium=world.consortium, name="=HYPERLINK(1)")
    busy(world, world.network_a, world.school_1, n=2)
    NetworkBudget.objects.create(network=world.network_a, starts_on=YEAR.start, ends_on=YEAR.end, amount=1000)
    for _ in range(30):
        NetworkFactory(consortium=world.consortium)
    client.force_login(world.people.consortium_staff)
    response = client.get(reverse("overview:consortium_csv", args=[world.consortium.slug]) + "?sort=-planned")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 33  # every network, not a page of them
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Network"] == "Valleys Writing Network"
    assert first[f"Budget (GBP), {YEAR.label}"] == "1000.00"
    assert first["Planned (GBP)"] == "346.00"
    assert first["Spent (GBP)"] == "150.00"
    assert first[f"Activities at level 1, {YEAR.label}"] == "2"
    assert (first["Enquiries"], first["Shared enquiries"], first["Private enquiries (counted, never listed)"]) == (
        "2",
        "1",
        "1",
    )
    assert "'=HYPERLINK(1)" in [row[0] for row in rows]


def test_many_networks_are_paged(world, client):
    for i in range(30):
        NetworkFactory(consortium=world.consortium, name=f"Zeta network {i:02}")
    client.force_login(world.people.consortium_staff)
    first = client.get(url(world)).content.decode()
    assert "Page 1 of 2" in first
    assert "Zeta network 29" not in first
    second = client.get(url(world, "?sort=network&page=2")).content.decode()
    assert "Zeta network 29" in second
    assert "All 32 networks" in second
    assert "?sort=network&amp;page=1" in second


def test_linked_from_the_consortium_page_and_home_for_its_staff(world, client):
    client.force_login(world.people.consortium_staff)
    assert (
        url(world) in client.get(reverse("networks:consortium_detail", args=[world.consortium.slug])).content.decode()
    )
    assert url(world) in client.get(reverse("home")).content.decode()
    client.force_login(world.people.leader_a)
    assert (
        url(world)
        not in client.get(reverse("networks:consortium_detail", args=[world.consortium.slug])).content.decode()
    )


OVERVIEW_QUERIES = 15


def grow(world, n):
    """n more networks in the consortium, each with a school, a closed round, an activity with a
    cost this year, a budget and two enquiries."""
    for _ in range(n):
        network = NetworkFactory(consortium=world.consortium)
        school = SchoolFactory(consortium=world.consortium)
        NetworkSchoolFactory(network=network, school=school)
        answered(network, 3, people=3)
        busy(world, network, school)
        NetworkBudget.objects.create(network=network, starts_on=YEAR.start, ends_on=YEAR.end, amount=100)


@pytest.mark.parametrize("path", ["overview:consortium", "overview:consortium_csv"])
def test_the_overview_costs_the_same_pinned_queries_with_5_and_50_networks(world, client, path):
    client.force_login(world.people.consortium_staff)
    address = reverse(path, args=[world.consortium.slug]) + "?sort=-spent"
    grow(world, 5)
    client.get(address)  # the session's first request reads one thing more, once
    with_five = queries_for(client, address)
    grow(world, 45)
    with_fifty = queries_for(client, address)
    assert (with_five, with_fifty) == (OVERVIEW_QUERIES, OVERVIEW_QUERIES)
