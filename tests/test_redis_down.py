"""With Redis unreachable, signing in, resetting a password, opening a round and inviting all work,
and every email they owe is sent once when Redis is back.

The platform runs as in production: gunicorn with docker/gunicorn.conf.py, in its own process,
against this test's PostgreSQL database. Its cache (allauth's rate limits) and Celery's broker
are a Redis server the test starts on a port of its own and kills, or a port where nothing listens.
"""

import os
from collections import Counter
from datetime import timedelta

import pytest
import redis
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from networks.enqueue import outbox_sweep
from networks.models import OutboxTask, Role
from reviews.models import Notice, NoticeKind, ReviewRound, RoundStatus

from .conftest import service_missing
from .factories import PASSWORD, one_question_framework
from .live import Browser, RedisServer, database_url, free_port, gunicorn

pytestmark = pytest.mark.services
INVITED = 10


def at_school_1(world):
    """The school an invitation to network A asks for, and the role there."""
    return {"school": world.school_1.urn, "school_role": Role.SCHOOL_STAFF}


@pytest.fixture
def people(transactional_db, world, settings):
    if connection.vendor != "postgresql":
        service_missing("the Redis-down tests run the platform in gunicorn on the test's PostgreSQL database")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    for person in (world.people.leader_a, world.people.teacher_a):
        person.password = make_password(PASSWORD)
        person.save(update_fields=["password"])
    return world.people


def platform(redis_url):
    environment = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": redis_url}
    return gunicorn({**environment, "EMAIL_URL": "consolemail://", "DEBUG": "True"})


def a_draft_round(world, slug):
    framework = one_question_framework(
        slug, "Seven key features", source="Written for the test.", feature="Purpose and focus"
    )
    today = timezone.localdate()
    return ReviewRound.objects.create(
        network=world.network_a,
        framework=framework,
        status=RoundStatus.DRAFT,
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )


def test_with_redis_down_people_sign_in_reset_open_a_round_and_invite(people, world):
    leader, teacher = people.leader_a, people.teacher_a
    round = a_draft_round(world, "redis-down")
    with platform(f"redis://127.0.0.1:{free_port()}/0") as server:  # nothing listens there
        browser = Browser(server.base)
        status, headers, _ = browser.get("/accounts/login/")
        assert status == 200
        assert "Server" not in headers
        assert browser.post("/accounts/login/", {"login": leader.email, "password": PASSWORD}).status == 302
        assert browser.get("/").status == 200

        assert browser.post(f"/reviews/{round.pk}/open/", {}).status == 302
        round.refresh_from_db()
        assert round.status == RoundStatus.OPEN

        invite = {"email": "new.colleague@example.org", "role": Role.NETWORK_MEMBER, **at_school_1(world)}
        assert browser.post(f"/networks/{world.network_a.slug}/invite/", invite).status == 302

        # The invitation's email could not be queued: it waits in the outbox, and the sweep sends
        # it once, however often it runs.
        waiting = OutboxTask.objects.pending().get(task="networks.tasks.send_invitation_email")
        outbox = len(mail.outbox)
        later = timezone.now() + timedelta(minutes=5)
        assert outbox_sweep(now=later) >= 1
        assert outbox_sweep(now=later) == 0
        sent = [message for message in mail.outbox[outbox:] if "new.colleague@example.org" in message.to]
        assert len(sent) == 1
        waiting.refresh_from_db()
        assert waiting.done_at is not None

        signed_out = Browser(server.base)
        assert signed_out.get("/accounts/login/").status == 200
        assert signed_out.get("/accounts/password/reset/").status == 200
        assert signed_out.post("/accounts/password/reset/", {"email": teacher.email}).status == 302


def test_redis_stopped_while_a_leader_invites_ten_and_opens_a_round_then_each_email_goes_once(people, world):
    """Redis is up when the leader signs in, killed before ten invitations and a round's opening,
    and started again on the same port: every request answers 2xx or a redirect, and the sweeps
    then send each invitation and each opening notice exactly once."""
    leader = people.leader_a
    round = a_draft_round(world, "redis-stopped")
    invitees = [f"colleague{n:02}@example.org" for n in range(INVITED + 1)]
    redis_server = RedisServer()
    redis_server.start()
    statuses = Counter()

    def post(browser, path, data):
        reply = browser.post(path, data)
        statuses[reply.status] += 1
        return reply.status

    try:
        with platform(redis_server.url) as server:
            browser = Browser(server.base)
            assert browser.get("/accounts/login/").status == 200
            assert post(browser, "/accounts/login/", {"login": leader.email, "password": PASSWORD}) == 302

            redis_server.stop()
            for email in invitees[:INVITED]:
                invite = {"email": email, "role": Role.NETWORK_MEMBER, **at_school_1(world)}
                assert post(browser, f"/networks/{world.network_a.slug}/invite/", invite) == 302
            assert post(browser, f"/reviews/{round.pk}/open/", {}) == 302
            reply = browser.get(f"/networks/{world.network_a.slug}/")
            statuses[reply.status] += 1
            assert reply.status == 200
            assert OutboxTask.objects.pending().count() == INVITED + 1, "a task was not kept in the outbox"

            # Redis is back on the same port: the web process queues to it again by itself.
            redis_server.start()
            invite = {"email": invitees[INVITED], "role": Role.NETWORK_MEMBER, **at_school_1(world)}
            assert post(browser, f"/networks/{world.network_a.slug}/invite/", invite) == 302
            assert redis.Redis.from_url(redis_server.url).llen("celery") == 1
    finally:
        redis_server.stop()

    # No worker ran: the sweeps (as beat would, once the broker's delivery is overdue) send it all.
    later = timezone.now() + timedelta(minutes=5)
    assert outbox_sweep(now=later) == INVITED + 2
    assert outbox_sweep(now=later) == 0
    call_command("send_due_notices", stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed on exit
    call_command("send_outbox", stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed on exit

    audience = set(
        Notice.objects.filter(round=round, kind=NoticeKind.ROUND_OPENED, skipped=False).values_list(
            "user__email", flat=True
        )
    )
    assert leader.email in audience or people.teacher_a.email in audience
    sent = Counter((to, message.extra_headers.get("X-PLC-Notice-Kind")) for message in mail.outbox for to in message.to)
    invitations = Counter({to: n for (to, kind), n in sent.items() if to in invitees})
    openings = Counter({to: n for (to, kind), n in sent.items() if kind == NoticeKind.ROUND_OPENED})
    expected = set(invitees) | audience
    received = set(invitations) | set(openings)
    duplicated = sum(n - 1 for n in (invitations + openings).values())
    lost = len(expected - received)
    print(
        f"\nRedis stopped: {statuses.total()} requests ({dict(statuses)}), "
        f"{sum(1 for status in statuses.elements() if status >= 500)} x 5xx; "
        f"emails sent {len(mail.outbox)} ({invitations.total()} invitations, {openings.total()} round openings), "
        f"duplicated {duplicated}, lost {lost}"
    )
    assert all(200 <= status < 400 for status in statuses)
    assert set(invitations) == set(invitees)
    assert set(openings) == audience
    assert duplicated == 0
    assert lost == 0
    assert len(mail.outbox) == len(invitees) + len(audience)
