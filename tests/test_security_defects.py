"""Defects found from outside (issue 17): each test failed before its fix."""

import io
import os
import zipfile

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core import mail
from django.db import OperationalError
from django.test import Client
from django.urls import path, reverse

from enquiry.models import Enquiry, Sharing
from enquiry.uploads import UploadRefused, check_upload
from networks.importer import schools_import
from networks.models import Invitation, Network
from plc_platform import urls as platform_urls

from .enquiry.helpers import DOCX_MAIN, attach_file, make_enquiry, upload

# 4. Line breaks in names ----------------------------------------------------------------------


def test_a_network_name_with_a_line_break_is_one_line_and_the_invite_is_sent(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world.people.consortium_staff)
    response = client.post(
        reverse("networks:network_create", args=[world.consortium.slug]),
        {"name": "Writing\r\nBcc: victim@example.org", "purpose": "Writing", "focus": "Year 6"},
    )
    assert response.status_code == 302
    network = Network.objects.get(slug__startswith="writing")
    assert network.name == "Writing Bcc: victim@example.org"
    # A name that holds a line break anyway (the admin, an old row) still gives a one-line subject.
    Network.objects.filter(pk=world.network_a.pk).update(name="Valleys\r\nWriting")
    client.force_login(world.people.leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("networks:network_invite", args=[world.network_a.slug]),
            {
                "email": "new@example.org",
                "role": "network_member",
                "school": world.school_1.urn,
                "school_role": "school_staff",
            },
        )
    assert response.status_code == 302
    assert Invitation.objects.filter(email="new@example.org").exists()
    assert "\n" not in mail.outbox[-1].subject
    assert "Valleys Writing" in mail.outbox[-1].subject


def test_the_schools_import_makes_names_one_line(world):
    csv = 'URN,Establishment name\n123456,"Ysgol\r\nGynradd\tCwm"\n'
    schools_import(consortium=world.consortium, text=csv, dry_run=False)
    assert world.consortium.schools.get(urn=123456).name == "Ysgol Gynradd Cwm"


# 7. Zip bombs and large bodies ----------------------------------------------------------------


def zipped_zeros(megabytes: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/word/document.xml" ContentType="{DOCX_MAIN}"/></Types>',
        )
        with archive.open("word/document.xml", "w") as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return buffer.getvalue()


@pytest.mark.parametrize("megabytes", [20, 120])
def test_a_zip_bomb_is_not_taken_for_a_word_document(megabytes):
    bomb = zipped_zeros(megabytes)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(UploadRefused, match="far more than a real document"):
        check_upload(upload("report.docx", bomb))


def test_a_body_over_the_limit_is_refused_before_it_is_read(world, client, settings):
    settings.MAX_REQUEST_BYTES = 1024
    client.force_login(world.people.teacher_a)
    body = b"x" * 2048
    response = client.generic("POST", reverse("enquiry:enquiry_create"), body, content_type="text/plain")
    assert response.status_code == 413
    assert b"too large" in response.content


# 8. Headers and pages -------------------------------------------------------------------------


def test_signed_in_pages_and_downloads_are_never_cached(world, client):
    client.force_login(world.people.teacher_a)
    for url in (reverse("home"), reverse("enquiry:enquiry_csv")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_every_response_has_a_permissions_policy(db, client):  # the sign-in page lists the providers
    response = client.get(reverse("account_login"))
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_withdrawing_an_invitation_never_redirects_off_site(world, client):
    invitation = Invitation.objects.create(
        email="someone@example.org",
        role="network_member",
        network=world.network_a,
        invited_by=world.people.leader_a,
        expires_at=world.network_a.created_at.replace(year=2100),
    )
    client.force_login(world.people.leader_a)
    response = client.post(
        reverse("networks:invitation_withdraw", args=[invitation.pk]), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response.url == world.network_a.get_absolute_url()


@login_not_required
def database_down(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


@login_not_required
def broken(request):
    raise ValueError("a bug")


@pytest.fixture
def failing_urls(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    return


urlpatterns = [
    path("test-database-down/", database_down),
    path("test-broken/", broken),
    *platform_urls.urlpatterns,
]
handler500 = platform_urls.handler500


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/test-database-down/", 503, b"briefly unavailable"),
        ("/test-broken/", 500, b"went wrong on our side"),
        ("/no-such-page/", 404, b"Page not found"),
    ],
)
def test_error_pages_are_plain_pages_of_the_platform(db, failing_urls, url, status, words):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status
    assert words in response.content
    assert b"PLC Platform" in response.content
    if status == 503:
        assert response["Retry-After"] == "30"


# 3. Erasure takes private work with it -------------------------------------------------------


def test_an_erased_owner_takes_private_enquiries_and_files_but_not_shared_ones(
    world, django_capture_on_commit_callbacks
):
    teacher = world.people.teacher_a
    private = make_enquiry(teacher, world.school_1, world.network_a)
    shared = make_enquiry(teacher, world.school_1, world.network_a, sharing=Sharing.NETWORK, title="Fractions")
    path_of_file = attach_file(private, teacher).file.path
    with django_capture_on_commit_callbacks(execute=True):
        teacher.delete()
    assert not Enquiry.objects.filter(pk=private.pk).exists()
    assert not os.path.exists(path_of_file)
    shared.refresh_from_db()
    assert shared.owner is None
    assert shared.owner_name == "a former member"


# 6. A hanging mail server, a lost task -------------------------------------------------------


def test_a_hanging_mail_server_times_out_and_a_lost_task_comes_back_within_minutes(settings):
    from django.core.mail import get_connection
    from django.core.mail.backends.smtp import EmailBackend

    assert 0 < settings.EMAIL_TIMEOUT <= 60
    assert EmailBackend().timeout == settings.EMAIL_TIMEOUT
    assert get_connection("django.core.mail.backends.smtp.EmailBackend").timeout == settings.EMAIL_TIMEOUT
    assert 60 <= settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= 30 * 60
