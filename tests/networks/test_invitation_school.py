"""An invitation to a network names the person's school (one of the network's) and their role
there (issue 19 item 4); accepting it makes both memberships in one transaction."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from networks import services
from networks.models import Invitation, Membership, NetworkSchool, Role, User

from ..factories import PASSWORD, InvitationFactory, NetworkFactory, UserFactory
from .test_invitations import accept_url, invite_url
from .test_social_sign_in import allow, provider, sign_in_with  # noqa: F401

NEW_ACCOUNT = {"full_name": "Nia Evans", "password1": PASSWORD, "password2": PASSWORD}


def invite(client, world, **data):
    client.force_login(world.people.leader_a)
    return client.post(invite_url(world), {"email": "nia@example.org", "role": Role.NETWORK_MEMBER, **data})


def test_the_form_asks_for_a_school_of_the_network_and_the_role_there(world, client):
    client.force_login(world.people.leader_a)
    form = client.get(invite_url(world)).context["form"]
    assert [school.name for school in form.fields["school"].queryset] == [
        "Maes y Coed Primary",
        "Ysgol Gynradd Llanwern",
    ]
    assert form.fields["school_role"].choices == [
        (Role.SCHOOL_STAFF, "School staff"),
        (Role.SCHOOL_LEAD, "School lead"),
    ]


def test_the_school_is_required_when_the_network_has_schools(world, client, mailoutbox):
    response = invite(client, world, school_role=Role.SCHOOL_STAFF)
    assert response.status_code == 200
    assert response.context["form"].errors["school"] == ["Choose the school they work at."]
    assert not Invitation.objects.exists()
    assert not mailoutbox


def test_a_school_outside_the_network_is_refused_with_a_clear_message(world, client, mailoutbox):
    response = invite(client, world, school=world.school_3.urn, school_role=Role.SCHOOL_STAFF)
    assert response.status_code == 200
    assert response.context["form"].errors["school"] == [
        "That school is not in Valleys Writing Network: choose one of the network's schools."
    ]
    assert "That school is not in Valleys Writing Network" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not mailoutbox


def test_the_service_refuses_a_school_outside_the_network_too(world):
    with pytest.raises(services.InvitationError, match="Heol y Celyn Primary is not one of Valleys Writing"):
        services.invitation_create(
            invited_by=world.people.leader_a,
            email="nia@example.org",
            role=Role.NETWORK_MEMBER,
            place=world.network_a,
            school=world.school_3,
            school_role=Role.SCHOOL_STAFF,
        )
    assert not Invitation.objects.exists()


def test_a_network_without_schools_asks_for_none(world, client):
    network = NetworkFactory(consortium=world.consortium)
    client.force_login(world.people.consortium_staff)
    url = reverse("networks:network_invite", args=[network.slug])
    assert "school" not in client.get(url).context["form"].fields
    response = client.post(url, {"email": "nia@example.org", "role": Role.NETWORK_MEMBER})
    assert response.status_code == 302
    assert Invitation.objects.get().school_in_network is None


def test_the_leader_invites_a_school_lead_and_the_email_names_the_school(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, world, school=world.school_2.urn, school_role=Role.SCHOOL_LEAD)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.network, invitation.school_in_network, invitation.school_role) == (
        world.network_a,
        world.school_2,
        Role.SCHOOL_LEAD,
    )
    assert "as network member, and Maes y Coed Primary as school lead." in mailoutbox[0].body
    page = client.get(invite_url(world)).content.decode()
    assert "school lead at Maes y Coed Primary" in page


def test_inviting_again_renews_the_invitation_with_the_new_school(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world, school=world.school_1.urn, school_role=Role.SCHOOL_STAFF)
        invite(client, world, school=world.school_2.urn, school_role=Role.SCHOOL_LEAD)
    invitation = Invitation.objects.get()
    assert (invitation.school_in_network, invitation.school_role) == (world.school_2, Role.SCHOOL_LEAD)
    assert len(mailoutbox) == 2


def school_invitation(world, email="nia@example.org"):
    return InvitationFactory(
        network=world.network_a,
        email=email,
        invited_by=world.people.leader_a,
        school_in_network=world.school_2,
        school_role=Role.SCHOOL_LEAD,
    )


def test_accepting_makes_the_network_and_the_school_membership(world, client):
    invitation = school_invitation(world)
    page = client.get(accept_url(invitation)).content.decode()
    assert "and <strong>Maes y Coed Primary</strong> as school lead" in page
    response = client.post(accept_url(invitation), NEW_ACCOUNT)
    assert response.status_code == 302
    user = User.objects.get(email="nia@example.org")
    assert set(Membership.objects.filter(user=user).values_list("role", "network", "school")) == {
        (Role.NETWORK_MEMBER, world.network_a.pk, None),
        (Role.SCHOOL_LEAD, None, world.school_2.pk),
    }


def test_an_existing_account_keeps_its_other_schools_and_gets_this_one(world, client):
    person = UserFactory(email="nia@example.org")
    Membership.objects.create(user=person, role=Role.SCHOOL_STAFF, school=world.school_3)
    client.force_login(person)
    client.post(accept_url(school_invitation(world)))
    assert set(Membership.objects.filter(user=person).exclude(network=None).values_list("network", flat=True)) == {
        world.network_a.pk
    }
    assert set(Membership.objects.filter(user=person, network=None).values_list("role", "school")) == {
        (Role.SCHOOL_STAFF, world.school_3.pk),
        (Role.SCHOOL_LEAD, world.school_2.pk),
    }


def test_a_failed_acceptance_leaves_nothing_saved(world, client):
    """The school left the network after the invitation was sent: no account, no membership."""
    invitation = school_invitation(world)
    NetworkSchool.objects.filter(network=world.network_a, school=world.school_2).delete()
    response = client.post(accept_url(invitation), NEW_ACCOUNT, follow=True)
    assert "Maes y Coed Primary has left Valleys Writing Network since you were invited" in response.content.decode()
    assert not User.objects.filter(email="nia@example.org").exists()
    assert not Membership.objects.filter(user__email="nia@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_an_older_invitation_without_a_school_still_accepts(world, client):
    invitation = InvitationFactory(network=world.network_a, email="nia@example.org")
    assert invitation.school_in_network is None
    assert invitation.school_role == ""
    assert client.post(accept_url(invitation), NEW_ACCOUNT).status_code == 302
    assert list(Membership.objects.filter(user__email="nia@example.org").values_list("role", "school")) == [
        (Role.NETWORK_MEMBER, None)
    ]


def test_a_school_without_a_role_cannot_be_stored(world):
    with pytest.raises(IntegrityError):
        InvitationFactory(network=world.network_a, school_in_network=world.school_1, school_role="")


def test_signing_in_with_google_completes_the_school_too(client, world, provider):  # noqa: F811
    allow(world, "llanwern.cymru", "google")
    school_invitation(world, email="nia@llanwern.cymru")
    response = sign_in_with(client, "google", provider, email="nia@llanwern.cymru", name="Nia Evans")
    assert response.status_code == 302
    user = User.objects.get(email="nia@llanwern.cymru")
    assert Membership.objects.filter(user=user, network=world.network_a, role=Role.NETWORK_MEMBER).exists()
    assert Membership.objects.filter(user=user, school=world.school_2, role=Role.SCHOOL_LEAD).exists()


def test_signing_in_with_google_after_the_school_left_is_refused_and_saves_nothing(
    client,
    world,
    provider,  # noqa: F811
):
    allow(world, "llanwern.cymru", "google")
    invitation = school_invitation(world, email="nia@llanwern.cymru")
    NetworkSchool.objects.filter(network=world.network_a, school=world.school_2).delete()
    response = sign_in_with(client, "google", provider, email="nia@llanwern.cymru", name="Nia Evans")
    assert response.status_code == 403
    assert "Maes y Coed Primary has left Valleys Writing Network" in response.content.decode()
    assert not User.objects.filter(email="nia@llanwern.cymru").exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"
