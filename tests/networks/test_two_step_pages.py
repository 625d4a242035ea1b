"""Two-step sign-in pages (allauth's mfa templates) in the platform's words: "Two-step sign-in",
sentence case, and a way back to the profile on each page a signed-in person manages it from."""

import re

import pytest
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
    r"|Activate|Deactivate|reauthenticate"
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
