"""manage.py seed_demo: a plausible region, every role held, idempotent, and the demo logins work."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from networks.demo import DEMO_LOGINS, DEMO_PASSWORD, EASTING_RANGE, NORTHING_RANGE, WRITING_NETWORK
from networks.models import Consortium, Invitation, Membership, Network, NetworkSchool, Role, School, User


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def seeded(db):
    return seed()


def test_builds_one_plausible_region(seeded):
    assert Consortium.objects.get().slug == "central-south"
    assert 35 <= School.objects.count() <= 45
    assert Network.objects.count() == 4
    assert 55 <= User.objects.count() <= 70
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)

    for school in School.objects.all():
        assert 990001 <= school.urn <= 990999
        assert school.region == "Wales"
        assert school.postcode[:2] in ("CF", "NP")
        assert EASTING_RANGE[0] <= school.easting <= EASTING_RANGE[1]
        assert NORTHING_RANGE[0] <= school.northing <= NORTHING_RANGE[1]
    for network in Network.objects.all():
        assert 6 <= network.schools.count() <= 10
        assert network.practice_areas.exists()
        assert network.purpose and network.focus
        assert network.memberships.filter(role=Role.NETWORK_LEADER).exists()
    writing = Network.objects.get(name=WRITING_NETWORK)
    assert writing.purpose == "Raise boys' attainment in extended writing at KS2"
    assert "oral rehearsal" in writing.focus.lower()
    in_a_network = NetworkSchool.objects.values("school").distinct().count()
    assert NetworkSchool.objects.count() > in_a_network, "some schools are in two networks"

    # Everyone can sign in: a verified primary address each.
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == User.objects.count()
    assert Invitation.objects.pending().count() >= 3

    assert DEMO_PASSWORD in seeded
    assert "Open http://127.0.0.1:8000 and sign in." in seeded
    for login in DEMO_LOGINS:
        assert login.email in seeded


def test_a_second_run_changes_nothing(seeded):
    counts = row_counts()
    names = list(School.objects.order_by("urn").values_list("name", flat=True))
    output = seed()
    assert row_counts() == counts
    assert list(School.objects.order_by("urn").values_list("name", flat=True)) == names
    assert "Nothing new" in output


def test_each_demo_login_signs_in(seeded, client):
    for login in DEMO_LOGINS:
        response = client.post(reverse("account_login"), {"login": login.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, login.email
        assert client.session["_auth_user_id"] == str(User.objects.get(email=login.email).pk), login.email
        client.logout()


def test_demo_logins_hold_their_roles(seeded):
    def roles(key):
        user = User.objects.get(email=f"{key}@demo.plc-platform.org")
        return {(m.role, str(m.place)) for m in user.memberships.all()}

    admin = User.objects.get(email="admin@demo.plc-platform.org")
    assert admin.is_staff and admin.is_superuser
    assert (Role.CONSORTIUM_STAFF, "Central South Consortium") in roles("officer")
    assert (Role.SPECIALIST, "Central South Consortium") in roles("specialist")
    assert (Role.NETWORK_LEADER, WRITING_NETWORK) in roles("leader")
    assert (Role.NETWORK_CO_LEADER, WRITING_NETWORK) in roles("colead")

    teacher = User.objects.get(email="teacher@demo.plc-platform.org")
    assert teacher.job_title == "Year 5 teacher"
    writing = Network.objects.get(name=WRITING_NETWORK)
    assert teacher.memberships.filter(role=Role.NETWORK_MEMBER, network=writing).exists()
    staff = teacher.memberships.get(role=Role.SCHOOL_STAFF)
    assert writing.schools.filter(pk=staff.school_id).exists()
    head = User.objects.get(email="head@demo.plc-platform.org")
    assert head.memberships.filter(role=Role.SCHOOL_LEAD, school=staff.school).exists()


def test_a_second_run_puts_the_demo_password_back(seeded, client):
    teacher = User.objects.get(email="teacher@demo.plc-platform.org")
    teacher.set_password("something-else-entirely")
    teacher.save()
    seed()
    teacher.refresh_from_db()
    assert teacher.check_password(DEMO_PASSWORD)
