"""Request and response rules that hold for every page."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext, ngettext

from networks import session_policy

from .errors import plain_page

# No page of the platform uses these; a page that is framed or injected cannot turn them on.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class RequestSizeLimitMiddleware:
    """Refuse a body larger than MAX_REQUEST_BYTES from its Content-Length, before reading it.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams uploaded files to disk
    whatever their size; the proxy in front should refuse the same size first (README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return plain_page(413, limit_mb=settings.MAX_REQUEST_BYTES // (1024 * 1024))
        return self.get_response(request)


class PrivateResponseMiddleware:
    """Nothing a signed-in person is shown is kept by a browser or a proxy cache.

    Pages, CSV downloads and evidence files behind sign-in carry `Cache-Control: private,
    no-store`; every response carries the Permissions-Policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


def _duration(seconds: int) -> str:
    hours, minutes = divmod(seconds // 60, 60)
    if hours and not minutes:
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    if not hours:
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    return gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}


class SessionLifetimeMiddleware:
    """Sign a person out after SESSION_IDLE_TIMEOUT without a request, and SESSION_ABSOLUTE_LIFETIME
    after they signed in, whatever they do (networks.session_policy).

    Reads only the session, which is loaded anyway to know who is signed in; the last-seen stamp is
    written at most once a minute. Runs before LoginRequiredMiddleware's check, so a page asked for
    after the limit goes to the sign-in page and back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = time.time()
            ended = session_policy.session_ended(session, now)
            if ended:
                self._sign_out(request, ended)
            else:
                session_policy.session_seen(session, now)
        return self.get_response(request)

    def _sign_out(self, request, ended):
        from allauth.usersessions.models import UserSession

        UserSession.objects.filter(session_key=request.session.session_key).delete()
        logout(request)
        if ended == session_policy.IDLE:
            text = gettext("You were signed out after %(duration)s without activity.") % {
                "duration": _duration(settings.SESSION_IDLE_TIMEOUT)
            }
        else:
            text = gettext("You were signed out: a sign-in lasts %(duration)s at most.") % {
                "duration": _duration(settings.SESSION_ABSOLUTE_LIFETIME)
            }
        messages.info(request, text + " " + gettext("Sign in again to carry on."))


# What a person who owes two-step sign-in may still open: setting it up (allauth's two-step pages,
# and the password asked again first), signing out, their email addresses (setting up needs a
# verified one) and their data-protection rights.
TWO_STEP_OPEN_NAMES = {
    "account_logout",
    "account_reauthenticate",
    "account_email",
    "account_confirm_email",
    "account_email_verification_sent",
}
TWO_STEP_OPEN_NAMESPACES = {"privacy"}


class TwoStepRequiredMiddleware:
    """While REQUIRE_TWO_STEP holds and the session owes two-step sign-in (worked out at sign-in:
    operators, consortium staff, specialists, network leaders and co-leaders without it), every
    other page sends the person to set it up.

    A session that owes nothing costs nothing: the flag is read from the session. One that owes it
    is checked again (one query) on each page it is refused, so setting it up (here or in another browser),
    or losing the role, lets it through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(session_policy.TWO_STEP_OWED) and not self._open(request):
            if session_policy.two_step_owed(request.user):
                return self._to_set_up(request)
            del request.session[session_policy.TWO_STEP_OWED]
        return self.get_response(request)

    @staticmethod
    def _open(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        name = match.view_name
        return name.startswith("mfa_") or name in TWO_STEP_OPEN_NAMES or match.namespace in TWO_STEP_OPEN_NAMESPACES

    @staticmethod
    def _to_set_up(request):
        url = reverse("mfa_index")
        messages.warning(
            request,
            gettext("Your role asks for two-step sign-in. Set it up here, with an authenticator app or a passkey."),
        )
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)


class UserLanguageMiddleware:
    """A signed-in person reads the platform in their saved language (networks.i18n), whatever the
    browser asks for; LocaleMiddleware, before sign-in is known, has chosen the browser's. The
    language cookie is brought in line, so the choice stays after signing out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.user.language if request.user.is_authenticated else ""
        if language and language != request.LANGUAGE_CODE:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
