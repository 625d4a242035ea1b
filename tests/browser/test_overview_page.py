"""The consortium overview on the demo data, at phone and desktop width: axe clean, no console
error, no sideways scrolling, a full-page screenshot (test-artifacts/page-consortium-overview-
<phone|desktop>.png). Consortium staff sort the table by a heading, without any script, and the
heat map draws the same networks as the table, in its order."""

import pytest
from django.urls import reverse

from .test_every_page import VIEWPORTS, Checker, page_world, sign_in  # noqa: F401  (page_world is a fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_consortium_overview(viewport, live_server, page_world, browser, artifacts):  # noqa: F811
    context = browser.new_context(viewport=VIEWPORTS[viewport], reduced_motion="reduce")
    checker = Checker(context.new_page(), live_server.url, viewport, artifacts)
    sign_in(checker.page, live_server.url, page_world.people.consortium_staff.email)
    path = reverse("overview:consortium", args=[page_world.consortium.slug])
    checker.check("consortium-overview", path)

    tab = checker.page
    tab.goto(live_server.url + reverse("networks:consortium_detail", args=[page_world.consortium.slug]))
    tab.get_by_role("link", name="Every network side by side").click()
    tab.wait_for_url(f"**{path}")
    rows = tab.locator("#overview tbody tr th[scope=row] a")
    assert rows.count() > 1
    assert tab.locator(".chart-heat svg > text.chart-label[x='0']").all_text_contents() == [
        name if len(name) <= 30 else name[:29].rstrip() + "…" for name in rows.all_inner_texts()
    ]
    tab.get_by_role("link", name="Money", exact=True).click()
    tab.wait_for_url("**show=money")
    tab.get_by_role("link", name="Spent", exact=True).click()
    tab.wait_for_url("**sort=-spent")
    assert tab.locator("th[aria-sort=descending]").inner_text().startswith("Spent")
    spent = [
        float(text.replace("£", "").replace(",", ""))
        for text in tab.locator("#overview tbody tr td:last-child").all_inner_texts()
    ]
    assert spent == sorted(spent, reverse=True)
    checker.check("consortium-overview-by-spend", path + "?show=money&sort=-spent")
    checker.check("consortium-overview-activities", path + "?show=activities")
    context.close()

    report = "\n\n".join(f"== {where}\n" + "\n".join(problems) for where, problems in checker.problems.items())
    assert not checker.problems, f"{len(checker.problems)} pages with problems at {viewport} size:\n\n{report}"
