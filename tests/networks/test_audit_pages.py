"""The consortium's audit trail page: its staff see their consortium's events only, filtered and a
page at a time, or as a CSV (itself recorded); the page costs the same queries with 5 and 50 events."""

import csv
import io
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from networks import services
from networks.models import AuditAction, AuditEvent
from tests.test_query_counts import queries_for

pytestmark = pytest.mark.django_db


def url(world, **query):
    return reverse("networks:audit_trail", args=[world.consortium.slug]) + (f"?{urlencode(query)}" if query else "")


def record(world, n, *, action=AuditAction.SHARING_CHANGED, actor=None, consortium=None, days_ago=0, **kwargs):
    event = None
    for _ in range(n):
        [event] = services.audit_record(
            actor=actor or world.people.teacher_a,
            action=action,
            consortium=consortium or world.consortium,
            target=world.network_a,
            detail={"from": "private", "to": "network"},
            **kwargs,
        )
    if days_ago:
        # Backdated as the trail's writer would have dated it: a new row, written once.
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    action=action,
                    actor=actor or world.people.teacher_a,
                    consortium=consortium or world.consortium,
                    created_at=timezone.now() - timedelta(days=days_ago),
                )
            ]
        )
    return event


def listed(response):
    return [row[2] for row in response.context["rows"]]


def test_staff_see_their_consortiums_events_and_never_anothers(world, client):
    client.force_login(world.people.consortium_staff)  # a sign-in: the trail's first entry
    record(world, 2)
    record(world, 3, action=AuditAction.COST_APPROVED, consortium=world.other_consortium)
    response = client.get(url(world))
    assert response.status_code == 200
    assert listed(response) == ["Enquiry sharing changed", "Enquiry sharing changed", "Signed in"]
    assert "Teacher A" in response.content.decode()
    client.force_login(world.people.leader_a)
    assert client.get(url(world)).status_code == 404


def test_the_filters_select_by_action_person_and_dates(world, client):
    client.force_login(world.people.consortium_staff)
    record(world, 1, action=AuditAction.DATA_EXPORTED)
    record(world, 1, action=AuditAction.BOOKING_MADE, actor=world.people.consortium_staff)
    record(world, 0, action=AuditAction.BOOKING_CANCELLED, days_ago=10)

    assert listed(client.get(url(world, action="data_exported"))) == ["Copy of personal data asked for"]
    assert listed(client.get(url(world, actor="OFFICER@example.org"))) == ["Booked", "Signed in"]
    assert listed(client.get(url(world, actor="nobody@example.org"))) == []
    ten_days_ago = (timezone.localdate() - timedelta(days=10)).isoformat()
    assert listed(client.get(url(world, since=ten_days_ago, until=ten_days_ago))) == ["Booking cancelled"]
    assert len(listed(client.get(url(world, since=timezone.localdate().isoformat())))) == 3
    wrong_way = client.get(url(world, since="2026-03-02", until="2026-03-01"))
    assert "The end date is before the start date." in wrong_way.content.decode()


def test_an_erased_persons_entries_read_a_former_member(world, client):
    record(world, 1, action=AuditAction.ROLE_CHANGED, actor=world.people.leader_a, subject=world.people.teacher_b)
    world.people.teacher_b.delete()
    world.people.leader_a.delete()
    client.force_login(world.people.consortium_staff)
    [row] = client.get(url(world, action="role_changed")).context["rows"]
    assert (row[1], row[3]) == ("a former member", "a former member")


def test_the_trail_is_paged(world, client):
    record(world, 30)
    client.force_login(world.people.consortium_staff)
    first = client.get(url(world))
    assert len(first.context["rows"]) == 25
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(url(world, action="sharing_changed", page=2))
    assert len(second.context["rows"]) == 5
    assert "action=sharing_changed" in second.content.decode()  # the pager keeps the filter


def test_the_csv_holds_the_filtered_events_safely_and_its_download_is_recorded(world, client):
    world.people.teacher_a.full_name = "=HYPERLINK(1)"
    world.people.teacher_a.save()
    record(world, 3)
    record(world, 2, action=AuditAction.SIGN_IN, actor=world.people.consortium_staff)
    record(world, 1, consortium=world.other_consortium)
    client.force_login(world.people.consortium_staff)
    response = client.get(reverse("networks:audit_trail_csv", args=[world.consortium.slug]) + "?action=sharing_changed")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="audit-trail-central-south.csv"'
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["When", "Who", "What", "About whom", "Details", "Event number"]
    assert len(rows) == 4
    assert {row[1] for row in rows[1:]} == {"'=HYPERLINK(1)"}
    assert {row[4] for row in rows[1:]} == {"Network " + str(world.network_a.pk) + ": from private to network"}
    [download] = AuditEvent.objects.filter(action=AuditAction.TRAIL_DOWNLOADED)
    assert (download.actor, download.consortium) == (world.people.consortium_staff, world.consortium)
    assert download.detail == {"rows": 3, "filters": "Enquiry sharing changed"}


def test_the_page_costs_the_same_queries_with_5_and_50_events(world, client):
    client.force_login(world.people.consortium_staff)
    kinds = [AuditAction.SHARING_CHANGED, AuditAction.ROLE_CHANGED, AuditAction.COST_APPROVED]
    for action in kinds:
        record(world, 1, action=action, subject=world.people.teacher_b)
    record(world, 2, action=AuditAction.SIGN_IN_FAILED, subject=world.people.teacher_a)
    with_5 = queries_for(client, url(world))
    for i in range(45):
        record(world, 1, action=kinds[i % 3], actor=[world.people.leader_a, world.people.school_lead][i % 2])
    assert AuditEvent.objects.filter(consortium=world.consortium).count() >= 50
    assert queries_for(client, url(world)) == with_5 == 6


def test_the_page_writes_when_in_the_platforms_date_format_and_the_csv_in_iso(world, client):
    client.force_login(world.people.consortium_staff)
    event = record(world, 1)
    when = timezone.localtime(event.created_at)
    page = client.get(url(world)).content.decode()
    assert f"{when.day} {when:%b %Y, %H:%M}" in page
    assert f"{when:%Y-%m-%d %H:%M}" not in page
    csv_text = b"".join(client.get(reverse("networks:audit_trail_csv", args=[world.consortium.slug]))).decode()
    assert f"{when:%Y-%m-%d %H:%M}" in csv_text
