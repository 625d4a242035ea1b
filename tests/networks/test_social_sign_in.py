"""Signing in with Google Workspace or Microsoft 365 against a fake provider in the test process:
an invited person lands in their network; an existing account is linked by its address; nobody
uninvited gets an account; a domain the consortium did not allow is refused."""

from urllib.parse import parse_qs, urlparse

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp
from allauth.socialaccount.providers.google.views import GoogleOAuth2Adapter
from django.urls import reverse

from networks.models import Membership, Role, SignInDomain, User
from tests.factories import InvitationFactory

from .fake_oidc import FakeProvider

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(monkeypatch):
    with FakeProvider() as fake:
        # Google's endpoints are fixed in allauth's adapter; point them at the fake.
        monkeypatch.setattr(GoogleOAuth2Adapter, "access_token_url", f"{fake.url}/google/token")
        SocialApp.objects.create(provider="google", name="Google", client_id="google-client", secret="s")
        SocialApp.objects.create(
            provider="microsoft",
            name="Microsoft",
            client_id="ms-client",
            secret="s",
            settings={"tenant": "organizations", "login_url": fake.url, "graph_url": fake.url},
        )
        yield fake


def sign_in_with(client, provider, fake, **identity):
    """What the browser does: start at the platform, sign in at the provider, come back with a code."""
    start = client.post(reverse(f"{provider}_login"))
    assert start.status_code == 302, start
    state = parse_qs(urlparse(start["Location"]).query)["state"][0]
    fake.identify("the-code", client_id=f"{provider}-client", **identity)
    return client.get(reverse(f"{provider}_callback"), {"code": "the-code", "state": state})


def allow(world, domain, provider):
    return SignInDomain.objects.create(consortium=world.consortium, domain=domain, provider=provider)


@pytest.mark.parametrize("provider_id", ["google", "microsoft"])
def test_an_invited_person_lands_in_their_network(provider_id, client, world, provider):
    allow(world, "llanwern.cymru", provider_id)
    invitation = InvitationFactory(
        network=world.network_a, role=Role.NETWORK_MEMBER, email="new.teacher@llanwern.cymru"
    )
    response = sign_in_with(client, provider_id, provider, email="new.teacher@llanwern.cymru", name="New Teacher")
    assert response.status_code == 302
    assert response["Location"] == world.network_a.get_absolute_url()
    user = User.objects.get(email="new.teacher@llanwern.cymru")
    assert user.full_name == "New Teacher"
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, network=world.network_a, role=Role.NETWORK_MEMBER).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert SocialAccount.objects.get(user=user).provider == provider_id
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert world.network_a.name in page.content.decode()


def test_an_existing_account_is_linked_by_its_address(client, world, provider):
    teacher = world.people.teacher_a
    allow(world, "example.org", "google")
    response = sign_in_with(client, "google", provider, email=teacher.email, sub="77")
    assert response.status_code == 302
    assert client.get(reverse("networks:profile")).context["user"] == teacher
    assert SocialAccount.objects.get(uid="77").user == teacher
    client.logout()
    again = sign_in_with(client, "google", provider, email=teacher.email, sub="77")
    assert again.status_code == 302
    assert SocialAccount.objects.count() == 1


def test_an_uninvited_person_is_refused_with_a_clear_page(client, world, provider):
    allow(world, "llanwern.cymru", "google")
    response = sign_in_with(client, "google", provider, email="stranger@llanwern.cymru")
    assert response.status_code == 403
    text = response.content.decode()
    assert "no account or invitation for stranger@llanwern.cymru" in text
    assert "invite you" in text
    assert not User.objects.filter(email="stranger@llanwern.cymru").exists()
    assert client.get(reverse("networks:profile")).status_code == 302  # not signed in


@pytest.mark.parametrize("provider_id", ["google", "microsoft"])
def test_a_domain_the_consortium_did_not_allow_is_refused(provider_id, client, world, provider):
    allow(world, "example.org", "google" if provider_id == "microsoft" else "microsoft")  # the other one only
    InvitationFactory(network=world.network_a, role=Role.NETWORK_MEMBER, email="invited@example.org")
    for email in (world.people.teacher_a.email, "invited@example.org"):
        response = sign_in_with(client, provider_id, provider, email=email, sub=email)
        assert response.status_code == 403
        assert "has not allowed" in response.content.decode()
    assert not User.objects.filter(email="invited@example.org").exists()
    assert not SocialAccount.objects.exists()


def test_another_consortiums_domain_does_not_count(client, world, provider):
    SignInDomain.objects.create(consortium=world.other_consortium, domain="example.org", provider="google")
    response = sign_in_with(client, "google", provider, email=world.people.teacher_a.email)
    assert response.status_code == 403
    assert not SocialAccount.objects.exists()


def test_an_address_google_did_not_verify_is_refused(client, world, provider):
    allow(world, "example.org", "google")
    response = sign_in_with(client, "google", provider, email=world.people.teacher_a.email, verified=False)
    assert response.status_code == 403
    assert "did not confirm your email address" in response.content.decode()


def test_microsoft_is_trusted_for_its_principal_name_not_its_mail(client, world, provider):
    """A tenant can set `mail` to anything; the principal name is a domain the tenant verified."""
    allow(world, "example.org", "microsoft")
    response = sign_in_with(
        client, "microsoft", provider, email="someone@evil.example", mail=world.people.teacher_a.email
    )
    assert response.status_code == 403
    assert not SocialAccount.objects.exists()


def test_password_accounts_keep_two_step_sign_in(client, world, provider):
    page = client.get(reverse("account_login")).content.decode()
    assert "Google" in page
    assert "Microsoft" in page
    assert 'name="password"' in page
    assert client.get(reverse("mfa_index")).status_code == 302  # signed out: to sign in first
