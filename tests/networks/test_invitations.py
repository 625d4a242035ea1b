from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from networks.models import Invitation, Membership, Role, User
from networks.services import invitation_token

from ..factories import PASSWORD, InvitationFactory, UserFactory


def invite_url(world):
    return reverse("networks:network_invite", args=[world.network_a.slug])


def accept_url(invitation):
    return reverse("networks:invitation_accept", args=[invitation_token(invitation)])


def test_leader_invites_a_teacher_who_gets_an_email_with_a_working_link(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.people.leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invite_url(world),
            {
                "email": "New.Teacher@Example.org",
                "role": Role.NETWORK_MEMBER,
                "school": world.school_1.urn,
                "school_role": Role.SCHOOL_STAFF,
            },
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.teacher@example.org"
    assert invitation.network == world.network_a
    assert (invitation.expires_at - timezone.now()).days == 13  # 14 days, less the seconds since
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.teacher@example.org"]
    assert accept_url(invitation) in mailoutbox[0].body


@pytest.mark.parametrize("email", ["not-an-email", "", "two@@example.org"])
def test_an_invalid_email_is_refused_and_nothing_is_saved(world, client, mailoutbox, email):
    client.force_login(world.people.leader_a)
    response = client.post(invite_url(world), {"email": email, "role": Role.NETWORK_MEMBER})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Invitation.objects.exists()
    assert not mailoutbox


def test_inviting_someone_already_a_member_is_refused(world, client, mailoutbox):
    client.force_login(world.people.leader_a)
    response = client.post(invite_url(world), {"email": "TEACHER.A@example.org", "role": Role.NETWORK_LEADER})
    assert response.status_code == 200
    assert "already a member" in response.context["form"].errors["email"][0]
    assert not Invitation.objects.exists()
    assert not mailoutbox


def test_a_role_the_place_does_not_offer_is_refused(world, client):
    client.force_login(world.people.leader_a)
    response = client.post(invite_url(world), {"email": "x@example.org", "role": Role.CONSORTIUM_STAFF})
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert not Invitation.objects.exists()


def test_inviting_twice_renews_the_pending_invitation(world, client, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(world.people.leader_a)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                invite_url(world),
                {
                    "email": "twice@example.org",
                    "role": Role.NETWORK_MEMBER,
                    "school": world.school_1.urn,
                    "school_role": "school_staff",
                },
            )
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 2


def test_accepting_creates_the_account_and_the_membership_and_signs_in(world, client):
    invitation = InvitationFactory(network=world.network_a, email="new@example.org", invited_by=world.people.leader_a)
    form = {"full_name": "Nia Evans", "job_title": "Year 5 teacher", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(accept_url(invitation), form)
    assert response.status_code == 302
    assert response.url == world.network_a.get_absolute_url()
    user = User.objects.get(email="new@example.org")
    assert user.full_name == "Nia Evans"
    assert user.job_title == "Year 5 teacher"
    assert Membership.objects.filter(user=user, network=world.network_a, role=Role.NETWORK_MEMBER).exists()
    assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
    assert client.get(world.network_a.get_absolute_url()).status_code == 200
    # It works once.
    client.logout()
    response = client.get(accept_url(invitation))
    assert response.status_code == 410
    assert b"has been used" in response.content


def test_mismatched_passwords_save_nothing(world, client):
    invitation = InvitationFactory(network=world.network_a, email="new@example.org")
    form = {"full_name": "Nia Evans", "password1": PASSWORD, "password2": PASSWORD + "x"}
    response = client.post(accept_url(invitation), form)
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(email="new@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_weak_password_is_refused(world, client):
    invitation = InvitationFactory(network=world.network_a, email="new@example.org")
    response = client.post(accept_url(invitation), {"full_name": "Nia", "password1": "12345", "password2": "12345"})
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="new@example.org").exists()


def test_an_existing_account_accepts_after_signing_in(world, client):
    person = world.people.teacher_b
    invitation = InvitationFactory(network=world.network_a, email=person.email)
    response = client.get(accept_url(invitation))
    assert b"Sign in to accept" in response.content
    client.force_login(person)
    response = client.post(accept_url(invitation))
    assert response.status_code == 302
    assert Membership.objects.filter(user=person, network=world.network_a).exists()


def test_someone_else_signed_in_cannot_use_the_invitation(world, client):
    invitation = InvitationFactory(network=world.network_a, email="new@example.org")
    client.force_login(world.people.teacher_b)
    response = client.post(accept_url(invitation))
    assert response.status_code == 200
    assert not Membership.objects.filter(user=world.people.teacher_b, network=world.network_a).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_expired_invitation_gets_a_clear_page(world, client):
    invitation = InvitationFactory(network=world.network_a, expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(accept_url(invitation))
    assert response.status_code == 410
    assert b"This invitation has expired" in response.content
    response = client.post(accept_url(invitation), {"full_name": "X", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_forged_link_gets_a_clear_page(world, client):
    invitation = InvitationFactory(network=world.network_a)
    forged = invitation_token(invitation)[:-2] + "xx"
    response = client.get(reverse("networks:invitation_accept", args=[forged]))
    assert response.status_code == 404
    assert b"This invitation link is not valid" in response.content


def test_a_withdrawn_invitation_cannot_be_used(world, client):
    invitation = InvitationFactory(network=world.network_a)
    client.force_login(world.people.leader_a)
    client.post(reverse("networks:invitation_withdraw", args=[invitation.pk]))
    client.logout()
    response = client.get(accept_url(invitation))
    assert response.status_code == 410
    assert b"withdrawn" in response.content


def test_school_lead_invites_staff_to_their_school(world, client):
    client.force_login(world.people.school_lead)
    url = reverse("networks:school_invite", args=[world.school_1.urn])
    response = client.post(url, {"email": "ta@example.org", "role": Role.SCHOOL_STAFF})
    assert response.status_code == 302
    assert Invitation.objects.get().school == world.school_1


def test_there_is_no_open_sign_up(db, client):
    response = client.post(
        reverse("account_signup"), {"email": "stranger@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert not User.objects.filter(email="stranger@example.org").exists()
    assert b"closed" in response.content.lower()


def test_accepted_person_sees_the_network_on_their_home_page(world, client):
    user = UserFactory(email="x@example.org")
    invitation = InvitationFactory(network=world.network_a, email=user.email)
    client.force_login(user)
    assert b"Invitations waiting for you" in client.get(reverse("home")).content
    client.post(accept_url(invitation))
    home = client.get(reverse("home")).content.decode()
    assert "Invitations waiting for you" not in home
    assert world.network_a.name in home
