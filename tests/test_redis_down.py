"""With Redis unreachable, signing in, resetting a password, opening a round and inviting all work.

The platform runs as in production: gunicorn with docker/gunicorn.conf.py, in its own process,
against this test's PostgreSQL database, with REDIS_URL pointing at a port where nothing listens,
so the cache (allauth's rate limits) and Celery's broker both fail for real.
"""

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.db import connection
from django.utils import timezone

from networks.enqueue import outbox_sweep
from networks.models import OutboxTask, Role
from reviews.models import Feature, Framework, Question, ReviewRound, RoundStatus

from .conftest import service_missing
from .factories import PASSWORD
from .reviews.test_notice_worker import database_url

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: cookies, the CSRF token from its cookie, no redirects followed."""

    def __init__(self, base):
        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path, data=None):
        body = None
        if data is not None:
            token = next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.headers

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)


@pytest.fixture
def server(transactional_db, world, settings):
    if connection.vendor != "postgresql":
        service_missing("the Redis-down test runs the platform in gunicorn on the test's PostgreSQL database")
    port = free_port()
    environment = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": database_url(),
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        "EMAIL_URL": "consolemail://",
        "DEBUG": "True",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "plc_platform.wsgi:application", "--no-control-socket"]
        + ["--config", "docker/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=2)
            break
        except OSError:  # refused, reset or timed out while gunicorn starts
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not start: " + process.stderr.read().decode()[-2000:])
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_with_redis_down_people_sign_in_reset_open_a_round_and_invite(server, world, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    leader, teacher = world.people.leader_a, world.people.teacher_a
    for person in (leader, teacher):
        person.password = make_password(PASSWORD)
        person.save(update_fields=["password"])
    framework = Framework.objects.create(slug="redis-down", name="Seven key features", source="Written for the test.")
    feature = Feature.objects.create(framework=framework, position=1, slug="purpose", name="Purpose and focus")
    Question.objects.create(feature=feature, position=1, text="Is the purpose shared?")
    today = timezone.localdate()
    round = ReviewRound.objects.create(
        network=world.network_a,
        framework=framework,
        status=RoundStatus.DRAFT,
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )

    browser = Browser(server)
    status, headers = browser.get("/accounts/login/")
    assert status == 200
    assert "Server" not in headers
    assert browser.post("/accounts/login/", {"login": leader.email, "password": PASSWORD})[0] == 302
    assert browser.get("/")[0] == 200

    assert browser.post(f"/reviews/{round.pk}/open/", {})[0] == 302
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN

    invite = {"email": "new.colleague@example.org", "role": Role.NETWORK_MEMBER}
    assert browser.post(f"/networks/{world.network_a.slug}/invite/", invite)[0] == 302

    # The invitation's email could not be queued: it waits in the outbox, and the sweep sends it
    # once, however often it runs.
    waiting = OutboxTask.objects.pending().get(task="networks.tasks.send_invitation_email")
    outbox = len(mail.outbox)
    later = timezone.now() + timedelta(minutes=5)
    assert outbox_sweep(now=later) >= 1
    assert outbox_sweep(now=later) == 0
    sent = [message for message in mail.outbox[outbox:] if "new.colleague@example.org" in message.to]
    assert len(sent) == 1
    waiting.refresh_from_db()
    assert waiting.done_at is not None

    signed_out = Browser(server)
    assert signed_out.get("/accounts/password/reset/")[0] == 200
    assert signed_out.post("/accounts/password/reset/", {"email": teacher.email})[0] == 302
