"""Copies of personal data asked for and downloaded are in the audit trail of each consortium the
person belongs to."""

import pytest
from django.urls import reverse

from networks.models import AuditAction, AuditEvent, DataExport

pytestmark = pytest.mark.django_db


def test_asking_for_a_copy_and_downloading_it_are_recorded(
    world, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    teacher = world.people.teacher_a
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:export_request"))
    client.post(reverse("privacy:export_request"))  # ready already: a new copy, asked for again
    export = DataExport.objects.filter(user=teacher).last()
    assert export.status == DataExport.Status.READY
    response = client.get(reverse("privacy:export_download", args=[export.pk]))
    assert response.status_code == 200
    b"".join(response.streaming_content)

    asked = list(AuditEvent.objects.filter(action=AuditAction.DATA_EXPORTED).order_by("pk"))
    assert len(asked) == 2
    assert {(e.actor, e.consortium) for e in asked} == {(teacher, world.consortium)}
    [downloaded] = AuditEvent.objects.filter(action=AuditAction.DATA_DOWNLOADED)
    assert (downloaded.actor, downloaded.consortium, downloaded.target_id) == (teacher, world.consortium, export.pk)
    assert downloaded.detail == {"bytes": export.size}


def test_someone_elses_copy_is_not_downloaded_nor_recorded(
    world, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(world.people.teacher_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:export_request"))
    export = DataExport.objects.get(user=world.people.teacher_a)
    client.force_login(world.people.teacher_b)
    assert client.get(reverse("privacy:export_download", args=[export.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.DATA_DOWNLOADED).exists()
