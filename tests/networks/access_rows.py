"""The access matrix's rows for signing in with Google or Microsoft: the consortium's sign-in
settings (its staff only; another consortium's a 404), and allauth's social account pages; the
consortium's audit trail (its staff only). Then a
network's members page (those who see the network), placing a member in a school (its leaders),
and choosing one's own school (everyone signed in)."""

from networks.models import Membership, SignInDomain
from tests.access import (
    CONSORTIUM,
    CONSORTIUM_STAFF,
    LEADERS_OF_A,
    NETWORK_A_PEOPLE,
    OUTSIDERS,
    A,
    Row,
    consortium_page,
    only,
    statuses,
)


def extend_world(world):
    world.sign_in_domain = SignInDomain.objects.create(
        consortium=world.consortium, domain="llanwern.cymru", provider="google"
    )
    world.other_sign_in_domain = SignInDomain.objects.create(
        consortium=world.other_consortium, domain="bangor.cymru", provider="microsoft"
    )
    world.member_of_a = Membership.objects.get(user=world.people.teacher_a, network=world.network_a)
    world.member_of_b = Membership.objects.get(user=world.people.teacher_b, network=world.network_b)


def reset(world):
    SignInDomain.objects.get_or_create(
        pk=world.sign_in_domain.pk,
        defaults={"consortium": world.consortium, "domain": "llanwern.cymru", "provider": "google"},
    )


DOMAIN = lambda w: [w.consortium.slug, w.sign_in_domain.pk]  # noqa: E731
MEMBER_OF_A = lambda w: [w.network_a.slug, w.member_of_a.pk]  # noqa: E731

ROWS = [
    *consortium_page("networks:sign_in_settings"),
    Row("networks:sign_in_settings", CONSORTIUM, only(*CONSORTIUM_STAFF), method="post", label="empty form"),
    Row("networks:sign_in_domain_remove", DOMAIN, only(*CONSORTIUM_STAFF)),
    Row("networks:sign_in_domain_remove", DOMAIN, only(*CONSORTIUM_STAFF, ok=302), method="post"),
    Row(
        "networks:sign_in_domain_remove",
        lambda w: [w.consortium.slug, w.other_sign_in_domain.pk],
        only(ok=404),
        label="another consortium's domain",
    ),
    *consortium_page("networks:audit_trail"),
    *consortium_page("networks:audit_trail_csv"),
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
    # A network's members and their schools; placing a member in a school; choosing one's own.
    Row("networks:network_members", A, only(*NETWORK_A_PEOPLE)),
    Row("networks:network_members", lambda w: [w.other_network.slug], OUTSIDERS, label="other consortium"),
    Row("networks:network_member_school", MEMBER_OF_A, only(*LEADERS_OF_A)),
    Row("networks:network_member_school", MEMBER_OF_A, only(*LEADERS_OF_A), method="post", label="empty form"),
    Row(
        "networks:network_member_school",
        lambda w: [w.network_a.slug, w.member_of_b.pk],
        only(ok=404),
        label="another network's member",
    ),
    Row("networks:school_choose", expected=statuses(200)),
    Row("networks:school_choose", expected=statuses(200), method="post", label="empty form"),
]
