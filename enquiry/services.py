"""Writes for enquiries, one function each (<thing>_<action>), keyword-only and atomic."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from networks.enqueue import enqueue_on_commit
from networks.freshness import network_data_changed
from networks.i18n import override_for
from networks.models import AuditAction, Consortium, EmailPreference, Network, School, User
from networks.permissions import consortium_ids_for
from networks.services import audit_record, email_preferences_url, site_url
from networks.text import email_subject

from .models import (
    Approach,
    Collaborator,
    CollaboratorRole,
    Comment,
    Enquiry,
    Evidence,
    EvidenceKind,
    ImpactClaim,
    Sharing,
    Stage,
    StageChange,
)
from .reads import sharing_choices
from .uploads import Detected, download_name

M2M_FIELDS = ("practice_areas", "levels", "knowledge_fields")
TEXT_FIELDS = (
    "title",
    "question",
    "why_it_matters",
    "pupil_group",
    "pupil_count",
    "current_provision",
    "plan",
    "changes",
    "observations",
    "conclusions",
)


class EnquiryError(Exception):
    """Something cannot be done to an enquiry; the message says why, for the person."""


def _check_place(school: School, network: Network | None) -> None:
    if network is not None and not network.network_schools.filter(school=school).exists():
        raise EnquiryError(
            gettext("%(school)s is not in %(network)s.") % {"school": school.name, "network": network.name}
        )


def _check_approach(school: School, approach) -> None:
    if approach is not None and approach.consortium_id != school.consortium_id:
        raise EnquiryError(
            gettext("%(approach)s is not on %(consortium)s's list of approaches.")
            % {"approach": approach.display_name, "consortium": school.consortium.name}
        )


@transaction.atomic
def enquiry_create(*, owner: User, school: School, network: Network | None = None, **data) -> Enquiry:
    """Start an enquiry at its first stage, investigating current provision, private to its owner."""
    _check_place(school, network)
    _check_approach(school, data.get("approach"))
    m2m = {name: data.pop(name, None) for name in M2M_FIELDS}
    now = timezone.now()
    enquiry = Enquiry.objects.create(
        owner=owner,
        school=school,
        network=network,
        approach=data.get("approach"),
        stage=Stage.INVESTIGATE,
        stage_changed_at=now,
        owner_seen_at=now,
        **{k: v for k, v in data.items() if k in TEXT_FIELDS},
    )
    for name, values in m2m.items():
        if values is not None:
            getattr(enquiry, name).set(values)
    StageChange.objects.create(
        enquiry=enquiry, from_stage="", to_stage=Stage.INVESTIGATE, changed_by=owner, changed_at=now
    )
    return enquiry


@transaction.atomic
def enquiry_update(
    *, enquiry: Enquiry, school: School | None = None, network: Network | None = None, **data
) -> Enquiry:
    """Change what the enquiry says. A network-shared enquiry keeps a network."""
    school = school or enquiry.school
    _check_place(school, network)
    if network is None and enquiry.sharing == Sharing.NETWORK:
        raise EnquiryError(gettext("It is shared with its network: share it differently before removing the network."))
    enquiry.school, enquiry.network = school, network
    if "approach" in data:
        _check_approach(school, data["approach"])
        enquiry.approach = data["approach"]
    for name in TEXT_FIELDS:
        if name in data:
            setattr(enquiry, name, data[name])
    enquiry.save()
    for name in M2M_FIELDS:
        if name in data:
            getattr(enquiry, name).set(data[name])
    return enquiry


@transaction.atomic
def enquiry_move_stage(*, enquiry: Enquiry, to_stage: str, by: User | None) -> StageChange | None:
    """Move the enquiry to a stage, forward or back; each move is kept, dated, in its history."""
    if to_stage not in Stage.values:
        raise EnquiryError(gettext("Choose one of the stages of the cycle."))
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    if enquiry.stage == to_stage:
        return None
    now = timezone.now()
    change = StageChange.objects.create(
        enquiry=enquiry, from_stage=enquiry.stage, to_stage=to_stage, changed_by=by, changed_at=now
    )
    Enquiry.objects.filter(pk=enquiry.pk).update(stage=to_stage, stage_changed_at=now, updated_at=now)
    network_data_changed([enquiry.network_id])  # the update sends no signal
    return change


@transaction.atomic
def enquiry_share(*, enquiry: Enquiry, sharing: str, by: User | None = None) -> Enquiry:
    """Share the enquiry at a level, or take it back to private (sharing="private"); `by` is who
    chose (the owner when not named), for the audit trail."""
    if sharing not in dict(sharing_choices(enquiry)):
        if sharing == Sharing.NETWORK:
            raise EnquiryError(gettext("Link the enquiry to a network before sharing it with one."))
        raise EnquiryError(gettext("Choose who may see it."))
    if sharing == enquiry.sharing:
        return enquiry
    audit_record(
        actor=by or enquiry.owner,
        action=AuditAction.SHARING_CHANGED,
        consortium=enquiry.school.consortium_id,
        target=enquiry,
        detail={"from": enquiry.sharing, "to": sharing},
    )
    enquiry.sharing = sharing
    enquiry.shared_at = None if sharing == Sharing.PRIVATE else timezone.now()
    enquiry.save(update_fields=["sharing", "shared_at", "updated_at"])
    return enquiry


def enquiry_unshare(*, enquiry: Enquiry, by: User | None = None) -> Enquiry:
    return enquiry_share(enquiry=enquiry, sharing=Sharing.PRIVATE, by=by)


def _delete_files_on_commit(names: Iterable[str]) -> None:
    names = [name for name in names if name]
    if not names:
        return
    storage = Evidence._meta.get_field("file").storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def enquiries_erase_private(*, owner: User) -> int:
    """Delete a person's private enquiries and their files, as their account is erased.

    Nobody else could ever read them, so keeping them would only keep personal data owned by
    no one. Shared ones stay, credited to "a former member" (the owner is set to null).
    """
    private = Enquiry.objects.filter(owner=owner, sharing=Sharing.PRIVATE)
    names = list(Evidence.objects.filter(enquiry__in=private).exclude(file="").values_list("file", flat=True))
    count = private.count()
    private.delete()
    _delete_files_on_commit(names)
    return count


@transaction.atomic
def enquiry_delete(*, enquiry: Enquiry) -> None:
    """Delete the enquiry with everything attached to it; its files go once the delete commits."""
    names = list(enquiry.evidence.exclude(file="").values_list("file", flat=True))
    enquiry.delete()
    _delete_files_on_commit(names)


def enquiry_mark_seen(*, enquiry: Enquiry, user: User) -> None:
    """The owner has opened it: comments up to now are no longer new to them."""
    if enquiry.owner_id == user.pk:
        Enquiry.objects.filter(pk=enquiry.pk).update(owner_seen_at=timezone.now())


# People ----------------------------------------------------------------------------------------


@transaction.atomic
def collaborator_invite(*, enquiry: Enquiry, email: str, role: str, by: User) -> Collaborator:
    """Invite a colleague of the enquiry's consortium, who already has an account, to work on it
    as a co-enquirer or to read and comment on it as a critical friend."""
    if role not in CollaboratorRole.values:
        raise EnquiryError(gettext("Choose co-enquirer or critical friend."))
    email = email.strip()
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    consortium = enquiry.school.consortium
    if user is None or consortium.pk not in consortium_ids_for(user):
        raise EnquiryError(
            gettext(
                "Nobody in %(consortium)s has an account with %(email)s. Check the address, or ask your school "
                "lead or network leader to invite them to the platform first."
            )
            % {"consortium": consortium.name, "email": email}
        )
    if user.pk == enquiry.owner_id:
        raise EnquiryError(gettext("That is you: you own this enquiry."))
    collaborator, created = Collaborator.objects.get_or_create(
        enquiry=enquiry, user=user, defaults={"role": role, "invited_by": by}
    )
    changed = not created and collaborator.role != role
    if changed:
        collaborator.role = role
        collaborator.save(update_fields=["role", "updated_at"])
    if created or changed:
        from .tasks import send_collaborator_email

        enqueue_on_commit(send_collaborator_email, collaborator.pk)
    return collaborator


def _email_about_enquiry(user: User, template: str, enquiry_id: int, context: dict) -> None:
    """Send `user` the email `<template>_subject.txt` and `<template>.txt`, in their language: the
    context gets the enquiry's address ("url") and the link to their email preferences, which is
    also the email's List-Unsubscribe."""
    preferences_url = email_preferences_url(user)
    context = {
        **context,
        "url": site_url(reverse("enquiry:enquiry_detail", args=[enquiry_id])),
        "preferences_url": preferences_url,
    }
    with override_for(user):
        subject = email_subject(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated", "List-Unsubscribe": f"<{preferences_url}>"},
    ).send()


def collaborator_send_email(*, collaborator_id: int) -> bool:
    """Tell someone they were asked in as co-enquirer or critical friend (if they want such emails)."""
    collaborator = (
        Collaborator.objects.select_related("enquiry__owner", "enquiry__school", "user", "invited_by")
        .filter(pk=collaborator_id)
        .first()
    )
    if collaborator is None:
        return False
    user = collaborator.user
    if not user.is_active or not user.email or not EmailPreference.wants(user, "support_requests"):
        return False
    context = {"collaborator": collaborator, "enquiry": collaborator.enquiry, "user": user}
    _email_about_enquiry(user, "enquiry/email/collaborator", collaborator.enquiry_id, context)
    return True


def collaborator_remove(*, collaborator: Collaborator) -> None:
    collaborator.delete()


# Evidence --------------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(
    *,
    enquiry: Enquiry,
    kind: str,
    by: User | None,
    stage: str | None = None,
    upload=None,
    detected: Detected | None = None,
    **fields,
) -> Evidence:
    """Attach a note, a link, a file (already checked: `detected`) or a measure to a stage."""
    evidence = Evidence(enquiry=enquiry, kind=kind, stage=stage or enquiry.stage, added_by=by, **fields)
    if kind != EvidenceKind.FILE:
        evidence.save()
    else:
        if upload is None or detected is None:
            raise EnquiryError(gettext("Choose a file to attach."))
        evidence.file_name = download_name(upload.name, detected)
        evidence.content_type = detected.content_type
        evidence.size = upload.size
        evidence.file.save("evidence", upload, save=False)
        try:
            evidence.save()
        except Exception:
            evidence.file.storage.delete(evidence.file.name)
            raise
    Enquiry.objects.filter(pk=enquiry.pk).update(updated_at=timezone.now())
    return evidence


@transaction.atomic
def evidence_update(*, evidence: Evidence, **fields) -> Evidence:
    for name, value in fields.items():
        setattr(evidence, name, value)
    evidence.save()
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence) -> None:
    name = evidence.file.name if evidence.file else ""
    evidence.delete()
    _delete_files_on_commit([name])


# Impact ----------------------------------------------------------------------------------------


def impact_claim_add(*, enquiry: Enquiry, by: User | None, area: str, claim: str, strength: int, evidence=None):
    return ImpactClaim.objects.create(
        enquiry=enquiry, made_by=by, area=area, claim=claim, strength=strength, evidence=evidence
    )


def impact_claim_delete(*, claim: ImpactClaim) -> None:
    claim.delete()


# Comments --------------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, enquiry: Enquiry, author: User, kind: str, text: str) -> Comment:
    """A critical friend's comment. The owner is told by email (if they want such emails), once
    the comment is committed, and on their home page until they open the enquiry."""
    comment = Comment.objects.create(enquiry=enquiry, author=author, kind=kind, text=text)
    if enquiry.owner_id and enquiry.owner_id != author.pk:
        from .tasks import send_comment_email

        # Robust: if the broker is down, the comment stands and the home page still tells the owner.
        enqueue_on_commit(send_comment_email, comment.pk)
    return comment


def comment_send_email(*, comment_id: int) -> bool:
    """Email the enquiry's owner about a comment. Returns whether an email went."""
    comment = Comment.objects.select_related("enquiry__owner", "author").filter(pk=comment_id).first()
    if comment is None:
        return False
    owner = comment.enquiry.owner
    if owner is None or not owner.is_active or not owner.email:
        return False
    if not EmailPreference.wants(owner, "enquiry_comments"):
        return False
    context = {"comment": comment, "enquiry": comment.enquiry, "owner": owner}
    _email_about_enquiry(owner, "enquiry/email/comment", comment.enquiry_id, context)
    return True


def approach_add(*, consortium: Consortium, name: str, name_cy: str = "") -> Approach:
    """Put an approach on the consortium's list, offered to enquirers at once."""
    return Approach.objects.create(consortium=consortium, name=name, name_cy=name_cy, slug=slugify(name))


def approach_rename(*, approach: Approach, name: str, name_cy: str = "") -> Approach:
    approach.name = name
    approach.name_cy = name_cy
    approach.slug = slugify(name)
    approach.save()
    return approach


def approach_restore(*, approach: Approach) -> Approach:
    """Offer a retired approach to enquirers again."""
    approach.is_active = True
    approach.save(update_fields=["is_active", "updated_at"])
    return approach


@transaction.atomic
def approach_remove(*, approach: Approach) -> bool:
    """Take an approach off the consortium's list. One that enquiries tag is retired (no longer
    offered; they keep it, and "what works here" still gathers them); one nobody tags is deleted.
    True if it was retired. The row is locked first, so an enquiry tagged meanwhile keeps its tag."""
    locked = Approach.objects.select_for_update().get(pk=approach.pk)
    if locked.enquiries.exists():
        locked.is_active = False
        locked.save(update_fields=["is_active", "updated_at"])
        return True
    locked.delete()
    return False
