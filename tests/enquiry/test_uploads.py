"""Evidence files: type from content, size-limited, stored privately, served only to readers."""

import os

import pytest
from django.urls import reverse

from enquiry.models import Evidence, Sharing
from enquiry.uploads import UploadRefused, check_upload

from .helpers import DOCX_MAIN, attach_file, make_enquiry, office_bytes, pdf_bytes, png_bytes, upload

SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", pdf_bytes(), "application/pdf"),
        ("frame.png", png_bytes(), "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64, "image/jpeg"),
        ("anim.gif", b"GIF89a" + b"\x00" * 64, "image/gif"),
        ("pic.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 64, "image/webp"),
        (
            "plan.docx",
            office_bytes(DOCX_MAIN, "word"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "marks.xlsx",
            office_bytes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("marks.csv", b"pupil,score\nAled,12\nCerys,15\n", "text/csv"),
        ("notes.txt", "Observed: boys rehearse orally. Ysgol Gymraeg — “good”.".encode(), "text/plain"),
    ],
)
def test_allowed_types_are_recognised_from_their_content(name, content, content_type):
    assert check_upload(upload(name, content)).content_type == content_type


def test_a_png_named_pdf_is_a_png():
    assert check_upload(upload("frame.pdf", png_bytes())).content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.pdf", b"", "is empty"),
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "is a program"),
        ("tool.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "is a program"),
        ("run.pdf", b"#!/bin/sh\nrm -rf /\n", "is a program"),
        ("drawing.svg", SVG_WITH_SCRIPT, "SVG drawing"),
        ("drawing.png", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG drawing"),
        ("page.pdf", b"<!DOCTYPE html><html><body>hi</body></html>", "web page"),
        ("data.csv", b"a,b\n<script>alert(1)</script>\n", "script"),
        ("archive.docx", office_bytes("application/zip", "other"), "zip archive"),
        (
            "macros.docx",
            office_bytes("application/vnd.ms-word.document.macroEnabled.main+xml", "word"),
            "macros",
        ),
        ("binary.csv", b"\x00\x01\x02\x03binary", "not a type of file"),
        ("latin1.csv", "caf\xe9".encode("latin-1"), "not a type of file"),
    ],
)
def test_refused_with_a_clear_message(name, content, message):
    with pytest.raises(UploadRefused, match=message):
        check_upload(upload(name, content))


def test_over_the_size_limit_is_refused(settings):
    settings.ENQUIRY_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(UploadRefused, match=r"is 0\.0 MB; the largest file you can attach is 0\.0 MB"):
        check_upload(upload("big.pdf", pdf_bytes() + b"\x00" * 1000))


def test_default_limit_is_ten_megabytes():
    big = upload("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(UploadRefused, match="10.0 MB"):
        check_upload(big)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ" + b"\x00" * 100, "is a program, not a document"),
        ("drawing.svg", SVG_WITH_SCRIPT, "SVG drawing, which can carry script"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_the_form_shows_why_and_keeps_nothing(world, client, settings, name, content, message):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:evidence_add", args=[enquiry.pk, "file"])
    response = client.post(url, {"stage": "investigate", "upload": upload(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Evidence.objects.exists()
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, "private", "evidence")) or not os.listdir(
        os.path.join(settings.MEDIA_ROOT, "private", "evidence")
    )


def test_oversized_through_the_form(world, client, settings):
    settings.ENQUIRY_MAX_UPLOAD_BYTES = 2000
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:evidence_add", args=[enquiry.pk, "file"])
    response = client.post(url, {"stage": "plan", "upload": upload("scan.pdf", pdf_bytes() + b"0" * 5000)})
    assert "the largest file you can attach is" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_file_is_stored_privately_under_a_random_name(world, client, settings):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    client.force_login(world.people.teacher_a)
    url = reverse("enquiry:evidence_add", args=[enquiry.pk, "file"])
    response = client.post(
        url, {"stage": "implement", "title": "Writing frame", "upload": upload("../../etc/frame.pdf", png_bytes())}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.file_name == "frame.png"  # what it is, not what it was called
    assert evidence.content_type == "image/png"
    assert evidence.stage == "implement"
    path = evidence.file.path
    assert path.startswith(os.path.join(settings.MEDIA_ROOT, "private") + os.sep)
    assert "frame" not in os.path.basename(path)
    assert len(os.path.basename(path)) == 32
    assert evidence.token != str(evidence.pk)
    assert len(evidence.token) >= 32
    with pytest.raises(ValueError, match="no public URL"):
        evidence.file.url  # noqa: B018


def test_downloads_are_checked_every_time(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.NETWORK)
    evidence = attach_file(enquiry, world.people.teacher_a, name="plan.pdf", content=pdf_bytes())
    url = reverse("enquiry:evidence_file", args=[evidence.token])
    client.force_login(world.people.leader_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == pdf_bytes()
    # Taken back to private: the same link no longer works for the leader.
    enquiry.sharing = Sharing.PRIVATE
    enquiry.shared_at = None
    enquiry.save()
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # signed out: sign in first


def test_images_are_shown_inline(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.PUBLIC)
    evidence = attach_file(enquiry, world.people.teacher_a)
    response = client.get(reverse("enquiry:evidence_file", args=[evidence.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")


def test_deleting_evidence_and_enquiry_removes_files(world, client, django_capture_on_commit_callbacks):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    first = attach_file(enquiry, world.people.teacher_a)
    second = attach_file(enquiry, world.people.teacher_a)
    paths = [first.file.path, second.file.path]
    assert all(os.path.exists(p) for p in paths)
    client.force_login(world.people.teacher_a)
    delete_url = reverse("enquiry:evidence_delete", args=[enquiry.pk, first.pk])
    assert "cannot be undone" in client.get(delete_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete_url).status_code == 302
    assert not os.path.exists(paths[0])
    assert os.path.exists(paths[1])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("enquiry:enquiry_delete", args=[enquiry.pk])).status_code == 302
    assert not os.path.exists(paths[1])


def test_opendocument_text_is_recognised():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert (
        check_upload(upload("notes.odt", buffer.getvalue())).content_type == "application/vnd.oasis.opendocument.text"
    )
