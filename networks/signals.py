from allauth.account.signals import password_changed, password_reset, password_set
from allauth.mfa.signals import authentication_failed as two_step_failed
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AuditAction, Consortium, User


@receiver(post_save, sender=Consortium)
def give_new_consortium_practice_areas(sender, instance, created, raw=False, **kwargs):
    """Every consortium, however created (admin, import, demo), starts with the default taxonomy."""
    if created and not raw:
        from .services import consortium_seed_practice_areas

        consortium_seed_practice_areas(consortium=instance)


@receiver(user_logged_in)
def begin_session_policy(sender, request, user, **kwargs):
    """Every sign-in (allauth's, or an invitation's new account) starts the session's clocks, works
    out whether two-step sign-in is owed, and is listed among the person's sessions, so that
    `sessions_end_for` can end it."""
    from allauth.usersessions.models import UserSession

    from .adapters import client_address
    from .session_policy import session_begin

    session_begin(request.session, user)
    if client_address(request):  # a real request (the test client's force_login has no address)
        UserSession.objects.create_from_request(request)


@receiver(user_logged_in)
def keep_language_in_use(sender, request, user, **kwargs):
    """A person who has never chosen a language keeps the one they signed in with (their browser's),
    so their emails come in it too; a saved choice stays as it is."""
    from .i18n import LANGUAGE_CODES
    from .services import user_language_set

    language = getattr(request, "LANGUAGE_CODE", "")
    if not user.language and language in LANGUAGE_CODES:
        user_language_set(user=user, language=language)


@receiver(password_changed)
@receiver(password_set)
@receiver(password_reset)
def end_other_sessions_on_new_password(sender, request, user, **kwargs):
    """A new password ends every other session of the person; the one that changed it stays."""
    from .services import sessions_end_for

    sessions_end_for(user=user, keep=request.session.session_key)


@receiver(user_logged_in)
def audit_sign_in(sender, request, user, **kwargs):
    """Every sign-in, however made (password, two-step, Google or Microsoft, an invitation's link)."""
    from .services import audit_record_for_person

    audit_record_for_person(person=user, actor=user, action=AuditAction.SIGN_IN)


@receiver(user_login_failed)
def audit_sign_in_failure(sender, credentials, request=None, **kwargs):
    """A refused sign-in, in the trail of the account's consortia when the address is someone's.
    The address typed is not kept: a mistyped one may be somebody else's, or a password."""
    from .services import audit_record, audit_record_for_person

    typed = credentials.get("email") or credentials.get("username") or ""
    person = User.objects.filter(email__iexact=typed).first() if typed else None
    if person is None:
        audit_record(actor=None, action=AuditAction.SIGN_IN_FAILED, consortium=None)
    else:
        audit_record_for_person(person=person, actor=None, subject=person, action=AuditAction.SIGN_IN_FAILED)


@receiver(two_step_failed)
def audit_two_step_failure(sender, request, user, authenticator, reauthentication=False, **kwargs):
    """A wrong code at the second step of signing in (authenticator app or recovery code; allauth
    cannot tell which was meant and names the app when there is one), or when asked again before
    a sensitive change. The password was right, so the event is in the person's consortia; the code
    typed is not kept."""
    from .services import audit_record_for_person

    audit_record_for_person(
        person=user,
        actor=None,
        subject=user,
        action=AuditAction.SIGN_IN_FAILED,
        detail={"step": "two_step", "asked_again": bool(reauthentication)},
    )
