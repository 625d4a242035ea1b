"""Passkeys: a network leader, asked for two-step sign-in at their first sign-in, adds a passkey
(Chromium's virtual authenticator, through the DevTools protocol), signs out, and signs in again
with the passkey alone. The WebAuthn script is the platform's own, under its content security policy.
"""

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.factories import PASSWORD

from .test_journey_foundation import PHONE, Visit

pytestmark = pytest.mark.browser


@pytest.fixture
def live_world(transactional_db, world):
    return world


def virtual_authenticator(page):
    """A platform authenticator that holds passkeys and verifies its user, with no one to touch it."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, found["authenticatorId"]


def test_a_leader_adds_a_passkey_and_signs_in_with_it(live_server, live_world, page, settings, artifacts):
    settings.REQUIRE_TWO_STEP = True
    leader = live_world.people.leader_a
    visit = Visit(artifacts, "passkeys")
    visit.watch(page)
    cdp, authenticator = virtual_authenticator(page)
    # WebAuthn needs a secure context and a domain for its relying party: localhost, not 127.0.0.1.
    base = live_server.url.replace("127.0.0.1", "localhost")

    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill(leader.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    # Sent to set up two-step sign-in, whatever page is asked for.
    expect(page).to_have_url(f"{base}/accounts/2fa/")
    expect(page.get_by_text("Your role asks for two-step sign-in")).to_be_visible()
    visit.check(page, "two-step")
    page.goto(f"{base}/")
    expect(page).to_have_url(f"{base}/accounts/2fa/")

    page.goto(f"{base}/accounts/2fa/webauthn/add/")
    # Adding one asks for the password again first.
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(f"{base}/accounts/2fa/webauthn/add/")
    visit.check(page, "add-passkey")
    page.get_by_label("Use it to sign in without a password").check()
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=leader, type=Authenticator.Type.WEBAUTHN).count() == 1
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    assert len(credentials) == 1
    assert credentials[0]["isResidentCredential"]
    visit.check(page, "after-adding")

    # The platform lets the leader in now.
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Leader")

    # Signs out, and back in with the passkey: no email, no password.
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{base}/accounts/login/")
    visit.check(page, "login")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Leader")
    assert page.url == f"{base}/"
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/accounts/login/")
    visit.check(page, "login-phone")
