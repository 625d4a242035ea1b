"""The statement of account: drafting, publishing a frozen snapshot, the PDF and CSV agreeing with
the page, share links, and a fixed number of queries whatever the network's size."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from activities import services as activity_services
from activities.models import CostCategory, CostLine, NetworkBudget
from networks.models import NetworkSchool
from plc_platform import statement_services as services
from plc_platform.models import Statement, StatementOpening, StatementShare
from tests.activities.helpers import cost_line, plan
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

YEAR = (date(2025, 9, 1), date(2026, 8, 31))


def cost(activity, school, amount, category=CostCategory.OTHER):
    return cost_line(activity, school, amount, category, description="Room and cover")


def year_of_work(world, activities=1):
    """A budget for the year and `activities` learning visits with known costs."""
    NetworkBudget.objects.create(network=world.network_a, starts_on=YEAR[0], ends_on=YEAR[1], amount="10000.00")
    made = []
    for i in range(activities):
        activity = plan(world, day=date(2025, 10, 7) + timedelta(days=7 * (i % 30)), title=f"Visit {i}")
        CostLine.objects.filter(activity=activity).delete()
        cost(activity, world.school_1, "1234.50")
        made.append(activity)
    return made


def draft(world, client):
    client.force_login(world.people.leader_a)
    response = client.post(reverse("statements:list", args=[world.network_a.slug]), {"period": "2025"})
    assert response.status_code == 302, response.content.decode()
    return Statement.objects.get(network=world.network_a)


def test_a_leader_drafts_writes_and_publishes_and_the_figures_then_stay_as_they_were(world, client):
    [activity] = year_of_work(world)
    statement = draft(world, client)
    assert (statement.starts_on, statement.ends_on, statement.period_label) == (*YEAR, "2025 to 2026")
    url = statement.get_absolute_url()
    response = client.post(url, {"introduction": "We set out to improve writing.", "next_steps": "More visits."})
    assert response.status_code == 302
    assert "£1,234.50" in client.get(url).content.decode()

    client.post(reverse("statements:publish", args=[statement.pk]))
    statement.refresh_from_db()
    assert statement.is_published
    assert statement.author_name == "Leader A"
    assert statement.published_at.date() == timezone.localdate()

    # Afterwards the activity in the period is edited and its cost changes: the account given does not.
    line = CostLine.objects.get(activity=activity)
    line.rate = Decimal("999.00")
    activity_services.cost_line_save(line=line)
    activity_services.activity_update(activity=activity, practice_areas=[], enquiries=[], title="Renamed visit")
    page = client.get(url).content.decode()
    assert "£1,234.50" in page
    assert "£999.00" not in page
    assert "We set out to improve writing." in page
    assert client.post(url, {"introduction": "Rewritten", "next_steps": ""}).status_code == 404
    statement.refresh_from_db()
    assert statement.introduction == "We set out to improve writing."

    # A newer statement over the same year reads today's figures and supersedes the first.
    newer = services.statement_create(
        network=world.network_a, start=YEAR[0], end=YEAR[1], label="2025 to 2026", by=world.people.leader_a
    )
    newer = services.statement_publish(statement=newer, by=world.people.leader_a)
    statement.refresh_from_db()
    assert statement.superseded_by == newer
    assert newer.figures["money"]["total"]["planned"] == "999.00"
    assert "supersedes this one" in client.get(url).content.decode()


def test_bad_dates_are_refused_with_a_clear_message_and_nothing_saved(world, client):
    client.force_login(world.people.leader_a)
    url = reverse("statements:list", args=[world.network_a.slug])
    page = client.post(url, {"period": "dates", "start": "2026-03-01", "end": "2026-02-01"}).content.decode()
    assert "The last day must be on or after the first." in page
    page = client.post(url, {"period": "dates", "start": "", "end": ""}).content.decode()
    assert "Give the first day of the period." in page
    assert not Statement.objects.exists()
    response = client.post(url, {"period": "dates", "start": "2026-01-05", "end": "2026-02-13"})
    assert Statement.objects.get().period_label == "5 January 2026 to 13 February 2026"
    assert response.status_code == 302


def totals(figures):
    money = figures["money"]
    return [money["budget"], money["total"]["planned"], money["total"]["approved"], money["total"]["spent"]]


def test_the_pdf_and_the_csv_hold_the_same_totals_as_the_page(world, client):
    year_of_work(world, activities=3)
    statement = draft(world, client)
    response = client.post(reverse("statements:publish", args=[statement.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    statement.refresh_from_db()
    assert totals(statement.figures) == ["10000.00", "3703.50", "0.00", "0.00"]
    shown = ["£10,000.00", "£3,703.50"]

    page = client.get(statement.get_absolute_url()).content.decode()
    assert all(figure in page for figure in shown)
    # The money chart (plc_platform.dashboard.money_chart, as on the dashboard) draws the same
    # figures: its budget mark is said nowhere else. The page carries no <style> (the CSP).
    assert "Budget £10,000.00</text>" in page
    assert "<style>" not in page

    response = client.get(reverse("statements:pdf", args=[statement.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert all(figure in text for figure in shown), text
    assert "Budget £10,000.00" in text  # the chart, embedded as SVG with its own stylesheet
    assert all(world.network_a.name in page.extract_text() for page in reader.pages)
    assert f"Page 1 of {len(reader.pages)}" in reader.pages[0].extract_text()

    response = client.get(reverse("statements:csv", args=[statement.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    values = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    assert values[("Money", "Budget for the period", "GBP")] == "10000.00"
    assert values[("Money", "Total", "Planned (GBP)")] == "3703.50"
    assert values[("Money by school", "Ysgol Gynradd Llanwern", "Planned (GBP)")] == "3703.50"


def test_csv_cells_cannot_run_as_formulae(world, client):
    world.network_a.name = "=HYPERLINK(1)"
    world.network_a.save()
    statement = draft(world, client)
    rows = list(csv.reader(io.StringIO(client.get(reverse("statements:csv", args=[statement.pk])).content.decode())))
    assert rows[1][1] == "'=HYPERLINK(1)"


def published_and_shared(world, client):
    """A statement of a year of work, drafted, published and shared with the governors (no expiry
    given) through the pages: the statement and its share."""
    year_of_work(world)
    statement = draft(world, client)
    client.post(reverse("statements:publish", args=[statement.pk]))
    client.post(reverse("statements:share_create", args=[statement.pk]), {"label": "Governors", "expires_on": ""})
    return statement, StatementShare.objects.get()


def test_a_share_link_opens_the_snapshot_without_an_account_and_records_the_day_only(world, client):
    statement, share = published_and_shared(world, client)
    assert share.expires_on == timezone.localdate() + timedelta(days=90)
    url = reverse("statements:shared", args=[services.share_token(share)])
    assert url in client.get(statement.get_absolute_url()).content.decode()

    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert "£1,234.50" in response.content.decode()
    assert list(StatementOpening.objects.values_list("opened_on", flat=True)) == [timezone.localdate()]
    assert [f.name for f in StatementOpening._meta.get_fields()] == ["id", "share", "opened_on"]

    client.force_login(world.people.leader_a)
    client.post(reverse("statements:share_revoke", args=[statement.pk, share.pk]))
    client.logout()
    assert client.get(url).status_code == 410
    assert client.get(url[:-4] + "xyz/").status_code == 404


def test_a_draft_cannot_be_shared(world, client):
    statement = draft(world, client)
    with pytest.raises(services.StatementError):
        services.share_create(statement=statement, by=world.people.leader_a)


def grow(world, schools, activities):
    """`schools` more schools in network A, `activities` visits with a cost each, and enquiries."""
    for i in range(schools):
        school = SchoolFactory(consortium=world.consortium, name=f"School {i:03}", urn=700000 + i)
        NetworkSchool.objects.create(network=world.network_a, school=school)
    year_of_work(world, activities=activities)


@pytest.mark.parametrize("size", [5, 50])
def test_the_statement_pages_read_a_fixed_number_of_queries(world, client, size):
    grow(world, schools=size, activities=size)
    statement = draft(world, client)
    counted = []
    for url in [statement.get_absolute_url(), reverse("statements:csv", args=[statement.pk])]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counted.append(len(captured))
    client.post(reverse("statements:publish", args=[statement.pk]))
    client.post(reverse("statements:share_create", args=[statement.pk]), {"label": "", "expires_on": ""})
    shared = reverse("statements:shared", args=[services.share_token(StatementShare.objects.get())])
    for url in [statement.get_absolute_url(), reverse("statements:csv", args=[statement.pk])]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counted.append(len(captured))
    client.logout()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(shared).status_code == 200
    counted.append(len(captured))
    assert counted == EXPECTED_QUERIES


# Draft page, draft CSV, published page, published CSV, the share link's page.
EXPECTED_QUERIES = [16, 16, 6, 4, 2]


def test_each_closed_self_review_is_drawn_as_a_dot_plot_beside_its_table(world, client):
    from tests.reviews.test_results import make_framework, make_round, respond

    framework = make_framework(features=["Purpose and focus", "Collaboration"], questions=1)
    review = make_round(world.network_a, framework, opens_on=date(2025, 10, 1), closes_on=date(2025, 10, 21))
    for rating in (2, 3, 4):
        respond(review, rating, school=world.school_1)
    statement = draft(world, client)
    page = client.get(statement.get_absolute_url()).content.decode()
    section = page[page.index("reviews-heading") :]
    assert 'class="chart chart-dots' in section, section
    assert '<th scope="row">Collaboration</th>' in section, section
    assert "3.0" in section
    assert client.get(reverse("statements:pdf", args=[statement.pk]))["Content-Type"] == "application/pdf"


def test_too_few_answers_show_no_figures_chart_or_table(world, client):
    from tests.reviews.test_results import make_framework, make_round, respond

    framework = make_framework(features=["Collaboration"], questions=1)
    review = make_round(world.network_a, framework, opens_on=date(2025, 10, 1), closes_on=date(2025, 10, 21))
    respond(review, 4, school=world.school_1)
    statement = draft(world, client)
    section = client.get(statement.get_absolute_url()).content.decode()
    section = section[section.index("reviews-heading") :]
    assert "Too few people answered" in section
    assert "chart-dots" not in section
    assert "by feature (scrolls sideways)" not in section


def test_a_share_has_one_address_however_often_it_is_shown_and_older_addresses_still_open(world, client):
    _, share = published_and_shared(world, client)
    first = services.share_token(share)
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        assert services.share_token(share) == first
    timestamped = signing.dumps(share.key, salt=services.SHARE_SALT, compress=False)
    assert services.share_from_token(timestamped) == share
    assert services.share_from_token(first) == share
    assert services.share_from_token(first[:-2] + "xx") is None
