"""The knowledge-flow map with its table and ledger, the consortium's map, and "what works here",
on the demo data, at phone and desktop width: axe clean, no console error, no sideways scrolling,
a full-page screenshot of each (test-artifacts/page-<name>-<phone|desktop>.png). The leader sorts
the table by a heading and the order changes, without any script."""

import pytest
from django.urls import reverse

from .test_every_page import VIEWPORTS, Checker, page_world, sign_in  # noqa: F401  (page_world is a fixture)

pytestmark = pytest.mark.browser


def pages(w):
    return [
        ("network-flows", reverse("plc_platform:network_flows", args=[w.network_a.slug])),
        ("consortium-flows", reverse("plc_platform:consortium_flows", args=[w.consortium.slug])),
        ("what-works", reverse("plc_platform:what_works", args=[w.consortium.slug]) + "?area=literacy"),
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_flow_pages(viewport, live_server, page_world, browser, artifacts):  # noqa: F811
    context = browser.new_context(viewport=VIEWPORTS[viewport], reduced_motion="reduce")
    checker = Checker(context.new_page(), live_server.url, viewport, artifacts)
    sign_in(checker.page, live_server.url, page_world.people.consortium_staff.email)
    for name, path in pages(page_world):
        checker.check(name, path)

    tab = checker.page
    tab.goto(live_server.url + pages(page_world)[0][1])
    assert (
        tab.locator("svg.flow-map-svg path.flow-edge").count() == tab.locator("table.flow-table tbody tr").count() > 0
    )
    tab.get_by_role("link", name="From").click()
    tab.wait_for_url("**sort=from**")
    names = tab.locator("table.flow-table tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    assert tab.locator("th[aria-sort=ascending]").inner_text().startswith("From")
    context.close()

    report = "\n\n".join(f"== {where}\n" + "\n".join(problems) for where, problems in checker.problems.items())
    assert not checker.problems, f"{len(checker.problems)} pages with problems at {viewport} size:\n\n{report}"
