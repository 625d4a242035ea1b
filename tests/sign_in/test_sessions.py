"""Sessions end when idle, when old, and when the password changes, the account is closed or an
officer takes a role away (networks.session_policy, networks.services.sessions_end_for)."""

from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks import services
from networks.models import Membership, Role

from ..factories import PASSWORD
from .helpers import sign_in, signed_in

START = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)
FORM = "application/x-www-form-urlencoded"


def session_writes(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]


def test_an_idle_session_ends_after_two_hours_and_a_used_one_does_not(world, client, settings):
    assert settings.SESSION_IDLE_TIMEOUT == 2 * 60 * 60
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, world.people.teacher_a)
        for _ in range(5):  # used every 1 h 50 min: 9 h 10 min in all, still signed in
            clock.shift(timedelta(hours=1, minutes=50))
            assert signed_in(client)
        clock.shift(timedelta(hours=2))
        response = client.get(reverse("networks:profile"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        page = client.get(response.url).content.decode()
        assert "You were signed out after 2 hours without activity." in page
        assert not signed_in(client)


def test_a_session_ends_twelve_hours_after_signing_in_however_busy(world, client, settings):
    assert settings.SESSION_ABSOLUTE_LIFETIME == 12 * 60 * 60
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, world.people.teacher_a)
        for _ in range(11):
            clock.shift(timedelta(hours=1))
            assert signed_in(client)
        clock.shift(timedelta(minutes=59))
        assert signed_in(client)
        clock.shift(timedelta(minutes=1))
        response = client.get(reverse("networks:profile"))
        assert response.status_code == 302
        assert "a sign-in lasts 12 hours at most" in client.get(response.url).content.decode()
        assert not UserSession.objects.filter(user=world.people.teacher_a).exists()


def test_the_limits_are_settings(world, client, settings):
    settings.SESSION_IDLE_TIMEOUT = 15 * 60
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, world.people.teacher_a)
        clock.shift(timedelta(minutes=14))
        assert signed_in(client)
        clock.shift(timedelta(minutes=15))
        response = client.get(reverse("networks:profile"))
        assert "You were signed out after 15 minutes without activity." in client.get(response.url).content.decode()


def test_the_last_seen_stamp_is_written_at_most_once_a_minute(world, client):
    url = reverse("networks:profile")
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, world.people.teacher_a)
        client.get(url)  # the first page after signing in reads the sign-in's message out of the session
        assert session_writes(client, url) == []
        clock.shift(timedelta(seconds=59))
        assert session_writes(client, url) == []
        clock.shift(timedelta(seconds=2))
        assert len(session_writes(client, url)) == 1
        assert session_writes(client, url) == []


# Every session ends -------------------------------------------------------------------------------


def two_browsers(user):
    browsers = [Client(), Client()]
    for browser in browsers:
        sign_in(browser, user)
    assert UserSession.objects.filter(user=user).count() == 2
    return browsers


def test_changing_the_password_ends_every_other_session(world):
    teacher = world.people.teacher_a
    here, elsewhere = two_browsers(teacher)
    response = here.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a-new-long-password-9", "password2": "a-new-long-password-9"},
    )
    assert response.status_code == 302
    assert signed_in(here)
    assert not signed_in(elsewhere)
    assert list(UserSession.objects.filter(user=teacher).values_list("session_key", flat=True)) == [
        here.session.session_key
    ]
    assert not Session.objects.filter(session_key=elsewhere.cookies["sessionid"].value).exists()


def test_resetting_the_password_by_email_ends_every_session(world, mailoutbox):
    teacher = world.people.teacher_a
    browsers = two_browsers(teacher)
    anonymous = Client()
    anonymous.post(reverse("account_reset_password"), {"email": teacher.email})
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/password/reset/key/" in line).strip()
    form = anonymous.get(link, follow=True)
    new = "a-new-long-password-9"
    assert anonymous.post(form.redirect_chain[-1][0], {"password1": new, "password2": new}).status_code == 302
    assert not any(signed_in(browser) for browser in browsers)
    assert not UserSession.objects.filter(user=teacher).exists()


def test_closing_an_account_ends_every_session(world):
    teacher = world.people.teacher_a
    browsers = two_browsers(teacher)
    services.user_deactivate(user=teacher)
    assert not any(signed_in(browser) for browser in browsers)
    assert not UserSession.objects.filter(user=teacher).exists()
    assert Client().post(reverse("account_login"), {"login": teacher.email, "password": PASSWORD}).url == reverse(
        "account_inactive"
    )


@pytest.mark.parametrize(
    ("person", "place", "change"),
    [
        ("leader_a", "network_a", "remove"),
        ("leader_a", "network_a", Role.NETWORK_MEMBER),
        ("consortium_staff", "consortium", "remove"),
        ("specialist", "consortium", "remove"),
    ],
)
def test_an_officer_taking_a_role_away_ends_every_session(world, person, place, change):
    user = getattr(world.people, person)
    browsers = two_browsers(user)
    membership = Membership.objects.get(user=user, **{place.removesuffix("_a"): getattr(world, place)})
    if change == "remove":
        services.membership_remove(membership=membership)
    else:
        services.membership_set_role(membership=membership, role=change)
    assert not any(signed_in(browser) for browser in browsers)
    assert not UserSession.objects.filter(user=user).exists()


def test_a_teachers_school_role_removed_leaves_their_sessions(world):
    teacher = world.people.teacher_a
    browsers = two_browsers(teacher)
    services.membership_remove(membership=Membership.objects.get(user=teacher, school=world.school_1))
    assert all(signed_in(browser) for browser in browsers)


def test_an_operator_removing_a_role_or_closing_an_account_in_the_admin_ends_sessions(world, client):
    leader, teacher = world.people.leader_a, world.people.teacher_a
    leader_browser, teacher_browser = Client(), Client()
    sign_in(leader_browser, leader)
    sign_in(teacher_browser, teacher)
    client.force_login(world.people.superuser)
    membership = Membership.objects.get(user=leader, network=world.network_a)
    response = client.post(reverse("admin:networks_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not signed_in(leader_browser)
    assert signed_in(teacher_browser)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[teacher.pk]),
        {"password1": "a-new-long-password-9", "password2": "a-new-long-password-9", "usable_password": "true"},
    )
    assert response.status_code == 302
    assert not signed_in(teacher_browser)
    assert not UserSession.objects.filter(user__in=[leader, teacher]).exists()


class ChangeForm(HTMLParser):
    """What a browser would post from the admin's change form, as the page gives it."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea, self.in_form = [], None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data.append((name, attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data.append((name, ""))

    def handle_data(self, data):
        if self.textarea:
            self.data[-1] = (self.textarea, self.data[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def test_an_operator_unticking_active_in_the_admin_ends_every_session(world, client):
    teacher, leader = world.people.teacher_a, world.people.leader_a
    browsers = two_browsers(teacher)
    leader_browser = Client()
    sign_in(leader_browser, leader)
    client.force_login(world.people.superuser)
    url = reverse("admin:networks_user_change", args=[teacher.pk])
    form = ChangeForm()
    form.feed(client.get(url).content.decode())
    assert ("is_active", "on") in form.data
    assert ("email", teacher.email) in form.data

    response = client.post(url, urlencode([pair for pair in form.data if pair[0] != "is_active"]), content_type=FORM)

    assert response.status_code == 302, response.content.decode()[:3000]
    teacher.refresh_from_db()
    assert not teacher.is_active
    assert Membership.objects.filter(user=teacher).count() == 2  # the inline's roles posted back unchanged
    assert not any(signed_in(browser) for browser in browsers)
    assert not UserSession.objects.filter(user=teacher).exists()
    assert not Session.objects.filter(session_key__in=[b.cookies["sessionid"].value for b in browsers]).exists()
    assert signed_in(leader_browser)
