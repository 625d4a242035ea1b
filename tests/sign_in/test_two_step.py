"""Two-step sign-in required of operators, consortium staff, specialists, network leaders and
co-leaders (REQUIRE_TWO_STEP), and of nobody when the setting is off."""

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, generate_totp_secret
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from networks import services
from networks.models import Membership, Role
from networks.session_policy import TWO_STEP_OWED

from ..factories import PASSWORD
from .helpers import sign_in, totp_code

OPEN = {"account_logout", "account_reauthenticate", "account_email", "account_email_verification_sent"}


def pages_without_arguments(patterns=None, prefix=""):
    """Every GET page of the platform that takes no argument, allauth's and the admin's included."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            yield from pages_without_arguments(pattern.url_patterns, f"{prefix}{ns}:" if ns else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
            yield prefix + pattern.name


def refused_pages(world):
    names = [
        name
        for name in sorted(set(pages_without_arguments()))
        if not name.startswith(("mfa_", "privacy:")) and name not in OPEN
    ]
    urls = [reverse(name) for name in names]
    urls += [world.network_a.get_absolute_url(), reverse("networks:consortium_detail", args=[world.consortium.slug])]
    return urls


@pytest.fixture
def required(settings):
    settings.REQUIRE_TWO_STEP = True


def assert_sent_to_set_up(client, url):
    response = client.get(url)
    assert response.status_code == 302, url
    assert response.url == reverse("mfa_index"), url


def test_a_leader_without_two_step_reaches_no_page_until_they_set_it_up(world, client, required):
    leader = world.people.leader_a
    sign_in(client, leader)
    assert client.session[TWO_STEP_OWED] is True
    pages = refused_pages(world)
    assert len(pages) > 60
    for url in pages:
        assert_sent_to_set_up(client, url)
    # The setting-up page says why, and signing out still works.
    page = client.get(reverse("mfa_index"))
    assert page.status_code == 200
    assert "Your role asks for two-step sign-in" in page.content.decode()
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get(reverse("privacy:data")).status_code == 200

    # Setting it up asks for the password again, then for a code computed from the page's secret.
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked.url.startswith(reverse("account_reauthenticate"))
    assert client.post(asked.url, {"password": PASSWORD}).url == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    # The next page checks again, finds it set up, and lets the leader everywhere from then on.
    for url in [reverse("home"), world.network_a.get_absolute_url(), reverse("networks:profile")]:
        assert client.get(url).status_code == 200, url
    assert TWO_STEP_OWED not in client.session


@pytest.mark.parametrize("person", ["consortium_staff", "specialist", "superuser"])
def test_consortium_staff_specialists_and_operators_are_asked_too(world, client, required, person):
    sign_in(client, getattr(world.people, person))
    assert_sent_to_set_up(client, reverse("home"))
    assert_sent_to_set_up(client, reverse("admin:index"))


def test_a_co_leader_is_asked(world, client, required):
    Membership.objects.filter(user=world.people.teacher_a, network=world.network_a).update(role=Role.NETWORK_CO_LEADER)
    sign_in(client, world.people.teacher_a)
    assert_sent_to_set_up(client, reverse("home"))


def test_a_leader_who_has_it_signs_in_with_a_code_and_is_not_asked(world, client, required):
    leader = world.people.leader_a
    secret = generate_totp_secret()
    TOTP.activate(leader, secret)
    assert client.post(reverse("account_login"), {"login": leader.email, "password": PASSWORD}).url == (
        reverse("mfa_authenticate")
    )
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}).status_code == 302
    assert TWO_STEP_OWED not in client.session
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("person", ["teacher_a", "school_lead"])
def test_teachers_and_school_leads_are_not_asked(world, client, required, person):
    sign_in(client, getattr(world.people, person))
    assert TWO_STEP_OWED not in client.session
    for url in [reverse("home"), world.network_a.get_absolute_url(), reverse("networks:profile")]:
        assert client.get(url).status_code == 200, url


def test_with_the_setting_off_nobody_is_asked(world, client, settings):
    settings.REQUIRE_TWO_STEP = False
    for person in ("leader_a", "consortium_staff", "specialist", "superuser"):
        sign_in(client, getattr(world.people, person))
        assert TWO_STEP_OWED not in client.session
        assert client.get(reverse("home")).status_code == 200, person
        client.logout()


def test_the_check_costs_a_teacher_no_query(world, client, settings):
    """The setting on or off, a teacher's page costs the same queries: the flag is in the session."""
    counts = []
    for required in (False, True):
        settings.REQUIRE_TWO_STEP = required
        sign_in(client, world.people.teacher_a)
        client.get(reverse("home"))  # the first page after signing in writes the session's messages away
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        counts.append(len(queries))
        client.logout()
    assert counts[0] == counts[1]


def test_a_teacher_made_co_leader_while_signed_in_is_asked_at_the_next_page(world, client, required):
    teacher = world.people.teacher_a
    sign_in(client, teacher)
    assert client.get(reverse("home")).status_code == 200
    membership = Membership.objects.get(user=teacher, network=world.network_a)
    services.membership_set_role(membership=membership, role=Role.NETWORK_CO_LEADER)
    assert_sent_to_set_up(client, reverse("home"))


def test_a_teacher_accepting_a_leaders_invitation_is_asked_at_the_next_page(world, client, required):
    from ..factories import InvitationFactory

    teacher = world.people.teacher_a
    invitation = InvitationFactory(email=teacher.email, network=world.network_b, role=Role.NETWORK_LEADER)
    sign_in(client, teacher)
    accept = reverse("networks:invitation_accept", args=[services.invitation_token(invitation)])
    assert client.post(accept).status_code == 302
    assert_sent_to_set_up(client, reverse("home"))


def test_a_promoted_person_who_already_has_two_step_is_let_through(world, client, required):
    teacher = world.people.teacher_a
    TOTP.activate(teacher, generate_totp_secret())
    client.force_login(teacher)
    session = client.session
    session[TWO_STEP_OWED] = True  # as sessions_recheck_two_step marks it
    session.save()
    assert client.get(reverse("home")).status_code == 200
    assert TWO_STEP_OWED not in client.session


def test_htmx_requests_are_sent_to_set_up_by_htmx(world, client, required):
    sign_in(client, world.people.leader_a)
    response = client.get(world.network_a.get_absolute_url(), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("mfa_index")
