"""The network view for leaders: counts of every enquiry, a list and a CSV of the shared ones."""

import csv
import io

from django.urls import reverse

from enquiry import reads, services
from enquiry.models import Sharing

from .helpers import make_enquiry


def test_private_enquiries_are_counted_but_not_listed(world, client):
    literacy = world.consortium.practice_areas.get(name="Literacy")
    a = world.people.teacher_a
    make_enquiry(a, world.school_1, world.network_a, title="Secret plan", practice_areas=[literacy])
    shared = make_enquiry(
        a, world.school_1, world.network_a, sharing=Sharing.NETWORK, title="Shared one", practice_areas=[literacy]
    )
    make_enquiry(a, world.school_1, world.network_a, sharing=Sharing.SCHOOL, title="School only")
    make_enquiry(world.people.teacher_b, world.school_3, world.network_b, sharing=Sharing.NETWORK, title="Elsewhere")
    client.force_login(world.people.leader_a)
    response = client.get(reverse("enquiry:network_enquiries", args=[world.network_a.slug]))
    overview = response.context["overview"]
    assert overview["total"] == 3
    assert overview["private"] == 1
    assert overview["people"] == 1
    assert {c.label: c.count for c in overview["by_area"]} == {"Literacy": 2}
    assert overview["untagged"] == 1
    assert {c.label: c.count for c in overview["by_school"]} == {"Ysgol Gynradd Llanwern": 3}
    assert {c.label: c.count for c in overview["by_stage"]}["Investigate current provision"] == 3
    assert [e.pk for e in response.context["page"].object_list] == [shared.pk]
    page = response.content.decode()
    assert "Secret plan" not in page
    assert "School only" not in page
    assert "Elsewhere" not in page

    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("enquiry:network_enquiries_csv", args=[world.network_a.slug])).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0] == reads.CSV_HEADER
    assert [row[0] for row in rows[1:]] == ["Shared one"]


def test_filter_by_stage_and_school(world, client):
    a = world.people.teacher_a
    one = make_enquiry(a, world.school_1, world.network_a, sharing=Sharing.NETWORK, title="One")
    make_enquiry(a, world.school_1, world.network_a, sharing=Sharing.NETWORK, title="Two")
    services.enquiry_move_stage(enquiry=one, to_stage="observe", by=a)
    client.force_login(world.people.consortium_staff)
    url = reverse("enquiry:network_enquiries", args=[world.network_a.slug])
    assert [e.title for e in client.get(url, {"stage": "observe"}).context["page"].object_list] == ["One"]
    assert len(client.get(url, {"school": world.school_1.pk}).context["page"].object_list) == 2
    assert len(client.get(url, {"school": world.school_2.pk}).context["page"].object_list) == 0


def test_the_panel_for_the_network_page(world, rf):
    make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.NETWORK)
    panel = reads.network_panel_context(world.people.teacher_a, world.network_a)["enquiry_panel"]
    assert panel["total"] == 2
    assert panel["shared"] == 1
    assert panel["can_see_overview"] is False
    assert reads.network_panel_context(world.people.leader_a, world.network_a)["enquiry_panel"]["can_see_overview"]


def test_the_snippets_for_the_home_and_network_pages_render(world, rf):
    from django.template.loader import render_to_string

    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, title="Snippet <b>test</b>")
    services.comment_add(enquiry=enquiry, author=world.people.leader_a, kind="question", text="Why?")
    request = rf.get("/")
    request.user = world.people.teacher_a
    home = render_to_string("enquiry/_home.html", reads.home_context(world.people.teacher_a), request=request)
    assert "New comments on your enquiries" in home
    assert "1 new" in home
    assert "Snippet &lt;b&gt;test&lt;/b&gt;" in home
    request.user = world.people.leader_a
    panel = render_to_string(
        "enquiry/_network_panel.html",
        reads.network_panel_context(world.people.leader_a, world.network_a),
        request=request,
    )
    assert "1 enquiry linked to the network, 0 of them shared" in panel
    assert f"/enquiries/network/{world.network_a.slug}/" in panel
    assert f"/library/?network={world.network_a.pk}" in panel


def test_the_network_and_home_pages_show_the_blocks(world, client):
    """plc_platform composes the blocks from the read functions (no template tag queries)."""
    make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.NETWORK, title="Tagged")
    client.force_login(world.people.leader_a)
    html = client.get(reverse("network_detail", args=[world.network_a.slug])).content.decode()
    html += client.get(reverse("home")).content.decode()
    assert "1 enquiry linked to the network, 1 of them shared" in html
    assert "Who is enquiring into what" in html
    assert "Your enquiries" in html
