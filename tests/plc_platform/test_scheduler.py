"""The embedded scheduler (issue 19, item 1): with no broker and no beat, the sweeps run by
themselves. A real scheduler loop in a real thread, on a frozen clock moved by the test, against
the real database; the emails are Django's test outbox."""

import threading
import time
from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from networks.models import SweepRun
from plc_platform.scheduler import EmbeddedScheduler
from reviews.models import NoticeKind, ReviewRound, RoundStatus
from tests.factories import leaders_round, one_question_framework

NOTICES = "reviews.tasks.sweep_notices"
OUTBOX = "networks.tasks.sweep_outbox"
DIGESTS = "brokerage.tasks.send_digests"
WAIT_SECONDS = 20


def kinds_sent(kind):
    return sorted(m.to[0] for m in mail.outbox if m.extra_headers.get("X-PLC-Notice-Kind", "").startswith(kind))


def wait_for(condition):
    """Real time passes (the loop sleeps between ticks) while the frozen clock stands still."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def framework(transactional_db):
    return one_question_framework("scheduler-framework", "Scheduler framework")


@pytest.fixture
def running(transactional_db):
    """Start the embedded scheduler in a thread, as `manage.py run_schedule` runs it."""
    started = []

    def start():
        scheduler = EmbeddedScheduler(tick_seconds=0.05)
        thread = threading.Thread(target=scheduler.run, daemon=True)
        thread.start()
        started.append((scheduler, thread))
        return scheduler

    yield start
    for scheduler, thread in started:
        scheduler.stop()
        thread.join(timeout=WAIT_SECONDS)
        assert not thread.is_alive()


def test_a_round_opened_today_sends_its_opening_emails_then_its_reminder_with_nobody_running_a_command(
    world, framework, running
):
    p = world.people
    audience = sorted([p.teacher_a.email, p.leader_a.email, p.school_lead.email])
    start = datetime(2027, 3, 1, 9, 0, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(start, tick=False) as clock:
        round = leaders_round(world, framework, closes_in=3)
        assert round.status == RoundStatus.OPEN
        running()
        assert wait_for(lambda: kinds_sent(NoticeKind.ROUND_OPENED) == audience)
        assert kinds_sent(NoticeKind.REMINDER) == []

        # A day and a half on: still before the reminder two days before the close.
        clock.move_to(round.closes_at - timedelta(days=2, minutes=10))
        time.sleep(0.5)
        assert kinds_sent(NoticeKind.REMINDER) == []

        # The reminder point: the loop's next sweep (five minutes after the last) sends it.
        clock.move_to(round.closes_at - timedelta(days=2) + timedelta(minutes=5))
        assert wait_for(lambda: kinds_sent(NoticeKind.REMINDER) == audience)
        assert kinds_sent(NoticeKind.ROUND_OPENED) == audience  # each told once


def test_a_draft_round_opens_on_its_day_by_itself(world, framework, running):
    start = datetime(2027, 3, 1, 22, 0, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(start, tick=False) as clock:
        round = leaders_round(world, framework, opens_in=1, closes_in=10)
        running()
        assert wait_for(lambda: SweepRun.objects.filter(task=NOTICES, succeeded=True).exists())
        assert ReviewRound.objects.get(pk=round.pk).status == RoundStatus.DRAFT

        clock.move_to(start + timedelta(hours=2, minutes=10))  # ten past midnight
        assert wait_for(lambda: ReviewRound.objects.get(pk=round.pk).status == RoundStatus.OPEN)
        assert wait_for(lambda: len(kinds_sent(NoticeKind.ROUND_OPENED)) == 3)


def test_each_sweep_runs_when_due_and_the_admin_shows_when_it_last_ran(transactional_db, world, admin_client):
    start = datetime(2027, 3, 1, 6, 0, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(start, tick=False) as clock:
        scheduler = EmbeddedScheduler()
        assert scheduler.tick() == [NOTICES, OUTBOX]  # the daily digest waits for 07:00
        assert scheduler.tick() == []
        clock.move_to(start + timedelta(seconds=61))
        assert scheduler.tick() == [OUTBOX]
        clock.move_to(start.replace(hour=7, minute=1))
        assert scheduler.tick() == [NOTICES, OUTBOX, DIGESTS]
        assert scheduler.tick() == []

    runs = {run.task: run for run in SweepRun.objects.all()}
    assert set(runs) == {NOTICES, OUTBOX, DIGESTS}
    assert all(run.succeeded and run.finished_at for run in runs.values())
    assert SweepRun in site._registry
    page = admin_client.get("/admin/networks/sweeprun/")
    assert page.status_code == 200
    assert b"reviews.tasks.sweep_notices" in page.content
    assert b"every 300 s" in page.content


def test_the_commands_cron_runs_record_their_runs_too(world):
    call_command("send_due_notices", stdout=StringIO())
    call_command("send_outbox", stdout=StringIO())
    assert set(SweepRun.objects.values_list("task", flat=True)) == {NOTICES, OUTBOX}


def test_a_failing_sweep_is_recorded_with_its_error_and_the_others_still_run(transactional_db, world, monkeypatch):
    from networks import enqueue

    def broken(**kwargs):
        raise RuntimeError("the outbox is broken")

    monkeypatch.setattr(enqueue, "outbox_sweep", broken)
    ran = EmbeddedScheduler().tick()
    assert ran == [NOTICES, OUTBOX]
    outbox = SweepRun.objects.get(task=OUTBOX)
    assert not outbox.succeeded
    assert "the outbox is broken" in outbox.error
    assert SweepRun.objects.get(task=NOTICES).succeeded
