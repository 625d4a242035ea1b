"""The knowledge-exchange digest: to those who opted in, once per consortium and period, with the
newly shared practice and completed engagements, and the preferences link."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from brokerage import digest_services, services
from brokerage.matching import Candidate
from brokerage.models import BrokerageSettings, DigestDelivery, DigestRun, DigestSubscription, EvidenceStrength

from .helpers import entry, raise_request, specialist

MONDAY = date(2026, 3, 9)  # the week of 2 March has just ended


def at(day: date, hour=10):
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def news(desk):
    """Two entries shared in the week of 2 March, one the week before; teacher A and the leader opted in."""
    entry(desk.school_2, desk.literacy, EvidenceStrength.DATA, title="Oral rehearsal", shared_at=at(date(2026, 3, 3)))
    entry(desk.school_3, desk.numeracy, EvidenceStrength.ANECDOTE, title="Number talks", shared_at=at(date(2026, 3, 6)))
    entry(desk.school_3, desk.numeracy, title="Last week's", shared_at=at(date(2026, 2, 26)))
    for person in (desk.people.teacher_a, desk.people.leader_a):
        DigestSubscription.objects.create(user=person, consortium=desk.consortium)
    return desk


def test_the_digest_goes_once_to_each_person_who_opted_in(news, mailoutbox, settings):
    settings.SITE_URL = "https://plc.example.org"
    planned, sent = digest_services.digests_sweep(today=MONDAY)
    assert (planned, sent) == (1, 2)
    assert sorted(m.to[0] for m in mailoutbox) == ["leader.a@example.org", "teacher.a@example.org"]
    message = next(m for m in mailoutbox if m.to == ["teacher.a@example.org"])
    assert message.subject == "Central South Consortium: new practice and completed engagements, 2–8 March"
    assert "Maes y Coed Primary, Literacy: Oral rehearsal (evidence: data)" in message.body
    assert "Number talks" in message.body
    assert "Last week's" not in message.body
    assert "https://plc.example.org/emails/" in message.body  # the platform's email preferences
    assert "https://plc.example.org/brokerage/digest/" in message.body  # this digest's own choices
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://plc.example.org/brokerage/digest/")
    # Run again, and again by the command: nobody gets it twice.
    assert digest_services.digests_sweep(today=MONDAY) == (1, 0)
    call_command("send_brokerage_digest", date=MONDAY.isoformat(), stdout=StringIO())
    assert len(mailoutbox) == 2
    assert DigestRun.objects.filter(consortium=news.consortium).count() == 1


def test_completed_engagements_are_in_the_digest(news, mailoutbox):
    sam = specialist(news.consortium, "Sam Specialist", [news.literacy])
    support = raise_request(news, preferred_from=None, preferred_to=None)
    proposal = services.proposal_create(
        request=support, by=news.people.consortium_staff, candidates=[Candidate("specialist", sam, 50, {})]
    )[0]
    engagement = services.proposal_accept(proposal=proposal, by=news.people.school_lead)
    engagement.status, engagement.completed_at = "completed", at(date(2026, 3, 5))
    engagement.save()
    digest_services.digests_sweep(today=MONDAY)
    assert "Sam Specialist with Ysgol Gynradd Llanwern, in Literacy" in mailoutbox[0].body


def test_nobody_opted_in_or_nothing_new_sends_nothing(desk, mailoutbox):
    entry(desk.school_2, desk.literacy, shared_at=at(date(2026, 3, 3)))
    assert digest_services.digests_sweep(today=MONDAY) == (1, 0)  # news, but nobody asked for it
    DigestSubscription.objects.create(user=desk.people.teacher_a, consortium=desk.consortium)
    assert digest_services.digests_sweep(today=MONDAY + timedelta(days=7)) == (0, 0)  # nothing new that week
    assert mailoutbox == []


def test_someone_who_opts_out_before_the_send_is_skipped(news, mailoutbox):
    run = digest_services.digest_plan(consortium=news.consortium, today=MONDAY)
    assert run.deliveries.count() == 2
    DigestSubscription.objects.filter(user=news.people.leader_a).delete()
    assert digest_services.digest_send_due() == 2
    assert [m.to for m in mailoutbox] == [["teacher.a@example.org"]]
    assert DigestDelivery.objects.get(user=news.people.leader_a).skipped


def test_a_consortium_can_send_monthly_or_not_at_all(news, mailoutbox):
    BrokerageSettings.objects.create(consortium=news.consortium, digest_frequency="off")
    assert digest_services.digests_sweep(today=MONDAY) == (0, 0)
    BrokerageSettings.objects.filter(consortium=news.consortium).update(digest_frequency="monthly")
    assert digest_services.digests_sweep(today=date(2026, 4, 1)) == (1, 2)
    assert "1–31 March" in mailoutbox[0].subject


def test_people_who_left_the_consortium_get_nothing(news, mailoutbox):
    news.people.teacher_a.memberships.all().delete()
    digest_services.digests_sweep(today=MONDAY)
    assert [m.to for m in mailoutbox] == [["leader.a@example.org"]]


def test_the_link_in_the_email_opens_the_choices_signed_out(news, client):
    token = digest_services.digest_token(news.people.teacher_a)
    response = client.get(f"/brokerage/digest/{token}/")
    assert response.status_code == 200
    client.post(f"/brokerage/digest/{token}/", {})
    assert not DigestSubscription.objects.filter(user=news.people.teacher_a).exists()


def test_periods():
    assert digest_services.period_just_ended("weekly", date(2026, 3, 11)) == (date(2026, 3, 2), date(2026, 3, 9))
    assert digest_services.period_just_ended("monthly", date(2026, 3, 11)) == (date(2026, 2, 1), date(2026, 3, 1))
    start, end = digest_services.period_just_ended("fortnightly", date(2026, 3, 11))
    assert (end - start).days == 14
    assert end.isocalendar().week % 2 == 0


def test_the_celery_task_runs_the_same_sweep(news, mailoutbox, monkeypatch):
    from brokerage import tasks

    run_today = digest_services.digests_sweep
    monkeypatch.setattr(digest_services, "digests_sweep", lambda: run_today(today=MONDAY))
    tasks.send_digests.delay()
    assert len(mailoutbox) == 2
    assert tasks.send_digest_batch.delay(limit=10).get() == 0  # nothing left owed
