"""Download my data (UK GDPR articles 15 and 20, journey 10): the copy is built in the background,
holds every section as JSON and CSV with a readable page, the person's files and a manifest of
checksums, keeps secrets out, and is theirs alone to download."""

import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse

from enquiry.models import Comment, Enquiry, Evidence
from networks.models import DataExport, OutboxTask, User
from plc_platform.privacy import KEPT_SECRET, PERSONAL_RELATIONS, data_export_build, export_progress

from .demo import demo_email, seeded_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def media(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from seeded_demo(django_db_blocker, tmp_path_factory)


def download(client, export) -> zipfile.ZipFile:
    response = client.get(reverse("privacy:export_download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_teachers_copy_holds_all_their_work_with_a_manifest(client, media, django_capture_on_commit_callbacks):
    teacher = User.objects.get(email=demo_email("teacher"))
    colleagues = Enquiry.objects.exclude(owner=teacher).first()
    Comment.objects.create(enquiry=colleagues, author=teacher, text="We tried talk partners in Year 5 too.")
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:export_request"))
    assert response.status_code == 302
    export = DataExport.objects.get(user=teacher)
    assert export.status == DataExport.Status.READY
    assert export.size > 0
    assert OutboxTask.objects.filter(task="plc_platform.tasks.build_data_export", args=[export.pk]).exists()

    archive = download(client, export)
    manifest = json.loads(archive.read("manifest.json"))
    data = json.loads(archive.read("data.json"))
    # Every section is there, as JSON and CSV; the manifest's checksums are the files'.
    keys = {"networks.user"} | {f"{label.lower()}.{field}" for label, field, _ in PERSONAL_RELATIONS}
    assert set(data) == keys == {section["key"] for section in manifest["sections"]}
    for entry in manifest["files"]:
        content = archive.read(entry["path"])
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]
        assert len(content) == entry["bytes"]
    assert {f"csv/{key}.csv" for key in keys} <= set(archive.namelist())
    # Their enquiries, comments, self-review answers and evidence files.
    owned = Enquiry.objects.filter(owner=teacher)
    assert {row["id"] for row in data["enquiry.enquiry.owner"]} == set(owned.values_list("pk", flat=True))
    assert len(data["enquiry.comment.author"]) == Comment.objects.filter(author=teacher).count() > 0
    responses = data["reviews.reviewresponse.user"]
    assert responses
    assert all("answers" in row for row in responses)
    files = Evidence.objects.filter(enquiry__owner=teacher).exclude(file="")
    assert files.exists()
    for item in files:
        attached = f"files/evidence/{item.pk}-{item.file_name}"
        assert archive.read(attached) == item.file.open("rb").read()
    # The readable page and the spreadsheets.
    page = archive.read("index.html").decode()
    assert teacher.full_name in page
    assert "Your enquiries" in page
    assert archive.read("csv/enquiry.enquiry.owner.csv").decode("utf-8-sig").startswith("id,")
    assert data["networks.user"][0]["password"] == KEPT_SECRET


def test_secrets_stay_out_of_the_copy(client, media, django_capture_on_commit_callbacks):
    person = User.objects.get(email=demo_email("leader"))
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:export_request"))
    archive = download(client, DataExport.objects.get(user=person))
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert person.password.encode() not in everything


def test_someone_elses_copy_is_not_found(client, media, django_capture_on_commit_callbacks):
    owner = User.objects.get(email=demo_email("head"))
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:export_request"))
    export = DataExport.objects.get(user=owner)
    client.force_login(User.objects.get(email=demo_email("colead")))
    assert client.get(reverse("privacy:export_download", args=[export.pk])).status_code == 404
    assert client.get(reverse("privacy:export_status", args=[export.pk])).status_code == 404


def test_progress_is_shown_while_the_copy_is_prepared(client, media):
    person = User.objects.get(email=demo_email("bay-leader"))
    client.force_login(person)
    client.post(reverse("privacy:export_request"))  # the commit never comes: the task waits
    export = DataExport.objects.get(user=person)
    assert export.status == DataExport.Status.WAITING
    assert export_progress(export) == 0
    page = client.get(reverse("privacy:data")).content.decode()
    assert "being prepared" in page
    assert "<progress" in page
    assert "every 2s" in page
    # Asking again while one is prepared does not start another.
    client.post(reverse("privacy:export_request"))
    assert DataExport.objects.filter(user=person).count() == 1
    data_export_build(export_id=export.pk)
    row = client.get(reverse("privacy:export_status", args=[export.pk])).content.decode()
    assert "Download the ZIP" in row
    assert "every 2s" not in row
