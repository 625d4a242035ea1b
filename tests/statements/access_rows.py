"""The access matrix's rows for the statement of account and its share links.

Network A has a published statement (with a link that works, one expired and one revoked) and a
draft; the other consortium's network has a published statement. Drafts are for the network's
leaders and the consortium's staff; anyone who can see the network reads the published one; the
share link opens for anyone, signed in or not, while it works.
"""

from datetime import date, timedelta

from django.utils import timezone

from plc_platform import statement_services as services
from plc_platform.models import StatementShare
from tests.access import LEADERS_OF_A, NETWORK_A_PEOPLE, OUTSIDERS, Row, only, statuses

YEAR = (date(2025, 9, 1), date(2026, 8, 31))
PUBLISHED = lambda w: [w.statement.pk]  # noqa: E731
DRAFT = lambda w: [w.draft.pk]  # noqa: E731
OTHER = lambda w: [w.other_statement.pk]  # noqa: E731


def _published(network, by):
    statement = services.statement_create(network=network, start=YEAR[0], end=YEAR[1], label="2025 to 2026", by=by)
    return services.statement_publish(statement=statement, by=by)


def extend_world(world):
    people = world.people
    world.statement = _published(world.network_a, people.leader_a)
    world.draft = services.statement_create(
        network=world.network_a, start=date(2026, 1, 1), end=date(2026, 3, 31), label="Spring 2026", by=people.leader_a
    )
    world.other_statement = _published(world.other_network, people.superuser)
    world.share = services.share_create(statement=world.statement, by=people.leader_a, label="Governors")
    world.expired_share = services.share_create(statement=world.statement, by=people.leader_a)
    StatementShare.objects.filter(pk=world.expired_share.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    world.revoked_share = services.share_revoke(
        share=services.share_create(statement=world.statement, by=people.leader_a)
    )
    world.other_share = services.share_create(statement=world.other_statement, by=people.superuser)


def token(name):
    return lambda w: [services.share_token(getattr(w, name))]


FORGED = lambda w: [services.share_token(w.share)[:-3] + "abc"]  # noqa: E731
EVERYONE = statuses(200, anonymous=200)
GONE = statuses(410, anonymous=410)
NOWHERE = statuses(404, anonymous=404)

ROWS = [
    Row("statements:list", lambda w: [w.network_a.slug], only(*NETWORK_A_PEOPLE)),
    Row("statements:list", lambda w: [w.other_network.slug], OUTSIDERS, label="other consortium"),
    Row("statements:list", lambda w: [w.network_a.slug], only(*LEADERS_OF_A), method="post", label="empty form"),
    Row("statements:detail", PUBLISHED, only(*NETWORK_A_PEOPLE), label="published"),
    Row("statements:detail", DRAFT, only(*LEADERS_OF_A), label="draft"),
    Row("statements:detail", OTHER, OUTSIDERS, label="other consortium"),
    Row("statements:detail", DRAFT, only(*LEADERS_OF_A, ok=302), method="post", label="draft, empty form"),
    Row("statements:detail", PUBLISHED, only(ok=404), method="post", label="published cannot be rewritten"),
    Row("statements:publish", DRAFT, only(*LEADERS_OF_A)),
    Row("statements:publish", PUBLISHED, only(ok=404), label="already published"),
    Row("statements:publish", OTHER, only(ok=404), label="other consortium, published"),
    Row("statements:csv", PUBLISHED, only(*NETWORK_A_PEOPLE)),
    Row("statements:csv", DRAFT, only(*LEADERS_OF_A), label="draft"),
    Row("statements:csv", OTHER, OUTSIDERS, label="other consortium"),
    Row("statements:pdf", PUBLISHED, only(*NETWORK_A_PEOPLE)),
    Row("statements:pdf", OTHER, OUTSIDERS, label="other consortium"),
    Row("statements:share_create", PUBLISHED, only(*LEADERS_OF_A, ok=302), method="post"),
    Row("statements:share_create", OTHER, only("superuser", ok=302), method="post", label="other consortium"),
    Row(
        "statements:share_revoke",
        lambda w: [w.statement.pk, w.share.pk],
        only(*LEADERS_OF_A, ok=302),
        method="post",
    ),
    Row(
        "statements:share_revoke",
        lambda w: [w.statement.pk, w.other_share.pk],
        only(ok=404),
        method="post",
        label="another statement's link",
    ),
    Row("statements:shared", token("share"), EVERYONE, label="valid"),
    Row("statements:shared", token("expired_share"), GONE, label="expired"),
    Row("statements:shared", token("revoked_share"), GONE, label="revoked"),
    Row("statements:shared", FORGED, NOWHERE, label="forged"),
    Row("statements:shared_pdf", token("share"), EVERYONE, label="valid"),
    Row("statements:shared_pdf", token("revoked_share"), GONE, label="revoked"),
    Row("statements:shared_pdf", FORGED, NOWHERE, label="forged"),
]


def reset(world):
    """Undo a POST's change: the working link works again."""
    StatementShare.objects.filter(pk=world.share.pk).update(revoked_at=None)
