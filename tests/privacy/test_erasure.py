"""Erasure (UK GDPR article 17, journey 10): after a person's account is erased, shared work stays,
credited to "a former member", private work is gone, and neither their name nor their email
address is anywhere: not in any text column of any table, not in a session, not in a file."""

import json
import re
import zipfile

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from brokerage.models import Specialist
from enquiry.models import Comment, Enquiry, Evidence, Sharing
from networks.models import AuditAction, AuditEvent, DataExport, Role, User
from tests.factories import InvitationFactory

from .demo import DEMO_PASSWORD, demo_email, seeded_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def media(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from seeded_demo(django_db_blocker, tmp_path_factory)


def text_columns() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND data_type IN ('character varying', 'text', 'jsonb', 'json', 'character')"
        )
        return cursor.fetchall()


def whole(needle: str) -> str:
    """A pattern for `needle` standing alone: "teacher@..." is not found inside "bay-teacher@...",
    nor "Ann Lee" inside "Joann Leeds"."""
    return r"(^|[^[:alnum:]._%+@-])" + re.escape(needle) + r"($|[^[:alnum:]_-])"


def columns_holding(needle: str) -> list[str]:
    """Every table.column whose text holds `needle`, in any case (sessions decoded first)."""
    found = []
    pattern = whole(needle)
    with connection.cursor() as cursor:
        for table, column in text_columns():
            cursor.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ~* %s', [pattern])
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
        cursor.execute("SELECT session_data FROM django_session")
        for (data,) in cursor.fetchall():
            if _holds(json.dumps(SessionStore().decode(data), default=str), needle):
                found.append("django_session (decoded)")
    return found


def _holds(text: str, needle: str) -> bool:
    return re.search(whole(needle).replace("[:alnum:]", "a-zA-Z0-9"), text, re.IGNORECASE) is not None


def files_holding(media, needle: str) -> list[str]:
    """Every file under MEDIA_ROOT holding `needle`, looking inside ZIP files too."""
    found = []
    for path in media.rglob("*"):
        if not path.is_file():
            continue
        contents = [path.read_bytes()]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                contents += [archive.read(name) for name in archive.namelist()]
        if any(_holds(content.decode(errors="replace"), needle) for content in contents):
            found.append(str(path.relative_to(media)))
    return found


def leave_traces(client, person):
    """What a person leaves besides their work: a failed sign-in, an invitation, a comment on a
    colleague's enquiry, a copy of their data."""
    client.post(reverse("account_login"), {"login": person.email, "password": "wrong password"})
    InvitationFactory(email=person.email, network=person.memberships.filter(network__isnull=False).first().network)
    others = Enquiry.objects.exclude(owner=person).exclude(sharing=Sharing.PRIVATE).first()
    Comment.objects.create(enquiry=others, author=person, text="We tried this in Year 5 too: the talk partners helped.")
    client.force_login(person)
    client.post(reverse("privacy:export_request"))


def test_an_erased_teacher_leaves_no_trace_and_their_shared_work_stays(
    client, media, django_capture_on_commit_callbacks
):
    teacher = User.objects.get(email=demo_email("teacher"))
    name, email = teacher.full_name, teacher.email
    with django_capture_on_commit_callbacks(execute=True):
        leave_traces(client, teacher)
    assert AccessAttempt.objects.filter(username=email).exists()
    assert DataExport.objects.get(user=teacher).status == DataExport.Status.READY
    shared = list(Enquiry.objects.filter(owner=teacher).exclude(sharing=Sharing.PRIVATE).values_list("pk", flat=True))
    private = list(Enquiry.objects.filter(owner=teacher, sharing=Sharing.PRIVATE).values_list("pk", flat=True))
    comments = list(Comment.objects.filter(author=teacher).values_list("pk", flat=True))
    assert shared, "the demo teacher has shared enquiries"
    assert comments, "the demo teacher has comments"
    assert columns_holding(email), "the search finds the person before erasure"
    theirs = AuditEvent.objects.filter(Q(actor=teacher) | Q(subject=teacher))
    assert set(theirs.values_list("action", flat=True)) >= {
        "sign_in",
        "sign_in_failed",
        "data_exported",
        "sharing_changed",
    }
    their_events = list(theirs.values_list("pk", flat=True))
    assert files_holding(media, name), "the search finds their files before erasure"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:erase_own"), {"password": DEMO_PASSWORD, "understood": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:erased")

    assert not User.objects.filter(pk=teacher.pk).exists()
    assert columns_holding(email) == []
    assert columns_holding(name) == []
    # The trail keeps what happened, and forgets who: their rows, and the erasure's, link to nobody.
    erasure = AuditEvent.objects.filter(action=AuditAction.ACCOUNT_ERASED).values("actor", "subject", "detail")
    assert list(erasure) == [
        {"actor": None, "subject": None, "detail": {"asked": "themselves", "private_enquiries": len(private)}}
    ]
    kept = AuditEvent.objects.filter(pk__in=their_events)
    assert kept.count() == len(their_events)
    assert set(kept.values_list("actor", "subject").distinct()) == {(None, None)}
    assert files_holding(media, email) == []
    assert files_holding(media, name) == []
    # Shared work stays for colleagues, credited to a former member; private work is gone.
    assert set(Enquiry.objects.filter(pk__in=shared).values_list("owner", flat=True)) == {None}
    assert Enquiry.objects.get(pk=shared[0]).owner_name == "a former member"
    assert not Enquiry.objects.filter(pk__in=private).exists()
    assert not Evidence.objects.filter(enquiry_id__in=private).exists()
    assert Comment.objects.filter(pk__in=comments, author__isnull=True).count() == len(comments)
    # Signed out: the next page asks them to sign in.
    assert client.get(reverse("home")).status_code == 302


def test_an_erased_specialist_profile_keeps_the_bookings_but_not_the_person(client, media):
    person = User.objects.get(email=demo_email("specialist"))
    name = person.full_name
    profiles = list(Specialist.objects.filter(user=person).values_list("pk", flat=True))
    assert profiles, "the demo specialist has a profile"
    client.force_login(person)
    client.post(reverse("privacy:erase_own"), {"password": DEMO_PASSWORD, "understood": "on"})
    assert Specialist.objects.filter(pk__in=profiles, name="A former specialist").count() == len(profiles)
    assert columns_holding(name) == []
    assert columns_holding(person.email) == []


def test_erasure_asks_for_the_password_and_the_confirmation_first(client, media):
    teacher = User.objects.get(email=demo_email("bay-teacher"))
    client.force_login(teacher)
    page = client.get(reverse("privacy:erase_own"))
    assert "cannot be undone" in page.content.decode()
    wrong = client.post(reverse("privacy:erase_own"), {"password": "not it", "understood": "on"})
    unticked = client.post(reverse("privacy:erase_own"), {"password": DEMO_PASSWORD})
    assert wrong.status_code == unticked.status_code == 200
    assert "That is not your password." in wrong.content.decode()
    assert User.objects.filter(pk=teacher.pk).exists()


def test_consortium_staff_erase_a_member_of_their_consortium_on_request(client, media):
    officer = User.objects.get(email=demo_email("officer"))
    teacher = User.objects.get(email=demo_email("teacher"))
    other = User.objects.get(email=demo_email("bay-teacher"))
    slug = officer.memberships.get(role=Role.CONSORTIUM_STAFF).consortium.slug
    url = reverse("privacy:erase_person", args=[slug])
    client.force_login(officer)
    found = client.post(url, {"email": teacher.email, "reference": "Email to the DPO, 3 March"})
    assert teacher.full_name in found.content.decode()
    assert User.objects.filter(pk=teacher.pk).exists()
    outside = client.post(url, {"email": other.email, "reference": "Letter", "confirm": "yes"})
    assert "Nobody with that address" in outside.content.decode()
    assert User.objects.filter(pk=other.pk).exists()
    erased = client.post(url, {"email": teacher.email, "reference": "Email to the DPO, 3 March", "confirm": "yes"})
    assert erased.status_code == 302
    assert not User.objects.filter(pk=teacher.pk).exists()
    erasure = AuditEvent.objects.get(action=AuditAction.ACCOUNT_ERASED)
    assert (erasure.actor, erasure.subject, erasure.consortium.slug) == (officer, None, slug)
    assert erasure.detail["asked"] == "by an officer"
