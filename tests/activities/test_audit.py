"""Cost approvals are in the consortium's audit trail: who approved which lines, for how much."""

import pytest

from activities import services
from activities.models import CostLine
from networks.models import AuditAction, AuditEvent, Role
from tests.factories import MembershipFactory, UserFactory

from .helpers import plan

pytestmark = pytest.mark.django_db


def visit_with_supply_cover(world, teachers):
    visit = plan(world)
    people = []
    for i in range(teachers):
        user = UserFactory(full_name=f"Visiting Teacher {i}")
        MembershipFactory(user=user, school=world.school_1, role=Role.SCHOOL_STAFF)
        people.append(user)
    services.participants_add(activity=visit, users=people, role="visitor")
    return visit, list(CostLine.objects.filter(activity=visit, school=world.school_1, category="supply_cover"))


def test_approving_one_line_is_recorded(world):
    visit, [line] = visit_with_supply_cover(world, 1)
    services.cost_line_approve(line=line, by=world.people.school_lead)

    [event] = AuditEvent.objects.filter(action=AuditAction.COST_APPROVED)
    assert (event.actor, event.consortium, event.target_id) == (world.people.school_lead, world.consortium, visit.pk)
    assert event.detail == {"lines": [line.pk], "total": "173.00", "school": "Ysgol Gynradd Llanwern"}
    assert "Visiting Teacher" not in str(event.detail)  # lines are named after people: only their numbers are kept


def test_approving_a_schools_lines_at_once_is_one_event_with_them_all(world):
    visit, _ = visit_with_supply_cover(world, 3)
    waiting = list(CostLine.objects.filter(activity=visit, school=world.school_1).order_by("pk"))
    services.cost_lines_approve(activity=visit, school=world.school_1, by=world.people.school_lead)

    [event] = AuditEvent.objects.filter(action=AuditAction.COST_APPROVED)
    assert sorted(event.detail["lines"]) == [line.pk for line in waiting]
    assert event.detail["total"] == str(sum(line.amount for line in waiting))
