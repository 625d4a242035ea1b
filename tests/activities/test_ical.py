"""A person's calendar feed: a secret, revocable address; RFC 5545 text, escaped and folded."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from activities import ical, services
from activities.models import CalendarFeed

from .helpers import plan

pytestmark = pytest.mark.django_db


def unfold(text):
    return text.replace("\r\n ", "")


def test_the_feed_lists_only_the_persons_activities_not_cancelled_without_signing_in(world, client):
    mine = plan(world, title="Visit; with commas, and \\ backslash", location="Hall 1\nupstairs")
    services.participants_add(activity=mine, users=[world.people.teacher_a], role="visitor")
    cancelled = plan(world, title="Cancelled visit")
    services.participants_add(activity=cancelled, users=[world.people.teacher_a], role="visitor")
    services.activity_cancel(activity=cancelled)
    plan(world, title="Not mine")
    feed = services.calendar_feed_renew(user=world.people.teacher_a)

    response = client.get(reverse("activities:calendar_feed", args=[feed.token]))  # signed out
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    assert all(line.endswith("\r") or not line for line in text.split("\n")[:-1])
    body = unfold(text)
    assert body.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Visit\\; with commas\\, and \\\\ backslash\r\n" in body
    assert "LOCATION:Maes y Coed Primary\\, Hall 1\\nupstairs\r\n" in body
    assert f"UID:activity-{mine.pk}@plc.example.org" in body
    assert f"DTSTART:{mine.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}" in body
    assert "Not mine" not in body
    assert "Cancelled visit" not in body


def test_a_new_address_stops_the_old_one(world, client):
    old = services.calendar_feed_renew(user=world.people.teacher_a).token
    client.force_login(world.people.teacher_a)
    response = client.post(reverse("activities:calendar_settings"))
    assert response.status_code == 302
    new = CalendarFeed.objects.get(user=world.people.teacher_a).token
    assert new != old
    assert len(new) >= 40
    client.logout()
    assert client.get(reverse("activities:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("activities:calendar_feed", args=[new])).status_code == 200


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "Ymweliad dysgu â Ysgol Gynradd Llanwern ac ysgolion eraill y rhwydwaith " * 3
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert unfold(folded) == line


def test_the_calendar_text_has_a_stamp_and_sequence():
    now = datetime(2031, 1, 2, 3, 4, 5, tzinfo=UTC)
    text = ical.calendar([], name="Mine", now=now)
    assert "X-WR-CALNAME:Mine\r\n" in text
    assert "VEVENT" not in text
    assert ical.utc(now + timedelta(hours=1)) == "20310102T040405Z"
