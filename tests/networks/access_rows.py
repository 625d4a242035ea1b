"""The access matrix's rows for signing in with Google or Microsoft: the consortium's sign-in
settings (its staff only; another consortium's a 404), and allauth's social account pages."""

from networks.models import SignInDomain
from tests.access import CONSORTIUM_STAFF, OUTSIDERS, Row, only, statuses


def extend_world(world):
    world.sign_in_domain = SignInDomain.objects.create(
        consortium=world.consortium, domain="llanwern.cymru", provider="google"
    )
    world.other_sign_in_domain = SignInDomain.objects.create(
        consortium=world.other_consortium, domain="bangor.cymru", provider="microsoft"
    )


def reset(world):
    SignInDomain.objects.get_or_create(
        pk=world.sign_in_domain.pk,
        defaults={"consortium": world.consortium, "domain": "llanwern.cymru", "provider": "google"},
    )


DOMAIN = lambda w: [w.consortium.slug, w.sign_in_domain.pk]  # noqa: E731

ROWS = [
    Row("networks:sign_in_settings", lambda w: [w.consortium.slug], only(*CONSORTIUM_STAFF)),
    Row("networks:sign_in_settings", lambda w: [w.other_consortium.slug], OUTSIDERS, label="other consortium"),
    Row(
        "networks:sign_in_settings",
        lambda w: [w.consortium.slug],
        only(*CONSORTIUM_STAFF),
        method="post",
        label="empty form",
    ),
    Row("networks:sign_in_domain_remove", DOMAIN, only(*CONSORTIUM_STAFF)),
    Row("networks:sign_in_domain_remove", DOMAIN, only(*CONSORTIUM_STAFF, ok=302), method="post"),
    Row(
        "networks:sign_in_domain_remove",
        lambda w: [w.consortium.slug, w.other_sign_in_domain.pk],
        only(ok=404),
        label="another consortium's domain",
    ),
    # allauth's social account pages. With no provider configured, starting a sign-in is a 404.
    Row("socialaccount_connections", expected=statuses(200)),
    Row("socialaccount_login_cancelled", expected=statuses(200, anonymous=200)),
    Row("socialaccount_login_error", expected=statuses(401)),
    Row("socialaccount_signup", expected=statuses(302, anonymous=302)),
    Row("google_login", expected=statuses(404, anonymous=404)),
    Row("google_callback", expected=statuses(404, anonymous=404)),
    Row("google_login_by_token", expected=statuses(404, anonymous=404)),
    Row("microsoft_login", expected=statuses(404, anonymous=404)),
    Row("microsoft_callback", expected=statuses(404, anonymous=404)),
]
