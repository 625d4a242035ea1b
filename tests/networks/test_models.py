import pytest
from django.db import IntegrityError

from networks.models import Membership, Network, Role, School

from ..factories import ConsortiumFactory, UserFactory


def test_new_consortium_gets_the_default_practice_areas(db):
    consortium = ConsortiumFactory()
    assert consortium.practice_areas.filter(name="Assessment for learning").exists()
    assert consortium.practice_areas.count() >= 10


def test_membership_role_must_match_its_place(world):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=UserFactory(), role=Role.SCHOOL_LEAD, network=world.network_a)


def test_scopes_keep_each_person_to_their_own(world):
    p = world.people
    assert set(Network.objects.visible_to(p.teacher_a)) == {world.network_a}
    assert set(Network.objects.visible_to(p.school_lead)) == {world.network_a}
    assert set(Network.objects.visible_to(p.consortium_staff)) == {world.network_a, world.network_b}
    assert set(Network.objects.visible_to(p.specialist)) == set()
    assert world.other_school not in School.objects.visible_to(p.consortium_staff)
    assert world.other_school in School.objects.visible_to(p.superuser)
