"""Members of a network with no school there (issue 19 item 4): their home page asks them to choose
one of the network's schools, as staff; the network's leaders see on the members page who has none
and place them in a school, as staff or school lead."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.models import Membership, Role

from ..factories import MembershipFactory, NetworkSchoolFactory, SchoolFactory
from .test_invitations import invite_url

CHOOSE = reverse("networks:school_choose")
PROMPT = "Choose your school"


def members_url(world):
    return reverse("networks:network_members", args=[world.network_a.slug])


def member_school_url(world, membership):
    return reverse("networks:network_member_school", args=[world.network_a.slug, membership.pk])


def test_a_member_with_no_school_is_asked_to_choose_one_until_they_do(world, client):
    leader = world.people.leader_a
    client.force_login(leader)
    home = client.get(reverse("home")).content.decode()
    assert PROMPT in home
    assert f'href="{CHOOSE}"' in home
    assert "<strong>Valleys Writing Network</strong> cannot count you with a school yet" in home

    page = client.get(CHOOSE)
    assert page.context["form"].fields["school"].choices == [
        ("", "Choose your school"),
        ("Valleys Writing Network", [(401002, "Maes y Coed Primary"), (401001, "Ysgol Gynradd Llanwern")]),
    ]
    # Choosing makes them staff, whatever the form is sent: a school lead is made by a leader.
    response = client.post(CHOOSE, {"school": world.school_2.urn, "school_role": Role.SCHOOL_LEAD})
    assert response.status_code == 302
    assert list(Membership.objects.filter(user=leader, network=None).values_list("role", "school")) == [
        (Role.SCHOOL_STAFF, world.school_2.pk)
    ]
    assert PROMPT not in client.get(reverse("home")).content.decode()
    assert "You have a school in each of your networks." in client.get(CHOOSE).content.decode()


def test_a_member_with_a_school_in_the_network_is_not_asked(world, client):
    client.force_login(world.people.teacher_a)
    assert PROMPT not in client.get(reverse("home")).content.decode()


def test_a_school_outside_the_persons_networks_is_refused(world, client):
    client.force_login(world.people.leader_a)
    for urn, message in [
        (world.school_3.urn, "That school is not in your networks: choose one of their schools."),
        ("", "Choose the school you work at."),
    ]:
        response = client.post(CHOOSE, {"school": urn})
        assert response.status_code == 200
        assert response.context["form"].errors["school"] == [message]
    assert not Membership.objects.filter(user=world.people.leader_a, network=None).exists()


def test_the_leader_sees_who_has_no_school_and_places_them(world, client):
    newcomer = MembershipFactory(network=world.network_a, user__full_name="Nia Evans")
    client.force_login(world.people.leader_a)
    page = client.get(members_url(world)).content.decode()
    assert "2 members have no school in the network." in page
    assert "School staff at" in page
    assert "Ysgol Gynradd Llanwern" in page
    assert page.count("No school") == 2

    response = client.post(
        member_school_url(world, newcomer), {"school": world.school_2.urn, "school_role": Role.SCHOOL_LEAD}
    )
    assert response.status_code == 302
    assert response.url == members_url(world)
    assert Membership.objects.filter(user=newcomer.user, school=world.school_2, role=Role.SCHOOL_LEAD).exists()
    page = client.get(members_url(world)).content.decode()
    assert "Nia Evans is now school lead at Maes y Coed Primary." in page
    assert "1 member has no school in the network." in page
    client.force_login(newcomer.user)
    assert PROMPT not in client.get(reverse("home")).content.decode()


def test_the_leader_cannot_place_a_member_in_a_school_outside_the_network(world, client):
    client.force_login(world.people.leader_a)
    teacher = Membership.objects.get(user=world.people.teacher_a, network=world.network_a)
    response = client.post(
        member_school_url(world, teacher), {"school": world.school_3.urn, "school_role": Role.SCHOOL_LEAD}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["school"] == [
        "That school is not in Valleys Writing Network: choose one of the network's schools."
    ]
    assert not Membership.objects.filter(user=world.people.teacher_a, school=world.school_3, role=Role.SCHOOL_LEAD)


def test_members_see_the_schools_but_not_the_leaders_controls(world, client):
    client.force_login(world.people.teacher_a)
    page = client.get(members_url(world)).content.decode()
    assert "Leader A" in page
    assert "No school" in page
    assert "Set school" not in page
    assert "have no school in the network" not in page


def test_inviting_an_existing_member_points_to_the_members_page(world, client):
    client.force_login(world.people.leader_a)
    response = client.post(
        invite_url(world),
        {"email": world.people.teacher_a.email, "role": Role.NETWORK_MEMBER, "school": world.school_1.urn},
    )
    assert response.context["form"].errors["email"] == [
        "teacher.a@example.org is already a member of Valleys Writing Network. "
        "To place them in a school, use the network's members page."
    ]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(world, n):
    for _ in range(n):
        school = SchoolFactory(consortium=world.consortium)
        NetworkSchoolFactory(network=world.network_a, school=school)
        member = MembershipFactory(network=world.network_a)
        MembershipFactory(user=member.user, school=school, role=Role.SCHOOL_STAFF, network=None)
        MembershipFactory(network=world.network_a)


def test_the_members_page_costs_the_same_queries_with_5_and_50_members(world, client):
    client.force_login(world.people.leader_a)
    grow(world, 5)
    assert queries_for(client, members_url(world)) == 7
    grow(world, 45)
    assert queries_for(client, members_url(world)) == 7


def test_the_choose_page_costs_the_same_queries_with_5_and_50_schools(world, client):
    client.force_login(world.people.leader_a)
    grow(world, 5)
    assert queries_for(client, CHOOSE) == 5
    grow(world, 45)
    assert queries_for(client, CHOOSE) == 5


def test_the_home_page_spends_one_query_on_the_school_prompt_for_network_members(world, client):
    """14 queries before the prompt; the one it adds asks which of the person's networks have no
    school of theirs. Someone in no network (consortium staff here) spends none on it."""
    grow(world, 5)
    for who, expected in [("leader_a", 15), ("teacher_a", 15), ("consortium_staff", 15)]:
        client.force_login(getattr(world.people, who))
        assert queries_for(client, reverse("home")) == expected, who
    grow(world, 45)
    client.force_login(world.people.leader_a)
    assert queries_for(client, reverse("home")) == 15
