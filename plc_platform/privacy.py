"""A person's data-protection rights (journey 10): a copy of everything held about them (UK GDPR
articles 15 and 20), and erasure (article 17).

The export walks a declared list of every field that points at a person (`PERSONAL_RELATIONS`);
tests/privacy/test_export.py walks the model graph and fails when a field pointing at the user
model is missing from it, so a new model cannot quietly be left out of people's copies.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import uuid
import zipfile
from dataclasses import dataclass

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brokerage.models import RequestEvent, Specialist
from enquiry.services import enquiries_erase_private
from networks.enqueue import enqueue_on_commit
from networks.freshness import network_data_changed
from networks.i18n import override_for
from networks.models import AuditAction, DataExport, Invitation, Network, User
from networks.progress import progress_clear, progress_of, progress_report
from networks.services import audit_record_for_person, sessions_end_for

logger = logging.getLogger(__name__)
FORMER_MEMBER = "a former member"
FORMER_SPECIALIST = "a former specialist"

# Every field in the platform that points at a person: (model, field, what the rows are to them).
# Each is exported with the rows it selects. The order is the order of the copy's sections.
PERSONAL_RELATIONS: list[tuple[str, str, str]] = [
    ("networks.Membership", "user", _("Your roles")),
    ("networks.EmailPreference", "user", _("Your email choices")),
    ("account.EmailAddress", "user", _("Your email addresses")),
    ("mfa.Authenticator", "user", _("Your two-step sign-in methods")),
    ("usersessions.UserSession", "user", _("Where you are signed in")),
    ("api.AccessToken", "user", _("Your API tokens")),
    ("activities.CalendarFeed", "user", _("Your calendar feed")),
    ("networks.Invitation", "invited_by", _("Invitations you sent")),
    ("networks.Invitation", "accepted_by", _("Invitations you accepted")),
    ("networks.SchoolImport", "uploaded_by", _("School lists you imported")),
    ("networks.DataExport", "user", _("Copies of your data you asked for")),
    ("reviews.ReviewResponse", "user", _("Your self-review answers")),
    ("reviews.ReviewRound", "opened_by", _("Self-review rounds you opened")),
    ("reviews.SchoolMaturity", "recorded_by", _("Maturity stages you recorded")),
    ("reviews.Notice", "user", _("Emails the platform sent you about self-review")),
    ("enquiry.Enquiry", "owner", _("Your enquiries")),
    ("enquiry.Collaborator", "user", _("Enquiries you work on with others")),
    ("enquiry.Collaborator", "invited_by", _("People you invited to your enquiries")),
    ("enquiry.StageChange", "changed_by", _("Enquiry stages you moved")),
    ("enquiry.Evidence", "added_by", _("Evidence you added")),
    ("enquiry.ImpactClaim", "made_by", _("Impact you claimed")),
    ("enquiry.Comment", "author", _("Your comments")),
    ("activities.Activity", "created_by", _("Activities you planned")),
    ("activities.Participant", "user", _("Activities you took part in, with your evaluations")),
    ("activities.ChecklistItem", "done_by", _("Checklist items you ticked off")),
    ("activities.NetworkBudget", "set_by", _("Budgets you set")),
    ("activities.CostLine", "approved_by", _("Costs you approved")),
    ("activities.JigsawPlan", "created_by", _("Jigsaw plans you made")),
    ("activities.ProblemSolvingRecord", "created_by", _("Problem-solving records you made")),
    ("activities.ForceFieldAnalysis", "created_by", _("Force-field analyses you made")),
    ("brokerage.Specialist", "user", _("Your specialist profile")),
    ("brokerage.Specialist", "created_by", _("Specialist profiles you added")),
    ("brokerage.SupportRequest", "raised_by", _("Support requests you raised")),
    ("brokerage.RequestEvent", "by", _("Steps you took on support requests")),
    ("brokerage.Proposal", "proposed_by", _("Matches you proposed")),
    ("brokerage.Proposal", "responded_by", _("Proposals you answered")),
    ("brokerage.Engagement", "booked_by", _("Engagements you booked")),
    ("brokerage.Engagement", "reviewed_by", _("Engagements you reviewed")),
    ("brokerage.PracticeEntry", "created_by", _("Practice you recorded")),
    ("brokerage.BrokerageSettings", "updated_by", _("Brokerage settings you changed")),
    ("brokerage.DigestSubscription", "user", _("Brokerage digests you follow")),
    ("brokerage.DigestDelivery", "user", _("Brokerage digests sent to you")),
    ("admin.LogEntry", "user", _("Changes you made in the operators' admin")),
    ("networks.SignInDomain", "added_by", _("Sign-in domains you allowed")),
    ("networks.AuditEvent", "actor", _("What the audit trail records you did")),
    ("networks.AuditEvent", "subject", _("What the audit trail records about your account")),
    ("socialaccount.SocialAccount", "user", _("Accounts elsewhere you sign in with")),
    ("plc_platform.Statement", "created_by", _("Statements of account you drafted")),
    ("plc_platform.Statement", "published_by", _("Statements of account you published")),
    ("plc_platform.StatementShare", "created_by", _("Links to statements you shared")),
]

# Free text where other people name the person ("Supply cover for A. Jones", a jigsaw plan's list
# of people, a request's history): on erasure their name there becomes "a former member".
NAMED_IN: list[tuple[str, str]] = [
    ("activities.CostLine", "description"),
    ("activities.JigsawPlan", "people"),
    ("brokerage.RequestEvent", "note"),
]

# Rows that belong with a parent row above: a self-review's answers, an activity's evaluation.
CHILDREN: dict[str, list[str]] = {
    "reviews.ReviewResponse": ["answers"],
    "activities.Participant": ["evaluation"],
    "enquiry.Enquiry": ["evidence", "impact_claims", "stage_changes"],
}

# Values nobody should find in a file that may be emailed on or left on a laptop: they would let
# the reader sign in as the person (the password's hash, authenticator secrets, token digests).
SECRET_FIELDS: dict[str, set[str]] = {
    "networks.User": {"password"},
    "mfa.Authenticator": {"data"},
    "api.AccessToken": {"digest"},
    "activities.CalendarFeed": {"token"},
    "usersessions.UserSession": {"session_key"},
    "plc_platform.StatementShare": {"key"},
}
KEPT_SECRET = "(kept secret)"  # noqa: S105 - the placeholder written instead of a secret
# Files already in the export, or the export itself, are not attached again.
NOT_ATTACHED = {"networks.DataExport"}


@dataclass
class Section:
    key: str  # e.g. "enquiry.enquiry.owner": also the CSV's file name
    title: str
    rows: list[dict]


def export_progress(export: DataExport) -> int:
    """How far the build has gone, 0 to 100 (the task's transaction is not visible until done)."""
    if export.status != DataExport.Status.WAITING:
        return 100
    return progress_of(export, 0)


# Download my data -------------------------------------------------------------------------------


@transaction.atomic
def data_export_request(*, user: User) -> DataExport:
    """Ask for a copy: one being prepared is reused rather than starting another."""
    waiting = DataExport.objects.of(user).filter(status=DataExport.Status.WAITING).first()
    if waiting:
        return waiting
    from .tasks import build_data_export

    export = DataExport.objects.create(user=user)
    audit_record_for_person(person=user, actor=user, action=AuditAction.DATA_EXPORTED, target=export)
    enqueue_on_commit(build_data_export, export.pk)
    return export


@transaction.atomic
def data_export_open(*, export: DataExport):
    """The ready ZIP, opened for its owner to download (FileNotFoundError if its file is gone);
    each download is in the audit trail."""
    handle = export.file.open("rb")
    audit_record_for_person(
        person=export.user,
        actor=export.user,
        action=AuditAction.DATA_DOWNLOADED,
        target=export,
        detail={"bytes": export.size},
    )
    return handle


def data_export_build(*, export_id: int) -> DataExport | None:
    """Build the ZIP of one export: JSON and CSV of every section, a readable HTML page, the
    person's files, and a manifest with each file's size and SHA-256."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.WAITING:
        return export
    try:
        # The copy is written in the person's language.
        with transaction.atomic(), override_for(export.user):
            return _build(export)
    except Exception:
        logger.exception("Could not build data export %s", export.pk)
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED, updated_at=timezone.now())
        progress_clear(export)
        return None


def _build(export: DataExport) -> DataExport:
    user = export.user
    sections = [_profile_section(user)]
    for done, (label, field, title) in enumerate(PERSONAL_RELATIONS, start=1):
        model = apps.get_model(label)
        rows = _rows(model, model.objects.filter(**{field: user}))
        sections.append(Section(f"{label.lower()}.{field}", str(title), rows))
        progress_report(export, int(90 * done / len(PERSONAL_RELATIONS)))
    attachments = _attachments(user)

    buffer = io.BytesIO()
    manifest_files = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, content: bytes) -> None:
            archive.writestr(name, content)
            manifest_files.append({"path": name, "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()})

        add("data.json", _json({section.key: section.rows for section in sections}))
        for section in sections:
            add(f"csv/{section.key}.csv", _csv(section.rows))
        for name, content in attachments:
            add(name, content)
        add(
            "index.html",
            render_to_string(
                "plc_platform/privacy/export_index.html",
                {"person": user, "sections": sections, "attachments": [name for name, _ in attachments]},
            ).encode(),
        )
        manifest = {
            "person": {"id": user.pk, "email": user.email, "name": user.full_name},
            "generated_at": timezone.now().isoformat(),
            "sections": [
                {"key": s.key, "title": s.title, "rows": len(s.rows), "csv": f"csv/{s.key}.csv"} for s in sections
            ],
            "files": manifest_files,
        }
        archive.writestr("manifest.json", _json(manifest))
    content = buffer.getvalue()
    export.file.save(f"{uuid.uuid4().hex}.zip", ContentFile(content), save=False)
    export.size = len(content)
    export.status = DataExport.Status.READY
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "size", "status", "finished_at", "updated_at"])
    progress_clear(export)
    return export


def _profile_section(user: User) -> Section:
    return Section("networks.user", str(_("Your profile")), _rows(User, User.objects.filter(pk=user.pk)))


def _rows(model, queryset) -> list[dict]:
    rows = []
    label = model._meta.label
    children = CHILDREN.get(label, [])
    relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
    for obj in queryset.select_related(*relations).order_by("pk"):
        row = _row(obj)
        for name in children:
            accessor = getattr(obj, name, None) if model._meta.get_field(name).one_to_one else getattr(obj, name)
            if accessor is None:
                continue
            related = [accessor] if isinstance(accessor, models.Model) else list(accessor.all().order_by("pk"))
            row[name] = [_row(child) for child in related]
        rows.append(row)
    return rows


def _row(obj) -> dict:
    """One row as plain values: choices by their label, foreign keys by the thing's name and id."""
    secret = SECRET_FIELDS.get(obj._meta.label, set())
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in secret:
            row[field.name] = KEPT_SECRET
        elif field.is_relation:
            related = getattr(obj, field.name)
            row[field.name] = None if related is None else {"id": related.pk, "name": str(related)}
        elif field.choices:
            row[field.name] = getattr(obj, f"get_{field.name}_display")()
        elif isinstance(field, models.FileField):
            row[field.name] = getattr(obj, field.name).name or ""
        else:
            row[field.name] = getattr(obj, field.attname)
    for field in obj._meta.many_to_many:
        if field.related_model is not User:
            row[field.name] = [str(item) for item in getattr(obj, field.name).all()]
    return row


def _attachments(user: User) -> list[tuple[str, bytes]]:
    """The files the person uploaded, or attached to their own enquiries: files/<table>/<id>-<name>."""
    from enquiry.models import Evidence

    found = []
    evidence = Evidence.objects.filter(models.Q(added_by=user) | models.Q(enquiry__owner=user)).exclude(file="")
    for item in evidence.order_by("pk"):
        try:
            with item.file.open("rb") as handle:
                content = handle.read()
        except FileNotFoundError:
            continue
        found.append((f"files/evidence/{item.pk}-{item.file_name or 'file'}", content))
    return found


def _json(value) -> bytes:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str).encode()


def _csv(rows: list[dict]) -> bytes:
    """A sheet a person can open: one column per field, nested values written out as text."""
    out = io.StringIO()
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    # A BOM so spreadsheet programs read the UTF-8 (Welsh names) rightly.
    return ("\ufeff" + out.getvalue()).encode()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and set(value) == {"id", "name"}:
        return value["name"]
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    # A cell starting like a formula is read as text, not run (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


# Erase my account --------------------------------------------------------------------------------


@transaction.atomic
def account_erase(*, user: User, by: User | None = None) -> None:
    """Erase a person: their private work and every personal field go; shared work stays,
    credited to "a former member". Nothing that identifies them is left behind. `by` is the
    officer who acted on their request (None when they erased their own account).

    The audit trail keeps that it happened; its rows name people only by link, which the
    deletion forgets (`SET_NULL`), so the person's rows there read "a former member".

    What the user row's deletion does not reach by itself is removed here first: invitations to
    their address, sign-in records kept by address, their sessions, their specialist profile's
    name and contact details, the admin's history of their account, and their copies' files.
    """
    email, name = user.email, user.full_name
    erased_private = enquiries_erase_private(owner=user)
    audit_record_for_person(
        person=user,
        actor=by or user,
        subject=user,
        action=AuditAction.ACCOUNT_ERASED,
        detail={"asked": "by an officer" if by else "themselves", "private_enquiries": erased_private},
    )
    Invitation.objects.filter(email__iexact=email).delete()
    _erase_sign_in_records(email)
    sessions_end_for(user=user)
    _erase_specialist_profiles(user)
    if name:
        for label, field in NAMED_IN:
            apps.get_model(label).objects.filter(**{f"{field}__contains": name}).update(
                **{field: Replace(field, Value(name), Value(FORMER_MEMBER))}
            )
    # Kept dashboard panels may show the name (an enquiry's title, a proposer): these updates and
    # the deletion's SET_NULLs send no signal, and the name may be in any network's rows, so every
    # network's panels are put beyond use (they expire from the cache unread).
    network_data_changed(Network.objects.values_list("pk", flat=True))
    user_type = ContentType.objects.get_for_model(User)
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).delete()
    for entry in LogEntry.objects.filter(object_repr__icontains=name) if name else []:
        LogEntry.objects.filter(pk=entry.pk).update(object_repr=entry.object_repr.replace(name, FORMER_MEMBER))
    files = [export.file.name for export in DataExport.objects.of(user).exclude(file="")]
    storage = DataExport._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(file) for file in files])
    user.delete()


def _erase_specialist_profiles(user: User) -> None:
    """A specialist's bookings stay (the consortium's accounts need them), without the person:
    their profile's name and contact details go, and so does their name in the request histories
    that quote it ("Accepted Dr A. Jones.")."""
    for profile in Specialist.objects.filter(user=user):
        for name in {profile.name, user.full_name} - {""}:
            RequestEvent.objects.filter(request__consortium=profile.consortium_id, note__contains=name).update(
                note=Replace("note", Value(name), Value(FORMER_SPECIALIST))
            )
    Specialist.objects.filter(user=user).update(
        name=FORMER_SPECIALIST.capitalize(),
        email="",
        organisation="",
        summary="",
        is_active=False,
        user=None,
    )


def _erase_sign_in_records(email: str) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()


def erasable_by(officer: User, person: User) -> bool:
    """An operator may erase anyone but themselves from the officer's page; consortium staff may
    erase someone all of whose roles are in consortia they staff (and who is not an operator)."""
    from networks.permissions import consortium_ids_for, staff_consortium_ids

    if person.pk == officer.pk:
        return False
    if officer.is_superuser:
        return True
    if person.is_superuser or person.is_staff:
        return False
    theirs = set(consortium_ids_for(person))
    return bool(theirs) and theirs <= set(staff_consortium_ids(officer))
