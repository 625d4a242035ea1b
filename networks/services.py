"""Writes that touch several rows or send something, one function each (<thing>_<action>)."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy

from . import bilingual
from .enqueue import enqueue_on_commit
from .freshness import network_data_changed
from .i18n import override_for
from .importer import schools_import
from .models import (
    SCHOOL_ROLE_CHOICES,
    SCHOOL_ROLES,
    AuditAction,
    AuditEvent,
    Consortium,
    EmailPreference,
    Invitation,
    InvitationStatus,
    Membership,
    Network,
    NetworkSchool,
    PracticeArea,
    Role,
    School,
    SchoolImport,
    SignInDomain,
    User,
    place_field,
)
from .permissions import TWO_STEP_ROLES, consortium_ids_for
from .practice_areas import DEFAULT_PRACTICE_AREAS
from .signed_links import link_pk, link_token
from .text import email_subject

INVITATION_SALT = "networks.invitation"
PREFERENCES_SALT = "networks.email-preferences"


class InvitationError(Exception):
    """An invitation cannot be made or used; the message says why, for the person."""


def user_language_set(*, user: User, language: str) -> None:
    """Save the language a person reads the platform and their emails in (networks.i18n)."""
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


def consortium_seed_practice_areas(*, consortium: Consortium) -> None:
    PracticeArea.objects.bulk_create(
        [
            PracticeArea(consortium=consortium, **bilingual.names(name, name_cy))
            for name, name_cy in DEFAULT_PRACTICE_AREAS
        ],
        ignore_conflicts=True,
    )


def network_create(*, consortium: Consortium, name: str, purpose: str = "", focus: str = "") -> Network:
    base = slugify(name)[:70] or "network"
    slug, n = base, 1
    while Network.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Network.objects.create(consortium=consortium, name=name, slug=slug, purpose=purpose, focus=focus)


@transaction.atomic
def network_update(*, network: Network, purpose: str, focus: str, practice_areas) -> Network:
    """What a leader may change about their network: its purpose, focus and practice areas."""
    network.purpose = purpose
    network.focus = focus
    network.save()
    network.practice_areas.set(practice_areas)
    return network


@transaction.atomic
def network_add_schools(*, network: Network, schools) -> int:
    """Add schools of the network's own consortium; returns how many were new to it."""
    added = 0
    for school in schools:
        if school.consortium_id != network.consortium_id:
            raise ValueError(f"{school} is not in {network.consortium}.")
        _, created = NetworkSchool.objects.get_or_create(network=network, school=school)
        added += created
    return added


def network_remove_school(*, network: Network, school: School) -> None:
    NetworkSchool.objects.filter(network=network, school=school).delete()


def _place_kwargs(place) -> dict:
    return {place_field(place): place}


def membership_exists(*, email: str, role: str, place) -> bool:
    """Whether the person already holds this role there (any role at all, for a network)."""
    memberships = Membership.objects.filter(user__email__iexact=email, **_place_kwargs(place))
    if not isinstance(place, Network):
        memberships = memberships.filter(role=role)
    return memberships.exists()


def invitation_token(invitation: Invitation) -> str:
    return link_token(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None if the link was not made by us."""
    pk = link_pk(token, salt=INVITATION_SALT)
    if pk is None:
        return None
    return (
        Invitation.objects.select_related("consortium", "network", "school", "school_in_network", "invited_by")
        .filter(pk=pk)
        .first()
    )


def invitation_url(invitation: Invitation) -> str:
    return site_url(reverse("networks:invitation_accept", args=[invitation_token(invitation)]))


@transaction.atomic
def invitation_create(
    *, invited_by: User, email: str, role: str, place, school: School | None = None, school_role: str = ""
) -> Invitation:
    """Invite someone to a role; a pending invitation for the same role and place is renewed.

    An invitation to a network may name the person's school (one of the network's) and their
    role there: accepting it then places them in that school too.
    """
    email = email.strip().lower()
    if membership_exists(email=email, role=role, place=place):
        raise InvitationError(gettext("%(email)s is already a member of %(place)s.") % {"email": email, "place": place})
    if school is not None:
        _check_school_in_network(school=school, school_role=school_role, place=place)
    school_fields = {"school_in_network": school, "school_role": school_role if school else ""}
    expires_at = timezone.now() + timedelta(days=settings.INVITATION_DAYS)
    invitation = Invitation.objects.pending().for_email(email).filter(role=role, **_place_kwargs(place)).first()
    if invitation:
        invitation.expires_at = expires_at
        invitation.invited_by = invited_by
        for name, value in school_fields.items():
            setattr(invitation, name, value)
        invitation.save(update_fields=["expires_at", "invited_by", *school_fields, "updated_at"])
    else:
        invitation = Invitation.objects.create(
            email=email,
            role=role,
            invited_by=invited_by,
            expires_at=expires_at,
            **school_fields,
            **_place_kwargs(place),
        )
    from .tasks import send_invitation_email

    enqueue_on_commit(send_invitation_email, invitation.pk)
    return invitation


def _check_school_in_network(*, school: School, school_role: str, place) -> None:
    if not isinstance(place, Network):
        raise InvitationError(gettext("Only an invitation to a network names a school as well."))
    if school_role not in SCHOOL_ROLES:
        raise InvitationError(gettext("Choose their role at the school: school staff or school lead."))
    if not NetworkSchool.objects.filter(network=place, school=school).exists():
        raise InvitationError(
            gettext("%(school)s is not one of %(network)s's schools.") % {"school": school, "network": place}
        )


def invitation_send_email(*, invitation_id: int) -> None:
    invitation = Invitation.objects.select_related(
        "consortium", "network", "school", "school_in_network", "invited_by"
    ).get(pk=invitation_id)
    if not invitation.is_pending:
        return
    context = {"invitation": invitation, "url": invitation_url(invitation)}
    # In the language of the person invited if they have an account already, else of who invited them.
    reader = User.objects.filter(email__iexact=invitation.email).first() or invitation.invited_by
    with override_for(reader):
        send_mail(
            subject=email_subject("networks/email/invitation_subject.txt", context),
            message=render_to_string("networks/email/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )


def invitation_withdraw(*, invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(revoked_at=timezone.now())


# Why an invitation that is no longer pending cannot be used, by its status.
UNUSABLE_INVITATION = {
    InvitationStatus.ACCEPTED: gettext_lazy("This invitation has been accepted."),
    InvitationStatus.WITHDRAWN: gettext_lazy("This invitation has been withdrawn."),
    InvitationStatus.EXPIRED: gettext_lazy("This invitation has been expired."),
}


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None = None, full_name: str = "", password: str = "", job_title: str = ""
) -> User:
    """Use an invitation once: create the account (or take the signed-in one) and add the role.

    The invitation's link reached the person's inbox, so the email address counts as verified.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise InvitationError(str(UNUSABLE_INVITATION[invitation.status]))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationError(gettext("An account with this email address exists already: sign in to accept."))
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name, job_title=job_title
        )
    elif user.email.lower() != invitation.email.lower():
        raise InvitationError(
            gettext("This invitation is for %(invited)s; you are signed in as %(signed_in)s.")
            % {"invited": invitation.email, "signed_in": user.email}
        )
    EmailAddress.objects.update_or_create(
        user=user,
        email__iexact=invitation.email,
        defaults={"email": invitation.email, "verified": True, "primary": True},
    )
    place = _place_kwargs(invitation.place)
    before = None
    audit = {"by": invitation.invited_by, "invitation": invitation}
    try:
        with transaction.atomic():
            membership, created = Membership.objects.get_or_create(user=user, role=invitation.role, **place)
    except IntegrityError:
        # A network allows one role per person: an existing member invited as leader is promoted.
        membership = Membership.objects.get(user=user, **place)
        before, membership.role = membership.role, invitation.role
        Membership.objects.filter(pk=membership.pk).update(role=invitation.role)
        network_data_changed([membership.network_id])  # the update sends no signal
        membership_audit(membership=membership, action=AuditAction.ROLE_CHANGED, previous_role=before, **audit)
    else:
        if created:
            membership_audit(membership=membership, action=AuditAction.MEMBERSHIP_ADDED, **audit)
    if invitation.school_in_network_id:
        _join_school_in_network(user=user, invitation=invitation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    sessions_follow_role_change(user=user, before=before, after=invitation.role)
    return user


def _join_school_in_network(*, user: User, invitation: Invitation) -> None:
    """The school an invitation to a network names: refused (and so the whole acceptance undone)
    if the school has left the network since the invitation was sent."""
    school, network = invitation.school_in_network, invitation.network
    if not NetworkSchool.objects.filter(network=network, school=school).exists():
        raise InvitationError(
            gettext("%(school)s has left %(network)s since you were invited: ask for a new invitation.")
            % {"school": school, "network": network}
        )
    Membership.objects.get_or_create(user=user, role=invitation.school_role, school=school)


def user_profile_update(*, user: User, full_name: str, job_title: str, language: str) -> User:
    """A person's own name, job title and language (networks.i18n)."""
    user.full_name = full_name
    user.job_title = job_title
    user.language = language
    user.save()
    return user


def school_membership_grant(*, user: User, school: School, role: str) -> Membership:
    """Place someone in a school with a role (school staff or school lead); a role they hold
    there already is kept as it is."""
    if role not in SCHOOL_ROLES:
        raise ValueError(f"{role} is not a role at a school.")
    membership, _ = Membership.objects.get_or_create(user=user, role=role, school=school)
    return membership


# The consortium's own lists: practice areas, sign-in domains, schools imports -------------------


def practice_area_add(*, consortium: Consortium, name: str, name_cy: str = "") -> PracticeArea:
    return PracticeArea.objects.create(consortium=consortium, **bilingual.names(name, name_cy))


def practice_area_rename(*, area: PracticeArea, name: str, name_cy: str = "") -> PracticeArea:
    """A new name keeps the area's tags; its slug follows the name."""
    for field, value in bilingual.names(name, name_cy).items():
        setattr(area, field, value)
    area.save()
    return area


def practice_area_remove(*, area: PracticeArea) -> None:
    area.delete()


def sign_in_domain_add(*, consortium: Consortium, provider: str, domain: str, added_by: User) -> SignInDomain:
    """People with addresses at `domain` may sign in with the provider (Google or Microsoft)."""
    return SignInDomain.objects.create(consortium=consortium, provider=provider, domain=domain, added_by=added_by)


def sign_in_domain_remove(*, domain: SignInDomain) -> None:
    domain.delete()


def school_import_create(*, consortium: Consortium, uploaded_by: User, filename: str, text: str) -> SchoolImport:
    """Keep an uploaded register extract with the report of what importing it would do (a dry
    run), to be confirmed; raises importer.ImportRefused for a file that cannot be imported."""
    report = schools_import(consortium=consortium, text=text, dry_run=True)
    return SchoolImport.objects.create(
        consortium=consortium,
        uploaded_by=uploaded_by,
        filename=filename[:255],
        content=text,
        report=report.to_dict(),
        rows_total=report.total,
    )


# Sessions: ending them, and asking them to check two-step sign-in again ---------------------------


def sessions_end_for(*, user: User, keep: str | None = None) -> int:
    """End every session of the person, except the session key `keep` (the one that asked, when a
    person changes their own password). Returns how many were ended.

    Every sign-in is listed by allauth's user sessions (networks.signals records those Django's
    own login makes too); ending one deletes it from the session store.
    """
    from allauth.usersessions.adapter import get_adapter
    from allauth.usersessions.models import UserSession

    sessions = [session for session in UserSession.objects.filter(user=user) if session.session_key != keep]
    get_adapter().end_sessions(sessions)
    return len(sessions)


def sessions_recheck_two_step(*, user: User) -> None:
    """The person's roles changed: each of their sessions works out again, on its next request,
    whether two-step sign-in is owed (networks.session_policy)."""
    from importlib import import_module

    from allauth.core import context
    from allauth.usersessions.models import UserSession

    from .session_policy import TWO_STEP_OWED

    if not settings.REQUIRE_TWO_STEP:
        return
    own = getattr(context.request, "session", None)  # the request's own session is saved as it ends
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in UserSession.objects.filter(user=user).values_list("session_key", flat=True):
        session = own if own is not None and own.session_key == key else store(key)
        if session is own or session.exists(key):
            session[TWO_STEP_OWED] = True
            if session is not own:
                session.save()


# Roles and accounts, as an officer changes them --------------------------------------------------


def sessions_follow_role_change(*, user: User, before: str | None, after: str | None) -> None:
    """What a change of role does to the person's sessions (None: no role). Losing a role that needs
    two-step sign-in, or stepping down from one to a role that does not, ends them all; gaining
    one asks them to set up two-step sign-in."""
    if before in TWO_STEP_ROLES and after not in TWO_STEP_ROLES:
        sessions_end_for(user=user)
    elif after in TWO_STEP_ROLES and before not in TWO_STEP_ROLES:
        sessions_recheck_two_step(user=user)


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """An officer takes a role away."""
    membership.delete()
    sessions_follow_role_change(user=membership.user, before=membership.role, after=None)


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: User | None = None) -> Membership:
    """An officer (`by`) changes the role a membership gives, within its own kind of place; the
    change is in the audit trail."""
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    if role != before:
        membership_audit(membership=membership, action=AuditAction.ROLE_CHANGED, by=by, previous_role=before)
    sessions_follow_role_change(user=membership.user, before=before, after=role)
    return membership


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """Close an account: the person can no longer sign in, and every session of theirs ends."""
    User.objects.filter(pk=user.pk).update(is_active=False, updated_at=timezone.now())
    user.is_active = False
    sessions_end_for(user=user)


def roles_for_place(place) -> list[tuple[str, str]]:
    """The roles an invitation to this kind of place may offer."""
    if isinstance(place, School):
        return list(SCHOOL_ROLE_CHOICES)
    if isinstance(place, Network):
        roles = (Role.NETWORK_MEMBER, Role.NETWORK_CO_LEADER, Role.NETWORK_LEADER)
    else:
        roles = (Role.CONSORTIUM_STAFF, Role.SPECIALIST)
    return [(role.value, role.label) for role in roles]


def site_url(path: str) -> str:
    """The absolute address of a path on the platform, for links that emails carry."""
    return settings.SITE_URL.rstrip("/") + path


# Email preferences: every email links to them with a signed token, so no sign-in is asked.


def email_preferences_token(user: User) -> str:
    return link_token(user.pk, salt=PREFERENCES_SALT)


def user_from_link(token: str, *, salt: str) -> User | None:
    """The person a link of this kind (`salt`) was made for, if their account is open; None for a
    forged or damaged link."""
    pk = link_pk(token, salt=salt)
    return None if pk is None else User.objects.filter(pk=pk, is_active=True).first()


def user_from_preferences_token(token: str) -> User | None:
    """The person a preferences link was made for, or None for a forged or damaged link."""
    return user_from_link(token, salt=PREFERENCES_SALT)


def email_preferences_url(user: User) -> str:
    return site_url(reverse("networks:email_preferences_by_link", args=[email_preferences_token(user)]))


@transaction.atomic
def email_preferences_set(*, user: User, **choices: bool) -> EmailPreference:
    """Save the person's choices, one boolean per kind of email (EmailPreference's fields)."""
    preference, _ = EmailPreference.objects.update_or_create(user=user, defaults=choices)
    return preference


# The audit trail ---------------------------------------------------------------------------------


def audit_record(
    *,
    actor: User | None,
    action: AuditAction,
    consortium,
    target=None,
    subject: User | None = None,
    detail: dict | None = None,
) -> list[AuditEvent]:
    """Record what a person did, in the caller's transaction, once in each consortium's trail.

    `consortium` is a consortium, its id, a set of ids (a person's own events go to every consortium
    they belong to) or None (the operators' trail alone, in the admin). `target` is the thing acted
    on, stored as its kind and number; `detail` holds choices, numbers and places' names, never a
    person's name, address or words, so an erased person's rows identify nobody.
    """
    if consortium is None or isinstance(consortium, (int, Consortium)):
        ids = [consortium.pk if isinstance(consortium, Consortium) else consortium]
    else:
        ids = sorted(consortium) or [None]
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    events = [
        AuditEvent(
            action=action,
            actor=actor,
            subject=subject,
            consortium_id=consortium_id,
            target_type=target_type,
            target_id=target.pk if target is not None else None,
            detail=detail or {},
        )
        for consortium_id in ids
    ]
    return AuditEvent.objects.bulk_create(events)


@transaction.atomic
def audit_trail_download_record(*, actor: User, consortium: Consortium, rows: int, filters: str) -> None:
    """A download of the trail is in the trail itself: it holds people's names."""
    detail = {"rows": rows, "filters": filters}
    audit_record(actor=actor, action=AuditAction.TRAIL_DOWNLOADED, consortium=consortium, detail=detail)


def membership_audit(
    *,
    membership: Membership,
    action: AuditAction,
    by: User | None,
    previous_role: str = "",
    invitation: Invitation | None = None,
) -> None:
    """Record a role given, changed or taken away (before its row is deleted, for the last).
    The place's kind and name are kept: a place is not a person."""
    place = membership.place
    detail = {"role": membership.role, "place": place_field(place), "place_name": place.name}
    if previous_role:
        detail["from"] = previous_role
    if invitation is not None:
        detail["invitation"] = invitation.pk
    audit_record(
        actor=by,
        action=action,
        consortium=membership.place_consortium_id,
        subject=membership.user,
        target=membership,
        detail=detail,
    )


def audit_record_for_person(*, person: User, action: AuditAction, actor: User | None, **kwargs) -> list[AuditEvent]:
    """An event about one person (their sign-in, their copy, their erasure), in the trail of every
    consortium they have a role in."""
    return audit_record(actor=actor, action=action, consortium=consortium_ids_for(person), **kwargs)
