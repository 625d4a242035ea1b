import os
from types import SimpleNamespace

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from networks.models import Role  # noqa: E402

from .factories import (  # noqa: E402
    ConsortiumFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkSchoolFactory,
    SchoolFactory,
    UserFactory,
)

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "test-artifacts")


def service_missing(reason):
    """A service or the shared data a test needs is missing: fail under REQUIRE_SERVICES=1 (CI), skip otherwise."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fast_and_in_process(settings):
    """Quick password hashing, and tasks in-process unless a test starts a real worker."""
    from plc_platform.celery import app

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A pinned query count never meets the once-a-minute write of a session's last-seen stamp,
    # however slow the test's setup (tests/sign_in sets it back).
    settings.SESSION_SEEN_EVERY = 24 * 60 * 60
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture(autouse=True)
def _default_language():
    """A request from a Welsh reader leaves Welsh active in the test's thread (the middleware
    activates it, nothing turns it off): the next test starts in the default language again."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def redis_client():
    """A connection to the real Redis at REDIS_URL (missing: a failure in CI, else a skip)."""
    from django.conf import settings

    if not settings.REDIS_URL:
        service_missing("REDIS_URL is not set")
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as error:
        service_missing(f"Redis is not reachable at {settings.REDIS_URL}: {error}")
    return client


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        service_missing(f"Debian's chromium is not installed at {CHROMIUM}")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def artifacts():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def world(db):
    """One consortium with two networks and one person in each role, plus a second consortium.

    Network A holds school 1 and 2; network B holds school 3; school 1's lead and teacher are in A.
    """
    consortium = ConsortiumFactory(name="Central South Consortium", slug="central-south")
    other_consortium = ConsortiumFactory(name="North Consortium", slug="north")
    school_1 = SchoolFactory(consortium=consortium, name="Ysgol Gynradd Llanwern", urn=401001)
    school_2 = SchoolFactory(consortium=consortium, name="Maes y Coed Primary", urn=401002)
    school_3 = SchoolFactory(consortium=consortium, name="Heol y Celyn Primary", urn=401003)
    other_school = SchoolFactory(consortium=other_consortium, name="Bangor Primary", urn=501001)
    network_a = NetworkFactory(consortium=consortium, name="Valleys Writing Network", slug="valleys-writing")
    network_b = NetworkFactory(consortium=consortium, name="Numeracy Network", slug="numeracy")
    other_network = NetworkFactory(consortium=other_consortium, name="North Maths", slug="north-maths")
    for network, school in [(network_a, school_1), (network_a, school_2), (network_b, school_3)]:
        NetworkSchoolFactory(network=network, school=school)
    NetworkSchoolFactory(network=other_network, school=other_school)

    def person(email, full_name, *roles):
        user = UserFactory(email=email, full_name=full_name)
        for role, place in roles:
            MembershipFactory(user=user, role=role, **{type(place).__name__.lower(): place})
        return user

    people = SimpleNamespace(
        teacher_a=person(
            "teacher.a@example.org",
            "Teacher A",
            (Role.NETWORK_MEMBER, network_a),
            (Role.SCHOOL_STAFF, school_1),
        ),
        teacher_b=person(
            "teacher.b@example.org",
            "Teacher B",
            (Role.NETWORK_MEMBER, network_b),
            (Role.SCHOOL_STAFF, school_3),
        ),
        school_lead=person("lead@example.org", "School Lead", (Role.SCHOOL_LEAD, school_1)),
        leader_a=person("leader.a@example.org", "Leader A", (Role.NETWORK_LEADER, network_a)),
        consortium_staff=person("officer@example.org", "Consortium Officer", (Role.CONSORTIUM_STAFF, consortium)),
        specialist=person("specialist@example.org", "Specialist", (Role.SPECIALIST, consortium)),
        superuser=UserFactory(email="admin@example.org", full_name="Operator", is_staff=True, is_superuser=True),
    )
    return SimpleNamespace(
        consortium=consortium,
        other_consortium=other_consortium,
        school_1=school_1,
        school_2=school_2,
        school_3=school_3,
        other_school=other_school,
        network_a=network_a,
        network_b=network_b,
        other_network=other_network,
        people=people,
    )
