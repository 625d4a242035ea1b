"""Two-step sign-in pages (allauth's mfa templates) in the platform's words: "Two-step sign-in",
sentence case, and a way back to the profile on each page a signed-in person manages it from."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.html import strip_tags

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

# allauth's own words, in title case or another name for the feature.
ALLAUTH_WORDS = re.compile(
    r"Two-Factor|two-factor|Authenticator App|Recovery Codes|Confirm Access|Sign In\b|Trust this Browser"
    r"|Activate|Deactivate|reauthenticate|Security Keys?|security keys? has|Unspecified|Edit\b"
)
PROFILE_LINK = re.compile(r'<a href="/profile/">(Your profile|Back to your profile)</a>')


def main_text(response):
    html = response.content.decode()
    return html, strip_tags(html)


def sign_in(client, person):
    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def confirm_it_is_me(client):
    """The password again, as allauth asks before any change to how one signs in."""
    assert client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302


def check(client, url, *, heading, profile_link=True):
    response = client.get(url)
    assert response.status_code == 200, url
    html, text = main_text(response)
    assert f">{heading}</h1>" in html, url
    found = ALLAUTH_WORDS.search(text)
    assert not found, f"{url}: …{text[max(0, found.start() - 60) : found.end() + 60]}…"
    if profile_link:
        main = html[html.index("<main") :]
        assert PROFILE_LINK.search(main), f"{url}: no link back to the profile in the page"
    return html


def test_the_pages_to_turn_it_on_use_the_platforms_words(world, client):
    sign_in(client, world.people.teacher_a)
    index = check(client, reverse("mfa_index"), heading="Two-step sign-in")
    assert "Off: you sign in with your password alone." in index
    assert "Turn on two-step sign-in" in index
    check(client, reverse("account_reauthenticate"), heading="Confirm it is you", profile_link=False)
    confirm_it_is_me(client)
    check(client, reverse("mfa_activate_totp"), heading="Turn on two-step sign-in")


def test_the_pages_once_it_is_on_use_the_platforms_words(world, client):
    person = world.people.teacher_a
    TOTP.activate(person, generate_totp_secret())
    RecoveryCodes.activate(person)

    # The second step of signing in.
    sign_in(client, person)
    check(client, reverse("mfa_authenticate"), heading="Two-step sign-in", profile_link=False)

    client.force_login(person)
    check(client, reverse("mfa_reauthenticate"), heading="Confirm it is you", profile_link=False)
    confirm_it_is_me(client)
    index = check(client, reverse("mfa_index"), heading="Two-step sign-in")
    assert "On: you sign in with your password and a code from your authenticator app." in index
    assert "left." in index
    check(client, reverse("mfa_view_recovery_codes"), heading="Recovery codes")
    check(client, reverse("mfa_generate_recovery_codes"), heading="Make new recovery codes?")
    check(client, reverse("mfa_deactivate_totp"), heading="Turn off two-step sign-in?")

    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Two-step sign-in is off: you sign in with your password alone."
    ]


def passkey(person, name, *, signs_in_alone):
    """A passkey as allauth keeps it once added (the browser's credential, reduced to what the
    pages read: its name and whether it said it can sign in by itself)."""
    credential = {"clientExtensionResults": {"credProps": {"rk": signs_in_alone}}}
    return Authenticator.objects.create(
        user=person, type=Authenticator.Type.WEBAUTHN, data={"name": name, "credential": credential}
    )


def test_the_passkey_pages_use_the_platforms_words(world, client):
    person = world.people.leader_a
    client.force_login(person)
    confirm_it_is_me(client)
    empty = check(client, reverse("mfa_list_webauthn"), heading="Your passkeys")
    assert "You have not added a passkey." in empty
    assert "<title>Your passkeys" in empty

    phone = passkey(person, "My phone", signs_in_alone=True)
    passkey(person, "Office key", signs_in_alone=False)
    listed = check(client, reverse("mfa_list_webauthn"), heading="Your passkeys")
    assert "My phone" in listed
    assert "Office key" in listed
    assert "Signs you in by itself, or after your password" in listed
    assert "A second step after your password" in listed
    assert "Not used yet." in listed
    assert reverse("mfa_edit_webauthn", kwargs={"pk": phone.pk}) in listed
    assert reverse("mfa_add_webauthn") in listed

    edit_url = reverse("mfa_edit_webauthn", kwargs={"pk": phone.pk})
    edit = check(client, edit_url, heading="Rename the passkey")
    assert 'value="My phone"' in edit
    assert client.post(edit_url, {"name": "Work phone"}).url == reverse("mfa_list_webauthn")
    phone.refresh_from_db()
    assert phone.data["name"] == "Work phone"

    remove_url = reverse("mfa_remove_webauthn", kwargs={"pk": phone.pk})
    remove = check(client, remove_url, heading="Remove this passkey?")
    assert "“Work phone” will no longer sign you in" in remove
    assert client.post(remove_url).url == reverse("mfa_list_webauthn")
    assert list(Authenticator.objects.filter(user=person).values_list("data__name", flat=True)) == ["Office key"]
