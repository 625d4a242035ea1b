"""Notices of self-review rounds: planned once, sent once, respecting each person's preferences."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.models import EmailPreference, Role
from networks.services import user_from_preferences_token
from reviews import notices
from reviews import services as review
from reviews.models import Notice, NoticeKind, ReviewResponse, ReviewRound, RoundStatus

from ..factories import MembershipFactory, leaders_round, one_question_framework

PREFERENCES_LINK = re.compile(r"(https?://\S+/emails/([^/\s]+)/)")


@pytest.fixture
def framework(db):
    return one_question_framework("notice-test-framework", "Notice framework")


@pytest.fixture
def audience(world):
    """Network A's audience: its member and leader, and the staff of its schools."""
    p = world.people
    return {p.teacher_a, p.leader_a, p.school_lead}


def open_round(world, framework, *, opened_days_ago=0, closes_in=14, network=None):
    now = timezone.now()
    today = timezone.localdate()
    return ReviewRound.objects.create(
        network=network or world.network_a,
        framework=framework,
        opens_on=today - timedelta(days=opened_days_ago),
        closes_on=today + timedelta(days=closes_in),
        status=RoundStatus.OPEN,
        opened_at=now - timedelta(days=opened_days_ago),
        opened_by=world.people.leader_a,
    )


def submit(round, user):
    ReviewResponse.objects.create(round=round, user=user, submitted_at=timezone.now())


def run(now):
    notices.notices_plan(now=now)
    return notices.notices_send_due(now=now, limit=None)


def recipients(outbox, kind):
    return sorted(m.to[0] for m in outbox if m.extra_headers["X-PLC-Notice-Kind"] == kind)


def emails_of(people):
    return sorted(p.email for p in people)


# Planning and opening ---------------------------------------------------------------------------


def test_planning_twice_creates_each_notice_once(world, framework, audience):
    round = open_round(world, framework)
    now = timezone.now()
    assert notices.notices_plan(now=now) == 3
    assert notices.notices_plan(now=now) == 0
    rows = Notice.objects.filter(round=round, kind=NoticeKind.ROUND_OPENED)
    assert {n.user for n in rows} == audience


def test_opening_a_round_tells_each_person_in_the_audience_once(
    world, framework, audience, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        round = leaders_round(world, framework)
    assert recipients(mailoutbox, NoticeKind.ROUND_OPENED) == emails_of(audience)
    message = mailoutbox[0]
    assert "Valleys Writing Network" in message.subject
    assert "Valleys Writing Network" in message.body
    assert "Notice framework" in message.body
    assert f"{round.closes_on:%-d %B %Y}" in message.body
    assert reverse("reviews:response_edit", args=[round.pk]) in message.body
    assert message.body.strip().splitlines()[-1].startswith("To choose which emails you get: http")

    notices.notices_sweep()
    notices.notices_sweep()
    assert len(mailoutbox) == 3
    assert Notice.objects.filter(round=round, sent_at__isnull=False).count() == 3


def test_planning_takes_the_same_few_queries_for_three_people_or_thirty(world, framework):
    round = open_round(world, framework, opened_days_ago=10, closes_in=5)  # the 7-day reminder is due
    now = timezone.now()

    def queries():
        Notice.objects.all().delete()
        with CaptureQueriesContext(connection) as context:
            notices.notices_plan(now=now)
        return len(context)

    few = queries()
    assert Notice.objects.filter(round=round).count() == 6  # opened + reminder:7, three people each
    for _ in range(30):
        MembershipFactory(network=world.network_a, role=Role.NETWORK_MEMBER)
    assert queries() == few
    assert Notice.objects.filter(round=round).count() == 66


# Reminders --------------------------------------------------------------------------------------


def test_reminders_go_at_7_and_2_days_before_closing_to_those_who_have_not_submitted(world, framework, mailoutbox):
    p = world.people
    round = open_round(world, framework, closes_in=14)
    run(timezone.now())  # the opening emails
    mailoutbox.clear()
    submit(round, p.teacher_a)

    run(round.closes_at - timedelta(days=8))
    assert mailoutbox == []

    seven = round.closes_at - timedelta(days=7) + timedelta(minutes=5)
    run(seven)
    assert recipients(mailoutbox, "reminder:7") == emails_of([p.leader_a, p.school_lead])
    assert "7 days left, counting today" in mailoutbox[0].body
    assert "7 days left" in mailoutbox[0].subject
    run(seven + timedelta(days=1))
    assert len(mailoutbox) == 2

    submit(round, p.school_lead)
    mailoutbox.clear()
    run(round.closes_at - timedelta(days=2) + timedelta(minutes=5))
    assert recipients(mailoutbox, "reminder:2") == [p.leader_a.email]
    assert "tomorrow: 2 days left, counting today" in mailoutbox[0].body
    assert Notice.objects.filter(round=round, kind__startswith="reminder").count() == 3


def test_a_reminder_is_skipped_when_the_person_submits_before_it_goes(world, framework, mailoutbox):
    p = world.people
    round = open_round(world, framework, opened_days_ago=10, closes_in=5)
    now = timezone.now()
    notices.notices_plan(now=now)
    assert Notice.objects.filter(round=round, kind="reminder:7").count() == 3
    submit(round, p.teacher_a)
    notices.notices_send_due(now=now, limit=None)
    assert recipients(mailoutbox, "reminder:7") == emails_of([p.leader_a, p.school_lead])
    skipped = Notice.objects.get(round=round, kind="reminder:7", user=p.teacher_a)
    assert skipped.skipped
    assert skipped.sent_at == now


def test_a_reminder_point_that_passed_before_the_round_opened_is_skipped(world, framework, mailoutbox):
    round = open_round(world, framework, closes_in=5)  # opened 5 days before closing: no 7-day reminder
    run(timezone.now())
    run(round.closes_at - timedelta(days=3))
    assert {m.extra_headers["X-PLC-Notice-Kind"] for m in mailoutbox} == {NoticeKind.ROUND_OPENED}
    run(round.closes_at - timedelta(days=2) + timedelta(minutes=1))
    assert len(recipients(mailoutbox, "reminder:2")) == 3


def test_a_late_sweep_sends_one_reminder_not_every_missed_one(world, framework, mailoutbox):
    round = open_round(world, framework, closes_in=14)
    run(round.closes_at - timedelta(hours=10))  # nothing ran at 7 or at 2 days before
    kinds = set(Notice.objects.filter(round=round).values_list("kind", flat=True))
    assert kinds == {"reminder:2", NoticeKind.ROUND_OPENED}
    assert "today: 1 day left, counting today" in recipients_bodies(mailoutbox, "reminder:2")[0]


def recipients_bodies(outbox, kind):
    return [m.body for m in outbox if m.extra_headers["X-PLC-Notice-Kind"] == kind]


def test_a_networks_own_reminder_days_are_used(world, framework, mailoutbox):
    world.network_a.reminder_days = [3]
    world.network_a.save()
    round = open_round(world, framework, closes_in=14)
    run(round.closes_at - timedelta(days=7) + timedelta(minutes=1))
    assert not Notice.objects.filter(kind__startswith="reminder").exists()
    run(round.closes_at - timedelta(days=3) + timedelta(minutes=1))
    assert len(recipients(mailoutbox, "reminder:3")) == 3


# Preferences ------------------------------------------------------------------------------------


def test_preferences_are_respected_and_the_notice_is_settled_without_sending(world, framework, mailoutbox):
    p = world.people
    EmailPreference.objects.create(user=p.leader_a, review_invitations=False)
    EmailPreference.objects.create(user=p.school_lead, review_reminders=False)
    round = open_round(world, framework, opened_days_ago=10, closes_in=5)
    run(timezone.now())
    assert recipients(mailoutbox, NoticeKind.ROUND_OPENED) == emails_of([p.teacher_a, p.school_lead])
    assert recipients(mailoutbox, "reminder:7") == emails_of([p.teacher_a, p.leader_a])
    skipped = Notice.objects.filter(round=round, skipped=True)
    assert {(n.user, n.kind) for n in skipped} == {(p.leader_a, "round_opened"), (p.school_lead, "reminder:7")}
    assert not Notice.objects.filter(sent_at__isnull=True).exists()


def test_an_opening_email_is_not_sent_once_the_round_has_closed(world, framework, mailoutbox):
    round = open_round(world, framework)
    notices.notices_plan(now=timezone.now())
    review.round_close(round=round)
    notices.notices_send_due(now=timezone.now(), limit=None)
    assert recipients(mailoutbox, NoticeKind.ROUND_OPENED) == []
    assert Notice.objects.filter(round=round, kind=NoticeKind.ROUND_OPENED, skipped=True).count() == 3


# Leaders: closed summaries and the next review due ----------------------------------------------


def test_leaders_get_a_summary_when_a_round_closes(world, framework, mailoutbox):
    p = world.people
    co_leader = MembershipFactory(network=world.network_a, role=Role.NETWORK_CO_LEADER).user
    round = open_round(world, framework, opened_days_ago=20, closes_in=-1)  # closed yesterday
    submit(round, p.teacher_a)
    submit(round, p.school_lead)
    result = notices.notices_sweep()
    assert (result.closed, round.__class__.objects.get(pk=round.pk).status) == (1, RoundStatus.CLOSED)
    assert recipients(mailoutbox, NoticeKind.ROUND_CLOSED) == emails_of([p.leader_a, co_leader])
    body = recipients_bodies(mailoutbox, NoticeKind.ROUND_CLOSED)[0]
    assert "2 of the 4 people asked submitted" in body
    assert reverse("reviews:round_results", args=[round.pk]) in body
    notices.notices_sweep()
    assert len(recipients(mailoutbox, NoticeKind.ROUND_CLOSED)) == 2


def test_a_round_closed_long_ago_gets_no_summary(world, framework, mailoutbox):
    round = open_round(world, framework, opened_days_ago=30, closes_in=-10)
    ReviewRound.objects.filter(pk=round.pk).update(
        status=RoundStatus.CLOSED, closed_at=timezone.now() - timedelta(days=9)
    )
    notices.notices_plan(now=timezone.now())
    assert not Notice.objects.filter(kind=NoticeKind.ROUND_CLOSED).exists()


def test_leaders_are_told_once_when_the_next_review_is_due(world, framework, mailoutbox):
    p = world.people
    network = world.network_a
    network.review_cadence = "term"
    network.save()
    round = open_round(world, framework, opened_days_ago=100, closes_in=-80)
    ReviewRound.objects.filter(pk=round.pk).update(
        status=RoundStatus.CLOSED, closed_at=timezone.now() - timedelta(days=79)
    )
    due_on = round.opens_on + timedelta(days=91)

    run(timezone.now())
    assert recipients(mailoutbox, f"review_due:{due_on.isoformat()}") == [p.leader_a.email]
    body = recipients_bodies(mailoutbox, f"review_due:{due_on.isoformat()}")[0]
    assert "reviews itself every term" in body
    assert reverse("reviews:round_create", args=[network.slug]) in body
    notice = Notice.objects.get(kind__startswith="review_due")
    assert (notice.round, notice.network) == (None, network)
    run(timezone.now())
    assert len(mailoutbox) == 1


def test_no_review_is_due_before_its_time_or_once_the_next_is_planned(world, framework, mailoutbox):
    network = world.network_a
    network.review_cadence = "term"
    network.save()
    open_round(world, framework, opened_days_ago=60, closes_in=-40)
    notices.notices_plan(now=timezone.now())
    assert not Notice.objects.filter(kind__startswith="review_due").exists()

    network.review_cadence = "year"
    network.save()
    ReviewRound.objects.update(opens_on=timezone.localdate() - timedelta(days=400))
    ReviewRound.objects.create(
        network=network,
        framework=framework,
        opens_on=timezone.localdate() + timedelta(days=7),
        closes_on=timezone.localdate() + timedelta(days=30),
    )  # a draft waiting: the leader has planned the next one
    notices.notices_plan(now=timezone.now())
    assert not Notice.objects.filter(kind__startswith="review_due").exists()


# Every email: the preferences link --------------------------------------------------------------


@pytest.fixture
def every_kind_of_email(world, framework, mailoutbox):
    """One email of each kind: to network A's leader, and to network B's people."""
    world.network_a.review_cadence = "term"
    world.network_a.save()
    old = open_round(world, framework, opened_days_ago=120, closes_in=-1)  # closes now: summary, review due
    open_round(world, framework, opened_days_ago=10, closes_in=5, network=world.network_b)  # opening, reminder
    notices.notices_sweep()
    old.refresh_from_db()
    assert old.status == RoundStatus.CLOSED
    kinds = {notices.base_kind(m.extra_headers["X-PLC-Notice-Kind"]) for m in mailoutbox}
    assert kinds == set(NoticeKind.values)
    return mailoutbox


def test_every_email_has_a_link_to_its_recipients_preferences(every_kind_of_email, world):
    for message in every_kind_of_email:
        links = PREFERENCES_LINK.findall(message.body)
        assert len(links) == 1, message.body
        url, token = links[0]
        assert user_from_preferences_token(token).email == message.to[0]
        assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
        assert int(message.extra_headers["X-PLC-Notice"]) in Notice.objects.values_list("pk", flat=True)


def test_the_link_works_signed_out_and_saves(every_kind_of_email, world, client):
    teacher = world.people.teacher_b
    message = next(m for m in every_kind_of_email if m.to == [teacher.email])
    url, _ = PREFERENCES_LINK.findall(message.body)[0]
    path = url.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200
    assert teacher.email in page.text
    assert 'type="submit"' in page.text
    assert "Self-review reminders" in page.text

    response = client.post("/" + path, {"review_invitations": "on", "leader_summaries": "on"}, follow=True)
    assert response.redirect_chain == [("/" + path, 302)]
    assert "Your email preferences are saved." in response.text
    preference = EmailPreference.objects.get(user=teacher)
    assert (preference.review_invitations, preference.review_reminders, preference.leader_summaries) == (
        True,
        False,
        True,
    )
    response = client.post("/" + path, {})
    assert response.status_code == 302
    assert EmailPreference.objects.filter(user=teacher, review_invitations=False, leader_summaries=False).count() == 1


@pytest.mark.parametrize("token", ["forged", "MQ:1tAbCd:not-the-signature", "e30:1tAbCd:xyz"])
def test_a_forged_link_is_a_clear_404(client, db, token):
    response = client.get(reverse("networks:email_preferences_by_link", args=[token]))
    assert response.status_code == 404
    assert "This link is not valid" in response.text
    assert client.post(reverse("networks:email_preferences_by_link", args=[token]), {}).status_code == 404


def test_a_link_signed_for_something_else_is_refused(world, client):
    from django.core import signing

    token = signing.dumps(world.people.teacher_a.pk, salt="networks.invitation")
    assert client.get(reverse("networks:email_preferences_by_link", args=[token])).status_code == 404


def test_signed_in_people_set_their_preferences(world, client):
    url = reverse("networks:email_preferences")
    assert client.get(url).status_code == 302  # signed out: to the sign-in page
    client.force_login(world.people.leader_a)
    page = client.get(url)
    assert page.status_code == 200
    assert "Email preferences" in page.text
    assert client.post(url, {"review_invitations": "on"}).status_code == 302
    preference = EmailPreference.objects.get(user=world.people.leader_a)
    assert (preference.review_invitations, preference.review_reminders, preference.leader_summaries) == (
        True,
        False,
        False,
    )
    assert client.put(url).status_code == 405


# Failures, the task and the command -------------------------------------------------------------


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_failed_send_leaves_the_notice_due_for_the_next_sweep(world, framework, settings, mailoutbox):
    open_round(world, framework)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    now = timezone.now()
    notices.notices_plan(now=now)
    assert notices.notices_send_due(now=now, limit=None) == 0
    assert Notice.objects.due(now).count() == 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notices.notices_send_due(now=now, limit=None) == 3
    assert len(mail.outbox) == 3


def test_send_due_respects_its_limit_and_the_batch_task_sends_the_rest(world, framework, mailoutbox):
    from reviews.tasks import send_notices_batch

    open_round(world, framework)
    now = timezone.now()
    notices.notices_plan(now=now)
    assert notices.notices_send_due(now=now, limit=2, batch=5) == 2
    assert len(mailoutbox) == 2
    send_notices_batch.delay()
    assert len(mailoutbox) == 3


def test_the_command_runs_the_sweep_without_celery(world, framework, mailoutbox):
    today = timezone.localdate()
    ReviewRound.objects.create(
        network=world.network_a, framework=framework, opens_on=today, closes_on=today + timedelta(days=10)
    )
    out = StringIO()
    call_command("send_due_notices", stdout=out)
    assert "Rounds opened: 1." in out.getvalue()
    assert "Notices planned: 3. Notices sent: 3" in out.getvalue()
    assert len(recipients(mailoutbox, NoticeKind.ROUND_OPENED)) == 3
    out = StringIO()
    call_command("send_due_notices", stdout=out)
    assert "Rounds opened: 0. Rounds closed: 0. Notices planned: 0. Notices sent: 0" in out.getvalue()


def test_a_welsh_reader_is_reminded_in_welsh_and_everyone_else_in_english(world, framework, mailoutbox):
    """Issue 16: each email in its recipient's language, both sent by the same sweep."""
    p = world.people
    p.leader_a.language = "cy"
    p.leader_a.save(update_fields=["language"])
    round = open_round(world, framework, closes_in=14)
    run(timezone.now())
    mailoutbox.clear()
    run(round.closes_at - timedelta(days=7) + timedelta(minutes=5))
    by_recipient = {m.to[0]: m for m in mailoutbox}
    welsh, english = by_recipient[p.leader_a.email], by_recipient[p.school_lead.email]
    assert welsh.subject.startswith("Nodyn atgoffa: 7 diwrnod ar ôl")
    assert "7 diwrnod ar ôl, gan gyfrif heddiw" in welsh.body
    assert "7 days left, counting today" in english.body
