"""The knowledge-flow map's table sorts by a heading, without any script, and has exactly the
map's edges. (The flow pages, the exchange between networks and "what works here" are each
checked at phone and desktop width in test_every_page.py.)"""

import pytest
from django.urls import reverse

from .test_every_page import VIEWPORTS, page_world, sign_in  # noqa: F401  (page_world is a fixture)

pytestmark = pytest.mark.browser


def test_the_leader_sorts_the_table_of_flows(live_server, page_world, browser):  # noqa: F811
    context = browser.new_context(viewport=VIEWPORTS["phone"], reduced_motion="reduce")
    tab = context.new_page()
    sign_in(tab, live_server.url, page_world.people.consortium_staff.email)

    tab.goto(live_server.url + reverse("plc_platform:network_flows", args=[page_world.network_a.slug]))
    assert (
        tab.locator("svg.flow-map-svg path.flow-edge").count() == tab.locator("table.flow-table tbody tr").count() > 0
    )
    tab.get_by_role("link", name="From").click()
    tab.wait_for_url("**sort=from**")
    names = tab.locator("table.flow-table tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    assert tab.locator("th[aria-sort=ascending]").inner_text().startswith("From")
    context.close()
