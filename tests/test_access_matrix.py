"""Every URL, every role, the status each must get.

A URL that has no row here fails `test_every_url_is_in_the_matrix`. A row of another network or
consortium is a 404, never a 403 that would confirm it exists. Admin URLs are generated from the
admin site's own registry: only operators (superusers) get in.
"""

import importlib
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from networks.models import Invitation, Role, SchoolImport
from networks.services import email_preferences_token, invitation_token
from reviews import services as review_services
from reviews.models import Feature, Framework, Question, ReviewRound, RoundStatus

from .access import (
    CONSORTIUM,
    CONSORTIUM_STAFF,
    LEADERS_OF_A,
    NETWORK_A_PEOPLE,
    OUTSIDERS,
    ROLES,
    A,
    Row,
    consortium_page,
    in_consortium,
    only,
    statuses,
)
from .factories import InvitationFactory

VALID_INVITATION = lambda w: [invitation_token(w.invitation)]  # noqa: E731
ASKED = ("teacher_a", "school_lead", "leader_a")  # network A's members and school 1's staff
ROUND = lambda w: [w.round.pk]  # noqa: E731
CLOSED_ROUND = lambda w: [w.closed_round.pk]  # noqa: E731

ROWS = [
    Row("home", expected=statuses(200)),
    Row("networks:network_list", expected=statuses(200)),
    Row("networks:network_edit", A, only(*LEADERS_OF_A)),
    Row("networks:network_edit", lambda w: [w.other_network.slug], OUTSIDERS, label="other consortium"),
    Row("networks:network_edit", A, only(*LEADERS_OF_A, ok=302), method="post", label="empty form"),
    Row("networks:network_school_add", A, only(*LEADERS_OF_A)),
    Row("networks:network_school_remove", lambda w: [w.network_a.slug, w.school_1.urn], only(*LEADERS_OF_A)),
    Row(
        "networks:network_school_remove",
        lambda w: [w.network_a.slug, w.school_3.urn],
        only(ok=404),
        label="school not in network",
    ),
    Row("networks:network_invite", A, only(*LEADERS_OF_A)),
    Row("networks:network_invite", lambda w: [w.network_b.slug], only(*CONSORTIUM_STAFF), label="network B"),
    Row("networks:school_list", expected=statuses(200)),
    Row("networks:school_invite", lambda w: [w.school_1.urn], only("school_lead", *CONSORTIUM_STAFF)),
    Row("networks:school_invite", lambda w: [w.other_school.urn], OUTSIDERS, label="other consortium"),
    *consortium_page("networks:consortium_detail", statuses(200)),
    *consortium_page("networks:consortium_invite"),
    Row("networks:network_create", CONSORTIUM, only(*CONSORTIUM_STAFF)),
    *consortium_page("networks:school_import_upload"),
    Row("networks:school_import_preview", in_consortium("school_import"), only(*CONSORTIUM_STAFF)),
    Row(
        "networks:school_import_preview",
        in_consortium("other_import"),
        only("superuser", ok=404),
        label="other consortium's import",
    ),
    *consortium_page("networks:practice_area_list"),
    Row("networks:practice_area_edit", in_consortium("area"), only(*CONSORTIUM_STAFF)),
    Row("networks:practice_area_edit", in_consortium("other_area"), only(ok=404), label="other consortium's area"),
    Row("networks:practice_area_remove", in_consortium("area"), only(*CONSORTIUM_STAFF)),
    Row("networks:invitation_accept", VALID_INVITATION, statuses(200, anonymous=200)),
    Row("networks:invitation_accept", lambda w: ["forged-token"], statuses(404, anonymous=404), label="forged"),
    Row("networks:invitation_withdraw", lambda w: [w.invitation.pk], statuses(405, anonymous=302)),
    Row("networks:invitation_withdraw", lambda w: [w.invitation.pk], only(*LEADERS_OF_A, ok=302), method="post"),
    Row(
        "networks:invitation_withdraw",
        lambda w: [w.other_invitation.pk],
        only("superuser", ok=302),
        method="post",
        label="other consortium",
    ),
    Row("networks:profile", expected=statuses(200)),
    # The language switch on every page: anyone, signed in or not; a form's POST only.
    Row("networks:language_set", expected=statuses(405, anonymous=405)),
    Row("networks:language_set", expected=statuses(302, anonymous=302), method="post"),
    # Self-review.
    Row("reviews:round_list", A, only(*NETWORK_A_PEOPLE)),
    Row("reviews:round_list", lambda w: [w.other_network.slug], OUTSIDERS, label="other consortium"),
    Row("reviews:round_create", A, only(*LEADERS_OF_A)),
    Row("reviews:round_create", A, only(*LEADERS_OF_A), method="post", label="empty form"),
    Row("reviews:round_create", lambda w: [w.network_b.slug], only(*CONSORTIUM_STAFF), label="network B"),
    Row("reviews:review_settings", A, only(*LEADERS_OF_A)),
    Row("reviews:round_detail", ROUND, only(*NETWORK_A_PEOPLE)),
    Row("reviews:round_open", ROUND, statuses(405, anonymous=302)),
    Row("reviews:round_open", ROUND, only(*LEADERS_OF_A, ok=302), method="post", label="already open"),
    Row("reviews:round_extend", ROUND, only(*LEADERS_OF_A)),
    Row("reviews:round_close", ROUND, only(*LEADERS_OF_A)),
    Row("reviews:round_close", ROUND, only(*LEADERS_OF_A, ok=302), method="post"),
    Row("reviews:response_edit", ROUND, only(*ASKED)),
    Row("reviews:response_edit", ROUND, only(*ASKED, ok=302), method="post", label="nothing given"),
    Row("reviews:answer_save", lambda w: [w.round.pk, w.question.pk], statuses(405, anonymous=302)),
    Row(
        "reviews:answer_save",
        lambda w: [w.round.pk, w.question.pk],
        only(*ASKED, ok=400),
        method="post",
        label="no rating",
    ),
    Row("reviews:response_submit", ROUND, statuses(405, anonymous=302)),
    Row("reviews:response_submit", ROUND, only(*ASKED), method="post", label="questions left"),
    Row("reviews:round_results", ROUND, only(*LEADERS_OF_A), label="open round"),
    Row("reviews:round_results", CLOSED_ROUND, only("teacher_a", "school_lead", *LEADERS_OF_A), label="closed"),
    Row("reviews:round_results", lambda w: [w.other_round.pk], OUTSIDERS, label="other consortium"),
    Row("reviews:round_results_csv", ROUND, only(ok=404), label="open round: figures once closed"),
    Row("reviews:round_results_csv", CLOSED_ROUND, only("teacher_a", "school_lead", *LEADERS_OF_A), label="closed"),
    Row("reviews:maturity_record", lambda w: [w.school_1.urn], only("school_lead", "superuser")),
    Row(
        "reviews:maturity_record",
        lambda w: [w.school_1.urn],
        only("school_lead", "superuser"),
        method="post",
        label="empty form",
    ),
    Row("reviews:maturity_record", lambda w: [w.school_2.urn], only("superuser"), label="another school"),
    Row("reviews:maturity_record", lambda w: [w.other_school.urn], OUTSIDERS, label="other consortium"),
    Row("networks:email_preferences", expected=statuses(200)),
    Row(
        "networks:email_preferences_by_link",
        lambda w: [email_preferences_token(w.people.teacher_a)],
        statuses(200, anonymous=200),
    ),
    Row("networks:email_preferences_by_link", lambda w: ["forged"], statuses(404, anonymous=404), label="forged"),
    # Accounts (django-allauth). Signed-in people are sent on from the sign-in pages.
    Row("account_login", expected=statuses(302, anonymous=200)),
    Row("account_logout", expected=statuses(200, anonymous=302)),
    Row("account_inactive", expected=statuses(200, anonymous=200)),
    Row("account_signup", expected=statuses(302, anonymous=200)),
    Row("account_reauthenticate", expected=statuses(200)),
    Row("account_email", expected=statuses(200)),
    Row("account_email_verification_sent", expected=statuses(200, anonymous=200)),
    Row("account_change_password", expected=statuses(200)),
    Row("account_set_password", expected=statuses(302)),
    Row("account_reset_password", expected=statuses(200, anonymous=200)),
    Row("account_reset_password_done", expected=statuses(200, anonymous=200)),
    Row("account_reset_password_from_key", lambda w: ["1", "bad-key"], statuses(200, anonymous=200)),
    Row("account_reset_password_from_key_done", expected=statuses(200, anonymous=200)),
    Row("account_confirm_email", lambda w: ["bad-key"], statuses(200, anonymous=200)),
    Row("account_confirm_login_code", expected=statuses(302, anonymous=302)),
    Row("mfa_index", expected=statuses(200)),
    Row("mfa_authenticate", expected=statuses(302, anonymous=302)),
    Row("mfa_reauthenticate", expected=statuses(302)),
    # Turning on two-step sign-in asks for the password again first.
    Row("mfa_activate_totp", expected=statuses(302)),
    Row("mfa_deactivate_totp", expected=statuses(404)),
    Row("mfa_view_recovery_codes", expected=statuses(404)),
    Row("mfa_generate_recovery_codes", expected=statuses(302)),
    Row("mfa_download_recovery_codes", expected=statuses(404)),
    # Passkeys (WebAuthn): adding, editing or removing one asks for the password again first;
    # signing in with one is for those signed out, its options fetched by the page's script.
    Row("mfa_list_webauthn", expected=statuses(200)),
    Row("mfa_add_webauthn", expected=statuses(302)),
    Row("mfa_reauthenticate_webauthn", expected=statuses(302)),
    Row("mfa_edit_webauthn", lambda w: [0], statuses(302)),
    Row("mfa_remove_webauthn", lambda w: [0], statuses(302)),
    Row("mfa_login_webauthn", expected=statuses(302, anonymous=302)),
]


def admin_rows():
    """Rows for the admin site: operators in; everyone else is sent to the admin sign-in."""
    not_operator = dict.fromkeys(ROLES, 302)
    rows = [
        Row("admin:index", expected={**not_operator, "superuser": 200}),
        # The admin signs nobody in: anonymous people go to the account sign-in, where two-step
        # sign-in applies; signed-in people who are not operators find nothing there.
        Row("admin:login", expected=statuses(404, anonymous=302, superuser=302)),
        Row("admin:logout", expected={**not_operator, "superuser": 405}),
        Row("admin:password_change", expected={**not_operator, "superuser": 200}),
        Row("admin:password_change_done", expected={**not_operator, "superuser": 200}),
        Row("admin:jsi18n", expected={**not_operator, "superuser": 200}),
        Row("admin:autocomplete", expected={**not_operator, "superuser": 403}),
        Row("admin:view_on_site", lambda w: [0, 0], expected={**not_operator, "superuser": 404}),
        Row("admin:auth_user_password_change", lambda w: [w.people.teacher_a.pk], {**not_operator, "superuser": 200}),
    ]
    for label in sorted({model._meta.app_label for model in admin.site._registry}):
        rows.append(
            Row("admin:app_list", lambda w, label=label: [label], {**not_operator, "superuser": 200}, label=label)
        )
    operator = SimpleNamespace(user=SimpleNamespace(has_perm=lambda perm: True))
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        # Records only the platform writes (axes' lockouts, the sweeps' runs): even operators
        # cannot add one by hand.
        add_status = 200 if model_admin.has_add_permission(operator) else 403
        # The audit trail cannot be deleted, by operators either: its delete page is refused.
        delete_status = "200 if it exists, else 302" if model_admin.has_delete_permission(operator) else 403
        rows.append(Row(f"{prefix}_changelist", expected={**not_operator, "superuser": 200}))
        rows.append(Row(f"{prefix}_add", expected={**not_operator, "superuser": add_status}))
        for view in ("change", "delete", "history"):
            rows.append(
                Row(
                    f"{prefix}_{view}",
                    lambda w, model=model: [
                        model._default_manager.order_by("pk").values_list("pk", flat=True).first() or 0
                    ],
                    # A missing object sends the operator back to the index with a message.
                    {**not_operator, "superuser": delete_status if view == "delete" else "200 if it exists, else 302"},
                )
            )
    return rows


# Each app's own rows: tests/<app>/access_rows.py with ROWS and extend_world(world).
APP_ROWS = [
    importlib.import_module(f"tests.{path.parent.name}.access_rows")
    for path in sorted(Path(__file__).parent.glob("*/access_rows.py"))
]
ALL_ROWS = ROWS + admin_rows() + [row for module in APP_ROWS for row in module.ROWS]


def url_names(patterns=None, namespace=None):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from url_names(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    covered = {row.name for row in ALL_ROWS}
    missing = sorted(set(url_names()) - covered)
    assert not missing, f"URLs with no row in the access matrix: {missing}"


@pytest.fixture
def matrix_world(world):
    """The shared world plus the rows some URLs need: invitations and school imports."""
    framework = Framework.objects.create(slug="matrix", name="Matrix framework", source="Made in the test")
    feature = Feature.objects.create(framework=framework, position=1, slug="f", name="Feature")
    world.question = Question.objects.create(feature=feature, position=1, text="A question?")
    today = timezone.localdate()

    def round_on(network):
        return review_services.round_create(
            network=network,
            framework=framework,
            opens_on=today,
            closes_on=today + timedelta(days=21),
            created_by=world.people.superuser,
        )

    world.round, world.closed_round, world.other_round = (
        round_on(world.network_a),
        round_on(world.network_a),
        round_on(world.other_network),
    )
    review_services.round_close(round=world.closed_round)
    review_services.round_close(round=world.other_round)
    world.area = world.consortium.practice_areas.first()
    for module in APP_ROWS:
        module.extend_world(world)
    world.other_area = world.other_consortium.practice_areas.first()
    world.invitation = InvitationFactory(network=world.network_a, role=Role.NETWORK_MEMBER)
    world.other_invitation = InvitationFactory(network=world.other_network, role=Role.NETWORK_MEMBER)
    world.school_import = SchoolImport.objects.create(
        consortium=world.consortium, filename="gias.csv", content="URN,Establishment name\n1,A School\n"
    )
    world.other_import = SchoolImport.objects.create(
        consortium=world.other_consortium, filename="gias.csv", content="URN,Establishment name\n1,A School\n"
    )
    return world


def _expected(row, role, url_kwargs_exist):
    expected = row.expected[role]
    if isinstance(expected, str):
        return 200 if url_kwargs_exist else 302
    return expected


@pytest.mark.parametrize("row", ALL_ROWS, ids=lambda row: row.id)
def test_access(row, matrix_world, client):
    args = row.args(matrix_world) if row.args else []
    url = reverse(row.name, args=args)
    got, want = {}, {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(getattr(matrix_world.people, role))
        # Each role starts from the same rows: a POST that changes something is undone.
        if row.method == "post":
            Invitation.objects.update(revoked_at=None)
            ReviewRound.objects.filter(pk=matrix_world.round.pk).update(status=RoundStatus.OPEN, closed_at=None)
            for module in APP_ROWS:
                getattr(module, "reset", lambda world: None)(matrix_world)
        response = getattr(client, row.method)(url)
        got[role] = response.status_code
        want[role] = _expected(row, role, args and args[0] != 0)
    assert got == want, url
