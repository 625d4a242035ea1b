"""The networks app's own words in Welsh (issue 16): form labels and errors, messages, the audit
trail's CSV and descriptions come from Python, and follow the reader's language as the templates do.
Each through the page itself, signed in as someone whose saved language is Welsh."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from networks import services
from networks.models import AuditAction, User

pytestmark = pytest.mark.django_db


def in_welsh(client, person):
    User.objects.filter(pk=person.pk).update(language="cy")
    client.force_login(person)


def test_a_form_error_from_python_is_in_welsh(world, client):
    in_welsh(client, world.people.consortium_staff)
    url = reverse("networks:network_create", args=[world.consortium.slug])
    response = client.post(url, {"name": world.network_a.name.upper(), "purpose": "", "focus": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Mae gan {world.consortium.name} rwydwaith o’r enw {world.network_a.name} eisoes." in page
    assert "already has a network" not in page


def test_the_email_preferences_labels_are_in_welsh(world, client):
    in_welsh(client, world.people.teacher_a)
    page = client.get(reverse("networks:email_preferences")).content.decode()
    assert "Cylchoedd hunanadolygu’n agor" in page
    assert "Pan fydd cylch hunanadolygu’n agor i chi." in page
    assert "Self-review openings" not in page


def audited(world, action, detail):
    """An entry of the consortium's audit trail: teacher A did `action` to network A."""
    services.audit_record(
        actor=world.people.teacher_a, action=action, consortium=world.consortium, target=world.network_a, detail=detail
    )


def test_the_audit_trail_csv_header_and_filter_labels_are_in_welsh(world, client):
    audited(world, AuditAction.SHARING_CHANGED, {"from": "private", "to": "network"})
    in_welsh(client, world.people.consortium_staff)
    page = client.get(reverse("networks:audit_trail", args=[world.consortium.slug])).content.decode()
    assert "Pwy (eu cyfeiriad e-bost)" in page
    assert "Rhannu ymholiad wedi newid" in page
    response = client.get(reverse("networks:audit_trail_csv", args=[world.consortium.slug]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))
    assert rows[0] == ["Pryd", "Pwy", "Beth", "Am bwy", "Manylion", "Rhif y digwyddiad"]
    assert {"Lawrlwythwyd y llwybr archwilio", "Rhannu ymholiad wedi newid"} <= {row[2] for row in rows[1:]}


def test_a_message_after_an_action_is_in_welsh(world, client):
    in_welsh(client, world.people.consortium_staff)
    url = reverse("networks:practice_area_list", args=[world.consortium.slug])
    page = client.post(url, {"name": "Llafaredd"}, follow=True).content.decode()
    assert "Mae “Llafaredd” wedi’i ychwanegu." in page
    assert "is added" not in page


def test_an_import_refusal_is_in_welsh(world, client):
    in_welsh(client, world.people.consortium_staff)
    url = reverse("networks:school_import_upload", args=[world.consortium.slug])
    upload = SimpleUploadedFile("ysgolion.csv", b"URN\n1\n", content_type="text/csv")
    page = client.post(url, {"file": upload}).content.decode()
    assert "Dim ond un golofn sydd yn y ffeil." in page
    assert "only one column" not in page


def booking(world, dates):
    audited(world, AuditAction.BOOKING_MADE, {"dates": dates, "cost": "450.00"})


def test_the_audit_trails_months_follow_the_language(world, client):
    booking(world, ["2026-12-06", "2027-01-07"])
    client.force_login(world.people.consortium_staff)
    url = reverse("networks:audit_trail", args=[world.consortium.slug])
    assert "6 Dec 2026, 7 Jan 2027, £450.00" in client.get(url).content.decode()
    in_welsh(client, world.people.consortium_staff)
    page = client.get(url).content.decode()
    assert "6 Rhag 2026, 7 Ion 2027, £450.00" in page
    assert "Dec 2026" not in page
