from django.urls import reverse

from networks.models import Network, NetworkSchool, PracticeArea

from ..factories import SchoolFactory


def test_leader_edits_purpose_focus_and_practice_areas(world, client):
    area = world.consortium.practice_areas.get(name="Literacy")
    client.force_login(world.people.leader_a)
    url = reverse("networks:network_edit", args=[world.network_a.slug])
    response = client.post(
        url, {"purpose": "Raise boys' writing", "focus": "Oral rehearsal", "practice_areas": [area.pk]}
    )
    assert response.status_code == 302
    world.network_a.refresh_from_db()
    assert world.network_a.focus == "Oral rehearsal"
    assert list(world.network_a.practice_areas.all()) == [area]
    page = client.get(world.network_a.get_absolute_url()).content.decode()
    assert "Oral rehearsal" in page
    assert "Literacy" in page


def test_another_consortiums_practice_area_cannot_be_chosen(world, client):
    foreign = world.other_consortium.practice_areas.first()
    client.force_login(world.people.leader_a)
    url = reverse("networks:network_edit", args=[world.network_a.slug])
    response = client.post(url, {"purpose": "P", "focus": "F", "practice_areas": [foreign.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["practice_areas"]
    assert not world.network_a.practice_areas.exists()


def test_leader_finds_a_school_by_a_few_letters_and_adds_it(world, client):
    school = SchoolFactory(consortium=world.consortium, name="Ysgol Gynradd Cwmaman")
    SchoolFactory(consortium=world.other_consortium, name="Ysgol Gynradd Cwmavon")
    client.force_login(world.people.leader_a)
    url = reverse("networks:network_school_add", args=[world.network_a.slug])
    response = client.get(url, {"q": "cwma"}, HTTP_HX_REQUEST="true")
    assert [s.name for s in response.context["results"]] == ["Ysgol Gynradd Cwmaman"]
    assert b"<html" not in response.content  # an htmx fragment
    response = client.post(url, {"school": school.urn, "q": "cwma"})
    assert response.status_code == 302
    assert NetworkSchool.objects.filter(network=world.network_a, school=school).exists()


def test_adding_a_school_with_htmx_answers_in_place(world, client):
    """No page load per school: the result becomes "Added" and the network's list comes out of band."""
    school = SchoolFactory(consortium=world.consortium, name="Ysgol Gynradd Cwmaman")
    client.force_login(world.people.leader_a)
    url = reverse("networks:network_school_add", args=[world.network_a.slug])
    response = client.post(url, {"school": school.urn, "q": "cwma"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert b"<html" not in response.content
    assert f'id="result-{school.urn}">' in html  # the search result's own row, swapped
    assert ">Added<" in html
    members = html[html.index('<div id="network-members" data-hx-swap-oob="true">') :]
    assert "In the network (3)" in members
    assert "Ysgol Gynradd Cwmaman" in members
    assert NetworkSchool.objects.filter(network=world.network_a, school=school).exists()
    # The search's Add buttons post through htmx to the result's own row; without it, the form posts.
    search = client.get(url, {"q": "celyn"}).content.decode()
    assert f'data-hx-post="{url}" data-hx-target="#result-{world.school_3.urn}" data-hx-swap="outerHTML"' in search
    assert f'<form method="post" action="{url}"' in search


def test_a_school_of_another_consortium_cannot_be_added(world, client):
    client.force_login(world.people.leader_a)
    url = reverse("networks:network_school_add", args=[world.network_a.slug])
    assert client.post(url, {"school": world.other_school.urn}).status_code == 404
    assert not NetworkSchool.objects.filter(network=world.network_a, school=world.other_school).exists()


def test_removing_a_school_asks_first(world, client):
    client.force_login(world.people.consortium_staff)
    url = reverse("networks:network_school_remove", args=[world.network_a.slug, world.school_2.urn])
    assert b"Remove the school" in client.get(url).content
    assert NetworkSchool.objects.filter(network=world.network_a, school=world.school_2).exists()
    assert client.post(url).status_code == 302
    assert not NetworkSchool.objects.filter(network=world.network_a, school=world.school_2).exists()


def test_consortium_staff_create_a_network(world, client):
    client.force_login(world.people.consortium_staff)
    url = reverse("networks:network_create", args=[world.consortium.slug])
    response = client.post(url, {"name": "Valleys Reading Network", "purpose": "Writing", "focus": ""})
    network = Network.objects.get(name="Valleys Reading Network", consortium=world.consortium, purpose="Writing")
    assert network.slug == "valleys-reading-network"
    assert response.url == reverse("networks:network_school_add", args=[network.slug])
    response = client.post(url, {"name": "", "purpose": "x"})
    assert response.context["form"].errors["name"]


def test_school_directory_searches_and_filters(world, client):
    SchoolFactory(
        consortium=world.consortium, name="Bryn Celyn Secondary", phase="Secondary", local_authority="Cardiff"
    )
    client.force_login(world.people.teacher_a)
    url = reverse("networks:school_list")
    names = lambda response: [s.name for s in response.context["page"].object_list]  # noqa: E731
    assert names(client.get(url, {"phase": "Secondary"})) == ["Bryn Celyn Secondary"]
    assert names(client.get(url, {"q": "celyn"})) == ["Bryn Celyn Secondary", "Heol y Celyn Primary"]
    assert names(client.get(url, {"q": str(world.school_1.urn)})) == [world.school_1.name]
    assert "Bangor Primary" not in names(client.get(url))  # another consortium's school
    response = client.get(url, {"phase": "Not a phase"})
    assert response.context["form"].errors["phase"]


def test_school_directory_paginates(world, client):
    for n in range(30):
        SchoolFactory(consortium=world.consortium, name=f"Zed School {n:02d}")
    client.force_login(world.people.teacher_a)
    page_two = client.get(reverse("networks:school_list"), {"q": "zed", "page": 2})
    assert len(page_two.context["page"].object_list) == 5
    assert b"Page 2 of 2" in page_two.content


def test_practice_areas_are_added_renamed_and_removed(world, client):
    client.force_login(world.people.consortium_staff)
    url = reverse("networks:practice_area_list", args=[world.consortium.slug])
    assert client.post(url, {"name": "Oracy"}).status_code == 302
    area = PracticeArea.objects.get(consortium=world.consortium, name="Oracy")
    response = client.post(url, {"name": "  oracy "})
    assert "already has" in response.context["form"].errors["name"][0]
    response = client.post(url, {"name": "!!!"})
    assert response.context["form"].errors["name"]
    edit = reverse("networks:practice_area_edit", args=[world.consortium.slug, area.pk])
    assert client.post(edit, {"name": "Oracy and talk"}).status_code == 302
    remove = reverse("networks:practice_area_remove", args=[world.consortium.slug, area.pk])
    assert b"Remove the practice area" in client.get(remove).content
    client.post(remove)
    assert not PracticeArea.objects.filter(pk=area.pk).exists()


def test_profile_is_edited(world, client):
    client.force_login(world.people.teacher_a)
    url = reverse("networks:profile")
    assert client.post(url, {"full_name": "Nia Evans", "job_title": "Year 5 teacher"}).status_code == 302
    world.people.teacher_a.refresh_from_db()
    assert world.people.teacher_a.job_title == "Year 5 teacher"
    assert client.post(url, {"full_name": "", "job_title": ""}).context["form"].errors["full_name"]
