"""PostgreSQL faltering under a running web process: the person sees a plain 503 page while the
database cannot be reached, and the same process serves the next requests once it can.

The platform runs as in production (gunicorn, DEBUG off) against this test's database, either
directly or through a TCP relay the test cuts and mends; the shared server is never stopped.
"""

import os
import secrets
import threading
from collections import Counter

import psycopg
import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection

from .conftest import service_missing
from .factories import PASSWORD
from .live import Browser, Relay, database_url, gunicorn, workers_of

pytestmark = pytest.mark.services
PAGES = ["/", "/enquiries/", "/networks/", "/profile/"]


@pytest.fixture
def teacher(transactional_db, world, settings):
    if connection.vendor != "postgresql":
        service_missing("the database fault tests run the platform in gunicorn on PostgreSQL")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    teacher = world.people.teacher_a
    teacher.password = make_password(PASSWORD)
    teacher.save(update_fields=["password"])
    return teacher


def production(database, workers=1):
    return gunicorn(
        {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.production_settings",
            "DEBUG": "False",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "DATABASE_URL": database,
            "REDIS_URL": "",
            "EMAIL_URL": "dummymail://",
        },
        workers=workers,
    )


def signed_in(base, teacher):
    browser = Browser(base)
    assert browser.get("/accounts/login/").status == 200
    assert browser.post("/accounts/login/", {"login": teacher.email, "password": PASSWORD}).status == 302
    return browser


def assert_friendly_503(reply):
    assert reply.status == 503, reply.body[:500]
    assert reply.headers["Retry-After"] == "30"
    assert b"The platform is briefly unavailable" in reply.body
    assert b"Nothing you had saved is lost" in reply.body
    assert b"Traceback" not in reply.body
    assert b"OperationalError" not in reply.body
    assert b"5432" not in reply.body


def terminate_others(database):
    """pg_terminate_backend every connection to the test database but this test's own two: the
    web workers'."""
    connection.ensure_connection()
    return database.execute(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> %s",
        [connection.connection.info.backend_pid],
    ).fetchone()[0]


def test_while_the_database_is_unreachable_people_see_a_503_page_then_carry_on(teacher):
    db = connection.settings_dict
    relay = Relay((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    relay.mend()
    try:
        with production(database_url(host="127.0.0.1", port=relay.port)) as server:
            browser = signed_in(server.base, teacher)
            workers = workers_of(server.process)
            assert [browser.get(page).status for page in PAGES] == [200] * len(PAGES)

            relay.cut()  # the connection drops and nothing answers on the database's port
            for page in PAGES:
                assert_friendly_503(browser.get(page))
            assert_friendly_503(Browser(server.base).get("/accounts/login/"))

            relay.mend()
            assert [browser.get(page).status for page in PAGES] == [200] * len(PAGES)
            assert workers_of(server.process) == workers, "a worker was restarted"
    finally:
        relay.cut()


def test_connections_killed_mid_request_cost_a_503_at_most_and_the_next_requests_succeed(teacher):
    """Two workers serve four people's requests while every connection they hold is terminated
    again and again; then each next request succeeds on a fresh connection, no worker restarted."""
    statuses, stop = Counter(), threading.Event()
    with production(database_url(), workers=2) as server, psycopg.connect(database_url(), autocommit=True) as db:
        browsers = [signed_in(server.base, teacher) for _ in range(4)]
        workers = workers_of(server.process)

        # Between requests: CONN_HEALTH_CHECKS finds the dead connection and opens another.
        for browser in browsers:
            assert browser.get("/").status == 200
        assert terminate_others(db) >= 1
        assert [browser.get("/").status for browser in browsers] == [200] * len(browsers)

        # During requests.
        def load(browser):
            while not stop.is_set():
                for page in PAGES:
                    reply = browser.get(page)
                    statuses[reply.status] += 1
                    if reply.status != 200:
                        assert_friendly_503(reply)

        threads = [threading.Thread(target=load, args=(browser,)) for browser in browsers]
        for thread in threads:
            thread.start()
        killed = 0
        for _ in range(20):
            stop.wait(0.15)
            killed += terminate_others(db)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

        after = [browser.get(page).status for browser in browsers for page in PAGES]
        print(
            f"\nkilled {killed} connections during {statuses.total()} requests: {dict(statuses)}; "
            f"then {len(after)} requests: {dict(Counter(after))}"
        )
        assert set(statuses) <= {200, 503}
        assert statuses[200] > 0
        assert after == [200] * len(after)
        assert workers_of(server.process) == workers, "a worker was restarted"
