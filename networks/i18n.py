"""The language a person reads the platform in (issue 16): Welsh or English.

Before sign-in the browser's choice applies (its Accept-Language header, or Django's language
cookie once the switch on every page is used); a signed-in person's saved `User.language` wins over
both (plc_platform.middleware.UserLanguageMiddleware). Emails are sent in the recipient's language,
whatever language the sender is using: every app's email senders wrap their rendering in
`override_for(recipient)`.
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def language_of(user) -> str:
    """A person's language: the one they chose, else the platform's default (English)."""
    language = getattr(user, "language", "") or ""
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


@contextmanager
def override_for(user):
    """Render (an email's subject and body) in `user`'s language, then restore the one in use."""
    with translation.override(language_of(user)):
        yield
