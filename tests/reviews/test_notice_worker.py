"""Notices through a real Celery worker, real Redis and PostgreSQL: each sent once, none lost.

The worker is another process: it sees only committed rows (transactional_db), and writes its
emails with Django's file backend into a folder this test reads, one message per notice, each
with an X-PLC-Notice-Kind header.
"""

import email
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from networks.models import Consortium, Membership, Network, Role, User
from reviews.models import Notice, NoticeKind, ReviewRound, RoundStatus
from tests.factories import one_question_framework

from ..conftest import service_missing
from ..live import celery_worker, database_url

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 500
TIMEOUT = 60
KILL_AFTER = PEOPLE // 5  # reminders sent before the kill: well inside the run, yet caught in time
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


@pytest.fixture
def redis_client(transactional_db, redis_client):
    if connection.vendor != "postgresql":
        service_missing("the worker test needs PostgreSQL (SELECT ... FOR UPDATE SKIP LOCKED)")
    return redis_client


class Workers:
    """Celery workers started by this test, each the leader of its own process group."""

    def __init__(self, queue, env, log_dir):
        self.queue, self.env, self.log_dir, self.started = queue, env, log_dir, []

    def start(self, name):
        log_path = self.log_dir / f"{name}.log"
        log = open(log_path, "wb")  # noqa: SIM115 - closed with the process
        worker = subprocess.Popen(
            celery_worker(
                name,
                "--concurrency=2",
                "--loglevel=info",  # each task's process and run time, read back by sweeps_run()
                "--without-gossip",
                "--without-mingle",
                "-Q",
                self.queue,
            ),
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        worker.log, worker.log_path = log, log_path
        self.started.append(worker)
        return worker

    @staticmethod
    def kill(worker, group=True, sig=signal.SIGKILL):
        """Signal the worker, or it and its pool processes (its process group), and wait for it."""
        try:
            if group:
                os.killpg(worker.pid, sig)
            else:
                worker.send_signal(sig)
        except ProcessLookupError:
            pass
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=5)

    def stop_all(self):
        for worker in self.started:
            if worker.poll() is None:
                self.kill(worker, group=False, sig=signal.SIGTERM)  # a warm shutdown
            worker.log.close()


def forget_queue(client, queue):
    """Remove the queue, and any message a killed worker left unacknowledged on it."""
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    for tag, payload in client.hscan_iter("unacked"):
        try:
            routing_key = json.loads(payload)[2]
        except (ValueError, IndexError, TypeError):
            continue
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def emails_sent(mail_dir):
    """Counter of (recipient, notice kind) over every message the workers wrote."""
    counts = Counter()
    for path in mail_dir.iterdir():
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                message = email.message_from_bytes(chunk)
                counts[(message["To"], message["X-PLC-Notice-Kind"])] += 1
    return counts


SWEEP_DONE = re.compile(
    r"^\[(?P<at>[\d-]+ [\d:,]+): INFO/(?P<process>[\w-]+)\] "
    r"Task reviews\.tasks\.sweep_notices\[[\w-]+\] succeeded in (?P<seconds>[\d.]+)s"
)


def sweeps_run(log_path):
    """(process, start, end) of each sweep a worker finished, from its log."""
    runs = []
    for line in log_path.read_text(errors="replace").splitlines():
        if match := SWEEP_DONE.match(line):
            end = datetime.strptime(match["at"], "%Y-%m-%d %H:%M:%S,%f").timestamp()  # noqa: DTZ007 - log time, local like the log
            runs.append((match["process"], end - float(match["seconds"]), end))
    return runs


def wait_until(condition, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting until {what}")


def sent(kind):
    return Notice.objects.filter(kind=kind, sent_at__isnull=False).count()


def a_network_of(people):
    consortium = Consortium.objects.create(name="Fault Consortium", slug="fault-consortium")
    network = Network.objects.create(consortium=consortium, name="Fault Network", slug="fault-network")
    users = User.objects.bulk_create(
        User(email=f"person{n:03}@fault.example.org", full_name=f"Person {n}", password="!") for n in range(people)
    )
    Membership.objects.bulk_create(Membership(user=u, network=network, role=Role.NETWORK_MEMBER) for u in users)
    framework = one_question_framework("fault-framework", "Fault framework")
    return network, framework, {u.email for u in users}


def opened_today(network, framework):
    """An open round of the network on the framework, opened now, closing in twenty days."""
    today = timezone.localdate()
    return ReviewRound.objects.create(
        network=network,
        framework=framework,
        opens_on=today,
        closes_on=today + timedelta(days=20),
        status=RoundStatus.OPEN,
        opened_at=timezone.now(),
    )


def test_each_person_is_told_once_and_a_killed_worker_loses_and_repeats_nothing(redis_client, tmp_path):
    from plc_platform.celery import app
    from reviews.tasks import sweep_notices

    started = time.monotonic()
    app.conf.task_always_eager = False
    queue = f"notice-fault-{os.getpid()}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"filemail:///{mail_dir}",  # four slashes before an absolute path
        "LOG_LEVEL": "WARNING",
    }
    workers = Workers(queue, env, tmp_path)

    network, framework, addresses = a_network_of(PEOPLE)
    today = timezone.localdate()
    round = opened_today(network, framework)
    try:
        # 1. Two sweeps at once, in the two processes of one worker: one opening email each.
        first = workers.start("first")
        sweep_notices.apply_async(queue=queue)
        sweep_notices.apply_async(queue=queue)
        wait_until(lambda: sent(NoticeKind.ROUND_OPENED) == PEOPLE, "every opening notice is sent")
        opening = Notice.objects.filter(round=round, kind=NoticeKind.ROUND_OPENED)
        assert opening.count() == PEOPLE
        assert set(opening.values_list("user__email", flat=True)) == addresses
        assert not opening.filter(skipped=True).exists()
        emails = emails_sent(mail_dir)
        opened = {to: n for (to, kind), n in emails.items() if kind == NoticeKind.ROUND_OPENED}
        assert set(opened) == addresses
        assert sum(opened.values()) == PEOPLE, "an opening email was sent twice"
        wait_until(lambda: len(sweeps_run(first.log_path)) == 2, "both sweeps have finished", timeout=15)
        (one, start_1, end_1), (other, start_2, end_2) = sweeps_run(first.log_path)
        overlap = min(end_1, end_2) - max(start_1, start_2)
        print(
            f"\nopening: {PEOPLE} people, {sum(opened.values())} emails; the two sweeps ran in {one} and "
            f"{other}, {end_1 - start_1:.2f} s and {end_2 - start_2:.2f} s, overlapping {max(overlap, 0):.2f} s; "
            f"{time.monotonic() - started:.1f} s so far"
        )

        # 2. Make the 7-day reminder due (the worker keeps real time), sweep, and kill the worker
        #    (SIGKILL, pool processes too) while it is part-way through sending.
        ReviewRound.objects.filter(pk=round.pk).update(
            opens_on=today - timedelta(days=10),
            opened_at=timezone.now() - timedelta(days=10),
            closes_on=today + timedelta(days=5),
        )
        reminder = "reminder:7"
        sweep_notices.apply_async(queue=queue)
        sweep_notices.apply_async(queue=queue)
        deadline = time.monotonic() + TIMEOUT
        while sent(reminder) < KILL_AFTER and time.monotonic() < deadline:
            time.sleep(0.005)
        workers.kill(first)
        sent_at_kill = sent(reminder)
        print(f"killed the first worker with {sent_at_kill} of {PEOPLE} reminders sent")
        assert 0 < sent_at_kill < PEOPLE, "the kill did not land mid-batch"

        # 3. Another worker, more sweeps: every reminder is sent, exactly once.
        workers.start("second")
        sweep_notices.apply_async(queue=queue)
        sweep_notices.apply_async(queue=queue)
        wait_until(lambda: sent(reminder) == PEOPLE, "every reminder is sent")
        reminders = Notice.objects.filter(round=round, kind=reminder)
        assert reminders.count() == PEOPLE
        assert not reminders.filter(skipped=True).exists()
        assert not Notice.objects.filter(sent_at__isnull=True).exists()

        emails = emails_sent(mail_dir)
        reminded = {to: n for (to, kind), n in emails.items() if kind == reminder}
        duplicated = sum(n - 1 for n in reminded.values())
        lost = len(addresses - set(reminded))
        print(
            f"reminders: sent {sum(reminded.values())} emails to {len(reminded)} people, "
            f"duplicated {duplicated}, lost {lost}; {time.monotonic() - started:.1f} s in all"
        )
        assert lost == 0
        # A kill between the mail server taking an email and the commit could repeat that one email.
        assert duplicated <= 1
        assert sum(n for (to, kind), n in emails.items() if kind == NoticeKind.ROUND_OPENED) == PEOPLE
    finally:
        workers.stop_all()
        forget_queue(redis_client, queue)


SWEEP_PEOPLE = 5000
KILLS = 10


def start_beat(name, env, log_dir):
    """A celery beat on the production scheduler (django-celery-beat), in its own process group."""
    log = open(log_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed by the caller
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "plc_platform", "beat", "--loglevel=warning"]
        + ["--scheduler", "django_celery_beat.schedulers:DatabaseScheduler", "--pidfile="],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    beat.log = log
    return beat


def test_ten_kills_during_a_5000_email_sweep_with_two_beats_lose_nothing(redis_client, tmp_path):
    """Two beats each queue the notice sweep every second onto the default queue; a worker
    sending 5,000 opening emails is SIGKILLed (with its pool) ten times, a new one started each
    time. Every person gets their email; a repeat can only come from a kill between the mail
    server taking an email and the commit, so at most one per kill."""
    from plc_platform.celery import app

    started = time.monotonic()
    queue = app.conf.task_default_queue
    forget_queue(redis_client, queue)
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "LOG_LEVEL": "WARNING",
        "NOTICE_SWEEP_SECONDS": "1",
    }
    workers = Workers(queue, env, tmp_path)
    network, framework, addresses = a_network_of(SWEEP_PEOPLE)
    opened_today(network, framework)
    beats = []
    try:
        worker = workers.start("sweeper-0")
        beats.append(start_beat("beat-1", env, tmp_path))
        time.sleep(2)  # the first beat writes the schedule's rows; the second finds them
        beats.append(start_beat("beat-2", env, tmp_path))
        kills_at = []
        for kill in range(KILLS):
            threshold = SWEEP_PEOPLE * (kill + 1) // (KILLS + 1)
            wait_until(lambda threshold=threshold: sent(NoticeKind.ROUND_OPENED) >= threshold, "sending", 300)
            workers.kill(worker)
            kills_at.append(sent(NoticeKind.ROUND_OPENED))
            worker = workers.start(f"sweeper-{kill + 1}")
        wait_until(lambda: sent(NoticeKind.ROUND_OPENED) == SWEEP_PEOPLE, "every opening email is sent", 300)
        assert all(beat.poll() is None for beat in beats), "a beat stopped"
        assert Notice.objects.filter(kind=NoticeKind.ROUND_OPENED).count() == SWEEP_PEOPLE
        assert not Notice.objects.filter(sent_at__isnull=True).exists()
        opened = {to: n for (to, kind), n in emails_sent(mail_dir).items() if kind == NoticeKind.ROUND_OPENED}
        duplicated = sum(n - 1 for n in opened.values())
        lost = len(addresses - set(opened))
        print(
            f"\n{SWEEP_PEOPLE} people, two beats, {len(kills_at)} kills at {kills_at} sent: "
            f"{sum(opened.values())} emails, duplicated {duplicated}, lost {lost}; "
            f"{time.monotonic() - started:.1f} s"
        )
        assert len(kills_at) == KILLS
        assert all(0 < at < SWEEP_PEOPLE for at in kills_at), "a kill did not land mid-sweep"
        assert lost == 0
        assert duplicated <= KILLS
    finally:
        for beat in beats:
            Workers.kill(beat)
            beat.log.close()
        workers.stop_all()
        forget_queue(redis_client, queue)
