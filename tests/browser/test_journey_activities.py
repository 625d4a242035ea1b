"""Journeys 6 and 8: a leader plans a learning visit and a jigsaw meeting; a school lead approves;
a teacher evaluates.

The leader plans a learning visit from its template (the page says what it is and how to organise
it), adds four visiting teachers of school 1 and sees the proposed costs: four teacher-days of
supply cover at £173 and travel from school 1. School 1's lead approves their school's lines and
cannot approve the host school's. After the visit a visiting teacher records what they learned.
The leader makes jigsaw groups for 23 people on four readings and prints the sheets (print media
emulated for the screenshot). Every page is checked with axe and saved as a full-page screenshot in
test-artifacts/activities-NN-<name>.png; no page may log a console error.
"""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from activities.models import Activity, ActivityType, CostLine, Evaluation
from networks.models import Role
from tests.browser.helpers import sign_in
from tests.browser.test_journey_foundation import Visit
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VISITORS = ["Teacher A", "Ceri Davies", "Dafydd Evans", "Elin Hughes"]
SCHOOLS = ["Ysgol Gynradd Llanwern", "Maes y Coed Primary", "Heol y Celyn Primary"]
ATTENDANCE = "\n".join(f"Person {n:02d}, {SCHOOLS[n % 3]}" for n in range(1, 24))


def load_activity_types():
    """The templates as data migration 0002 loads them: a transactional test's flush removes them."""
    importlib.import_module("activities.migrations.0002_activity_types").load(django_apps, None)


@pytest.fixture
def journey_world(transactional_db, world):
    load_activity_types()
    assert ActivityType.objects.count() == 11
    for name in VISITORS[1:]:
        user = UserFactory(email=f"{name.split()[0].lower()}@example.org", full_name=name)
        MembershipFactory(user=user, school=world.school_1, role=Role.SCHOOL_STAFF)
    world.school_1.easting, world.school_1.northing = 330000, 190000
    world.school_1.save()
    world.school_2.easting, world.school_2.northing = 333000, 194000
    world.school_2.save()
    return world


def local_input(days, hour):
    value = timezone.localtime() + timedelta(days=days)
    return value.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def test_leader_plans_a_visit_school_lead_approves_teacher_evaluates_leader_runs_a_jigsaw(
    live_server, journey_world, browser, settings, artifacts
):
    settings.SITE_URL = live_server.url
    base = live_server.url
    visit = Visit(artifacts, "activities")
    leader_context = browser.new_context(viewport=DESKTOP)
    page = visit.watch(leader_context.new_page())

    # The leader opens the network's activities and chooses the learning-visit template.
    sign_in(page, base, "leader.a@example.org")
    page.goto(f"{base}/networks/valleys-writing/activities/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Activities")
    visit.check(page, "list-empty")
    page.get_by_role("link", name="Plan an activity").click()
    visit.check(page, "templates")
    page.get_by_role("link", name="Plan a learning visit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan a learning visit")
    guide = page.get_by_role("region", name="Learning visit: the template")
    expect(guide).to_contain_text("observe good practice first-hand")
    expect(guide).to_contain_text("briefing session led by a senior member of staff")
    expect(guide).to_contain_text("plenary")
    visit.check(page, "plan")

    # A bad end time first: a clear message, nothing saved.
    page.get_by_label("Title").fill("Oral rehearsal at Maes y Coed")
    page.get_by_label("Host school").select_option(label="Maes y Coed Primary")
    page.get_by_label("Starts").fill(local_input(14, 9))
    page.get_by_label("Ends").fill(local_input(13, 15))
    page.get_by_role("button", name="Plan it").click()
    expect(page.locator("main")).to_contain_text("The activity must end after it starts")
    assert not Activity.objects.exists()
    visit.check(page, "plan-error")
    page.get_by_label("Ends").fill(local_input(14, 15))
    page.get_by_role("button", name="Plan it").click()
    expect(page.get_by_role("status")).to_contain_text("is planned. Add the people taking part next.")
    visit.check(page, "add-people")

    # Adds four visiting teachers of school 1.
    page.get_by_label("Their role").select_option(label="Visitor")
    for name in VISITORS:
        page.get_by_label(name, exact=False).check()
    page.get_by_role("button", name="Add them").click()
    expect(page.get_by_role("status")).to_contain_text("4 people added")
    activity = Activity.objects.get()
    costs = page.get_by_role("region", name="Costs")
    expect(costs).to_contain_text("1 × £173.00")
    assert CostLine.objects.filter(activity=activity, category="supply_cover").count() == 4
    travel = CostLine.objects.get(activity=activity, category="travel")
    expect(costs).to_contain_text("Travel from Ysgol Gynradd Llanwern to Maes y Coed Primary and back")
    expected_total = sum(line.amount for line in CostLine.objects.filter(activity=activity))
    assert expected_total == 692 + travel.amount
    expect(page.locator("#cost-total")).to_have_text(f"£{expected_total:,.2f}")
    visit.check(page, "activity-costs")

    # School 1's lead approves their school's lines, and cannot approve the host school's.
    lead_context = browser.new_context(viewport=DESKTOP)
    lead = visit.watch(lead_context.new_page())
    sign_in(lead, base, "lead@example.org")
    lead.goto(f"{base}{activity.get_absolute_url()}")
    visit.check(lead, "lead-before")
    # One line at a time in the table (the "Approve all" above it is tested in test_needs_you.py).
    approve = lead.locator("table.costs").get_by_role("button", name="Approve")
    expect(approve).to_have_count(5)  # four teacher-days and the travel; hosting is school 2's
    for _ in range(5):
        approve.first.click()
        expect(lead.get_by_role("status")).to_contain_text("Approved:")
    expect(lead.get_by_role("button", name="Approve")).to_have_count(0)
    assert set(
        CostLine.objects.filter(activity=activity, school=journey_world.school_1).values_list("status", flat=True)
    ) == {"approved"}
    assert set(
        CostLine.objects.filter(activity=activity, school=journey_world.school_2).values_list("status", flat=True)
    ) == {"proposed"}
    visit.check(lead, "lead-approved")
    lead.goto(f"{base}/networks/valleys-writing/activities/budget/")
    expect(lead.locator("#total-approved")).to_have_text(f"£{692 + travel.amount:,.2f}")
    visit.check(lead, "budget")
    lead_context.close()

    # The visit happens (moved to yesterday); a visiting teacher records what they learned, on a phone.
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=activity.starts_at - timedelta(days=15), ends_at=activity.ends_at - timedelta(days=15)
    )
    teacher_context = browser.new_context(viewport=PHONE)
    teacher = visit.watch(teacher_context.new_page())
    sign_in(teacher, base, "teacher.a@example.org")
    teacher.goto(f"{base}{activity.get_absolute_url()}")
    visit.check(teacher, "teacher-activity")
    teacher.get_by_role("link", name="Record what you learned").click()
    visit.check(teacher, "evaluation")
    teacher.get_by_label("What did you learn?").fill("Talk partners before writing lift the quietest boys.")
    teacher.get_by_label("What will you change in your own practice?").fill(
        "Two minutes of oral rehearsal before every extended write."
    )
    teacher.get_by_label("5 Very useful").check()
    teacher.get_by_role("button", name="Save my evaluation").click()
    expect(teacher.get_by_role("status")).to_contain_text("what you learned and will change is recorded")
    assert Evaluation.objects.get().usefulness == 5
    visit.check(teacher, "evaluated")
    teacher_context.close()

    # The leader reads it, then makes jigsaw groups for a twilight session and prints the sheets.
    page.goto(f"{base}{activity.get_absolute_url()}")
    expect(page.get_by_role("region", name="Afterwards")).to_contain_text("Two minutes of oral rehearsal")
    visit.check(page, "leader-reads")
    page.goto(f"{base}/networks/valleys-writing/tools/")
    visit.check(page, "tools")
    page.get_by_role("link", name="Make jigsaw groups").click()
    page.locator("#id_title").fill("Broadening the learning community")
    page.get_by_label("Who is here").fill(ATTENDANCE)
    page.get_by_label("4 readings (A to D)").check()
    visit.check(page, "jigsaw-form")
    page.get_by_role("button", name="Make the groups").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Broadening the learning community")
    expect(page.get_by_role("region", name="Home groups")).to_contain_text("Home group 6")
    expect(page.get_by_role("region", name="Expert groups")).to_contain_text("Expert group D")
    visit.check(page, "jigsaw")
    page.get_by_role("link", name="Print the sheets").click()
    expect(page.locator(".print-sheet")).to_have_count(6 + 7)
    visit.check(page, "jigsaw-print")
    page.emulate_media(media="print")
    expect(page.locator("header")).to_be_hidden()
    visit.check(page, "jigsaw-printed")
    page.emulate_media(media="screen")

    # The history shows the visit at level 1, and school 1 and 2 working together.
    page.goto(f"{base}/networks/valleys-writing/activities/history/")
    expect(page.get_by_role("region", name="Which schools have worked with which")).to_contain_text(
        "Maes y Coed Primary"
    )
    visit.check(page, "history")
    leader_context.close()


def page_urls(world):
    """Every activities page a person opens, with the world of the access matrix's rows."""
    a, activity = world.network_a.slug, world.activity.pk
    return {
        "list": f"/networks/{a}/activities/?show=all",
        "choose": f"/networks/{a}/activities/new/",
        "create": f"/networks/{a}/activities/new/problem-solving-team-building/",
        "budget": f"/networks/{a}/activities/budget/",
        "history": f"/networks/{a}/activities/history/",
        "tools": f"/networks/{a}/tools/",
        "jigsaw-create": f"/networks/{a}/tools/jigsaw/new/",
        "pstb-create": f"/networks/{a}/tools/pstb/new/",
        "force-field-create": f"/networks/{a}/tools/force-field/new/",
        "detail": f"/activities/{activity}/",
        "edit": f"/activities/{activity}/edit/",
        "cancel": f"/activities/{activity}/cancel/",
        "participant-add": f"/activities/{activity}/people/add/",
        "participant-edit": f"/activities/{activity}/people/{world.participant.pk}/",
        "participant-remove": f"/activities/{activity}/people/{world.removable.pk}/remove/",
        "cost-add": f"/activities/{activity}/costs/add/",
        "cost-edit": f"/activities/{activity}/costs/{world.spare_line.pk}/",
        "cost-delete": f"/activities/{activity}/costs/{world.spare_line.pk}/delete/",
        "cost-spend": f"/activities/{activity}/costs/{world.approved_line.pk}/spent/",
        "notes": f"/activities/{activity}/notes/",
        "outcomes": f"/activities/{activity}/outcomes/",
        "rates": f"/consortia/{world.consortium.slug}/rates/",
        "rate-edit": f"/consortia/{world.consortium.slug}/rates/{world.rate.pk}/",
        "calendar": "/activities/calendar/",
        "jigsaw": f"/tools/jigsaw/{world.jigsaw.pk}/",
        "jigsaw-print": f"/tools/jigsaw/{world.jigsaw.pk}/print/",
        "jigsaw-delete": f"/tools/jigsaw/{world.jigsaw.pk}/delete/",
        "pstb": f"/tools/pstb/{world.pstb.pk}/",
        "force-field": f"/tools/force-field/{world.force_field.pk}/",
    }


@pytest.fixture
def every_page_world(transactional_db, world):
    from tests.activities.access_rows import extend_world

    load_activity_types()
    extend_world(world)
    return world


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_every_activities_page_passes_axe_without_sideways_scroll(
    live_server, every_page_world, browser, artifacts, viewport
):
    """As the network's leader (who may open every page but the rates), and the rates as consortium
    staff; the evaluation form as a visiting teacher. On a phone nothing scrolls sideways."""
    from urllib.parse import urlparse

    size = PHONE if viewport == "phone" else DESKTOP
    problems = []
    base = live_server.url
    world = every_page_world
    pages = page_urls(world)
    as_staff = {name: pages.pop(name) for name in ("rates", "rate-edit")}
    for offset, email, urls in [
        (0, "leader.a@example.org", pages),
        (len(pages), "officer@example.org", as_staff),
        (len(pages) + 2, "teacher.a@example.org", {"evaluation": f"/activities/{world.activity.pk}/evaluation/"}),
    ]:
        context = browser.new_context(viewport=size)
        visit = Visit(artifacts, "activities-page")
        visit.count = offset
        page = visit.watch(context.new_page())
        sign_in(page, base, email)
        for name, url in urls.items():
            page.goto(base + url)
            try:
                assert urlparse(page.url).path == urlparse(base + url).path, f"{name}: sent to {page.url}"
                visit.check(page, f"{name}-{viewport}")
                width = page.evaluate("document.documentElement.scrollWidth")
                if viewport == "phone" and width > size["width"]:
                    problems.append(f"{name}: {width}px wide on a {size['width']}px phone")
            except AssertionError as error:
                problems.append(f"{name}: {error}")
                visit.page_errors.clear()
        context.close()
    assert not problems, "\n".join(problems)
