"""The audit trail: role changes and sign-ins are recorded by the code that makes them, and nobody
can change or delete a recorded row, through the ORM, the admin or (on PostgreSQL) plain SQL; the
one change let through is forgetting a link, which erasure needs."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from networks import services
from networks.models import AuditAction, AuditEvent, AuditTrailReadOnly, Membership, Role
from networks.reads import audit_description
from tests.conftest import service_missing
from tests.factories import PASSWORD, InvitationFactory, UserFactory
from tests.sign_in.helpers import totp_code

pytestmark = pytest.mark.django_db


def events(action, **filters):
    return list(AuditEvent.objects.filter(action=action, **filters).order_by("pk"))


def recorded(world, **kwargs):
    kwargs.setdefault("actor", world.people.consortium_staff)
    kwargs.setdefault("action", AuditAction.SHARING_CHANGED)
    kwargs.setdefault("consortium", world.consortium)
    return services.audit_record(**kwargs)[0]


# Recorded by the code that makes the change ------------------------------------------------------


def test_accepting_an_invitation_records_the_role_given_and_who_gave_it(world, client):
    invitation = InvitationFactory(
        email="new.teacher@example.org",
        network=world.network_a,
        role=Role.NETWORK_MEMBER,
        invited_by=world.people.leader_a,
    )
    person = services.invitation_accept(invitation=invitation, full_name="New Teacher", password="a long passphrase 1")

    [event] = events(AuditAction.MEMBERSHIP_ADDED)
    membership = Membership.objects.get(user=person, network=world.network_a)
    assert (event.actor, event.subject, event.consortium) == (world.people.leader_a, person, world.consortium)
    assert (event.target_type, event.target_id) == (ContentType.objects.get_for_model(Membership), membership.pk)
    assert event.detail == {
        "role": "network_member",
        "place": "network",
        "place_name": "Valleys Writing Network",
        "invitation": invitation.pk,
    }


def test_a_member_invited_to_lead_their_network_is_recorded_as_a_role_change(world):
    invitation = InvitationFactory(
        email=world.people.teacher_a.email,
        network=world.network_a,
        role=Role.NETWORK_CO_LEADER,
        invited_by=world.people.leader_a,
    )
    services.invitation_accept(invitation=invitation, user=world.people.teacher_a)

    [event] = events(AuditAction.ROLE_CHANGED)
    assert (event.actor, event.subject) == (world.people.leader_a, world.people.teacher_a)
    assert (event.detail["from"], event.detail["role"]) == ("network_member", "network_co_leader")
    assert not events(AuditAction.MEMBERSHIP_ADDED)


def test_roles_given_changed_and_taken_away_in_the_admin_are_recorded_with_the_operator(world, client):
    operator, teacher = world.people.superuser, world.people.teacher_b
    client.force_login(operator)
    add = client.post(
        reverse("admin:networks_membership_add"),
        {"user": teacher.pk, "role": Role.SCHOOL_LEAD, "school": world.school_3.pk},
    )
    assert add.status_code == 302
    membership = Membership.objects.get(user=teacher, role=Role.SCHOOL_LEAD)
    change = client.post(
        reverse("admin:networks_membership_change", args=[membership.pk]),
        {"user": teacher.pk, "role": Role.SCHOOL_STAFF, "school": world.school_2.pk},
    )
    assert change.status_code == 302
    delete = client.post(reverse("admin:networks_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert delete.status_code == 302

    trail = list(AuditEvent.objects.filter(subject=teacher).order_by("pk"))
    assert [e.action for e in trail] == ["membership_added", "role_changed", "membership_removed"]
    assert {e.actor for e in trail} == {operator}
    assert trail[1].detail["from"] == "school_lead"
    assert trail[2].target_id == membership.pk  # recorded before the row went


def test_an_officer_changing_a_role_through_the_service_is_recorded(world):
    staff, leader = world.people.consortium_staff, world.people.leader_a
    membership = Membership.objects.get(user=leader, network=world.network_a)

    services.membership_set_role(membership=membership, role=Role.NETWORK_CO_LEADER, by=staff)
    services.membership_set_role(membership=membership, role=Role.NETWORK_CO_LEADER, by=staff)  # no change

    [event] = events(AuditAction.ROLE_CHANGED)
    assert (event.actor, event.subject, event.consortium) == (staff, leader, world.consortium)
    assert (event.target_type.model, event.target_id) == ("membership", membership.pk)
    assert event.detail == {
        "role": "network_co_leader",
        "from": "network_leader",
        "place": "network",
        "place_name": world.network_a.name,
    }


def wrong_code(secret):
    """A six-digit code the authenticator app does not show now."""
    return f"{(int(totp_code(secret)) + 1) % 10**6:06d}"


def test_a_wrong_two_step_code_is_recorded_without_the_code_typed(world, client):
    leader = world.people.leader_a
    secret = generate_totp_secret()
    TOTP.activate(leader, secret)
    RecoveryCodes.activate(leader)
    typed = [wrong_code(secret), "zz99zz99"]  # a wrong app code, then a wrong recovery code
    assert client.post(reverse("account_login"), {"login": leader.email, "password": PASSWORD}).url == reverse(
        "mfa_authenticate"
    )

    for code in typed:
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 200
        assert "Incorrect code" in response.content.decode()
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}).status_code == 302
    response = client.post(reverse("mfa_reauthenticate"), {"code": wrong_code(secret)})
    assert response.status_code == 200

    failed = events(AuditAction.SIGN_IN_FAILED)
    assert [(e.actor, e.subject, e.consortium) for e in failed] == [(None, leader, world.consortium)] * 3
    assert [e.detail for e in failed] == [
        {"step": "two_step", "asked_again": False},
        {"step": "two_step", "asked_again": False},
        {"step": "two_step", "asked_again": True},
    ]
    assert [audit_description(e) for e in failed] == [
        "Wrong two-step code after the right password",
        "Wrong two-step code after the right password",
        "Wrong two-step code when asked again before a change",
    ]
    assert len(events(AuditAction.SIGN_IN)) == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT detail::text FROM networks_auditevent")
        details = " ".join(row[0] for row in cursor.fetchall())
    assert not any(code in details for code in typed)


def test_a_sign_in_is_recorded_in_each_of_the_persons_consortia(world, client):
    world.people.teacher_a.set_password("a long passphrase 1")
    world.people.teacher_a.save()
    response = client.post(
        reverse("account_login"), {"login": "teacher.a@example.org", "password": "a long passphrase 1"}
    )
    assert response.status_code == 302
    [event] = events(AuditAction.SIGN_IN)
    assert (event.actor, event.consortium, event.subject) == (world.people.teacher_a, world.consortium, None)


def test_a_failed_sign_in_is_recorded_for_the_accounts_consortium_without_the_address_typed(world, client):
    client.post(reverse("account_login"), {"login": "teacher.a@example.org", "password": "not the password"})
    client.post(reverse("account_login"), {"login": "nobody.here@example.org", "password": "not the password"})

    matched, unmatched = events(AuditAction.SIGN_IN_FAILED)
    assert (matched.actor, matched.subject, matched.consortium) == (None, world.people.teacher_a, world.consortium)
    assert (unmatched.actor, unmatched.subject, unmatched.consortium) == (None, None, None)
    assert matched.detail == unmatched.detail == {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM networks_auditevent WHERE detail::text LIKE %s", ["%nobody.here%"])
        assert cursor.fetchone()[0] == 0


def test_an_event_is_written_in_the_transaction_of_its_change(world):
    invitation = InvitationFactory(
        email="rolled.back@example.org", network=world.network_a, invited_by=world.people.leader_a
    )

    def accept_then_fail():
        with transaction.atomic():
            services.invitation_accept(invitation=invitation, full_name="Rolled Back", password="a long passphrase 1")
            raise RuntimeError("the request failed after the change")

    with pytest.raises(RuntimeError):
        accept_then_fail()
    assert not events(AuditAction.MEMBERSHIP_ADDED)


# Nobody can change it ---------------------------------------------------------------------------------


def test_the_orm_refuses_to_change_or_delete_a_recorded_event(world):
    event = recorded(world)
    event.action = AuditAction.COST_APPROVED
    with pytest.raises(AuditTrailReadOnly):
        event.save()
    with pytest.raises(AuditTrailReadOnly):
        event.delete()
    with pytest.raises(AuditTrailReadOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditAction.COST_APPROVED)
    with pytest.raises(AuditTrailReadOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.SHARING_CHANGED


def test_the_admin_lets_even_a_superuser_only_read_the_trail(world, client):
    event = recorded(world)
    client.force_login(world.people.superuser)
    assert client.get(reverse("admin:networks_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:networks_auditevent_change", args=[event.pk])).status_code == 200
    assert client.get(reverse("admin:networks_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:networks_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    client.post(reverse("admin:networks_auditevent_change", args=[event.pk]), {"action": "cost_approved"})
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.SHARING_CHANGED


def _sql(statement, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_postgresql_refuses_an_update_or_delete_in_plain_sql(world):
    if connection.vendor != "postgresql":
        service_missing("the trigger is PostgreSQL's; SQLite relies on the model's guards")
    event = recorded(world, target=world.network_a, detail={"from": "private", "to": "network"})
    other = UserFactory()
    refused = [
        ("UPDATE networks_auditevent SET action = 'cost_approved' WHERE id = %s", [event.pk]),
        ("UPDATE networks_auditevent SET detail = '{}' WHERE id = %s", [event.pk]),
        ("UPDATE networks_auditevent SET created_at = now() WHERE id = %s", [event.pk]),
        ("UPDATE networks_auditevent SET target_id = 1 WHERE id = %s", [event.pk]),
        ("UPDATE networks_auditevent SET actor_id = %s WHERE id = %s", [other.pk, event.pk]),
        ("DELETE FROM networks_auditevent WHERE id = %s", [event.pk]),
    ]
    for statement, params in refused:
        with pytest.raises(DatabaseError, match="audit trail cannot be"):
            _sql(statement, params)
    unchanged = AuditEvent.objects.get(pk=event.pk)
    assert (unchanged.action, unchanged.actor_id, unchanged.detail) == (
        "sharing_changed",
        world.people.consortium_staff.pk,
        {"from": "private", "to": "network"},
    )
    # Forgetting a link (what SET_NULL does when a person is erased) is the one change allowed.
    _sql("UPDATE networks_auditevent SET actor_id = NULL WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).actor_id is None
    with pytest.raises(DatabaseError, match="only be forgotten"):
        _sql("UPDATE networks_auditevent SET actor_id = %s WHERE id = %s", [other.pk, event.pk])


def test_deleting_a_person_forgets_them_in_the_trail_and_keeps_the_events(world):
    person = world.people.teacher_b
    did = recorded(world, actor=person)
    about = recorded(world, actor=world.people.consortium_staff, subject=person, action=AuditAction.ROLE_CHANGED)
    person.delete()
    did, about = AuditEvent.objects.get(pk=did.pk), AuditEvent.objects.get(pk=about.pk)
    assert (did.actor_id, did.action) == (None, "sharing_changed")
    assert (about.subject_id, about.actor_id) == (None, world.people.consortium_staff.pk)
