"""Passkeys beside authenticator apps: the pages carry allauth's WebAuthn script as files the
platform serves, with its settings in JSON data blocks, so the content security policy holds."""

import re

from django.test import Client
from django.urls import reverse

from ..factories import PASSWORD

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)


def scripts_of(html):
    return [(attrs, body) for attrs, body in SCRIPT.findall(html)]


def assert_scripts_are_files_or_data(client, html):
    sources = []
    for attrs, body in scripts_of(html):
        source = re.search(r'src="([^"]+)"', attrs)
        if source:
            assert not body.strip()
            sources.append(source.group(1))
        else:
            assert 'type="application/json"' in attrs, attrs  # a data block: never run
    for source in sources:
        assert source.startswith("/static/"), source
        response = client.get(source)
        assert response.status_code == 200, source
        assert "javascript" in response["Content-Type"], source
    return sources


def test_the_sign_in_page_offers_a_passkey_under_the_policy(db):
    client = Client()
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert "Sign in with a passkey" in html
    sources = assert_scripts_are_files_or_data(client, html)
    assert {"/static/mfa/js/webauthn.js", "/static/mfa/js/webauthn-json.js", "/static/account/js/onload.js"} <= set(
        sources
    )
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";"


def test_the_add_a_passkey_page_renders_in_the_platforms_words(world, client):
    teacher = world.people.teacher_a
    client.post(reverse("account_login"), {"login": teacher.email, "password": PASSWORD})
    asked = client.get(reverse("mfa_add_webauthn"))
    assert asked.url.startswith(reverse("account_reauthenticate"))
    client.post(asked.url, {"password": PASSWORD})
    response = client.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Add a passkey</h1>" in html or ">Add a passkey</h1>" in html
    assert "Use it to sign in without a password" in html
    assert "/static/mfa/js/webauthn.js" in assert_scripts_are_files_or_data(client, html)
    # The page's data: options for the browser to make a credential for this site.
    assert '"creation_options"' in html


def test_the_two_step_page_offers_both_ways(world, client):
    client.force_login(world.people.teacher_a)
    html = client.get(reverse("mfa_index")).content.decode()
    assert reverse("mfa_activate_totp") in html
    assert reverse("mfa_add_webauthn") in html
