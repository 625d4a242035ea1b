"""Who sees an enquiry at each sharing level: the scope, checked for every role of the world."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enquiry import services
from enquiry.models import CollaboratorRole, Enquiry, Sharing
from enquiry.permissions import visible_enquiry_filter
from tests.access import ROLES

from ..factories import MembershipFactory, UserFactory
from .helpers import make_enquiry

# Who may read an enquiry teacher_a owns (school 1, network A), at each level. teacher_b is invited
# as co-enquirer and the specialist as critical friend only where a test says so.
EXPECTED = {
    Sharing.PRIVATE: {"teacher_a"},
    Sharing.SCHOOL: {"teacher_a", "school_lead", "superuser"},
    Sharing.NETWORK: {"teacher_a", "school_lead", "leader_a", "consortium_staff", "superuser"},
    Sharing.CONSORTIUM: set(ROLES) - {"anonymous"},
    Sharing.PUBLIC: set(ROLES),
}


def reader(world, role):
    return AnonymousUser() if role == "anonymous" else getattr(world.people, role)


def readers_of(world, enquiry):
    return {role for role in ROLES if Enquiry.objects.visible_to(reader(world, role)).filter(pk=enquiry.pk).exists()}


@pytest.mark.parametrize("sharing", list(EXPECTED))
def test_each_level_is_visible_to_exactly_its_people(world, sharing):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=sharing)
    assert readers_of(world, enquiry) == EXPECTED[sharing]


def test_co_enquirers_and_critical_friends_see_it_while_private(world):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    for person, role in [
        (world.people.teacher_b, CollaboratorRole.CO_ENQUIRER),
        (world.people.specialist, CollaboratorRole.CRITICAL_FRIEND),
    ]:
        services.collaborator_invite(enquiry=enquiry, email=person.email, role=role, by=world.people.teacher_a)
    assert readers_of(world, enquiry) == {"teacher_a", "teacher_b", "specialist"}


def test_unsharing_takes_it_back(world):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.PUBLIC)
    assert "anonymous" in readers_of(world, enquiry)
    services.enquiry_unshare(enquiry=enquiry)
    enquiry.refresh_from_db()
    assert enquiry.shared_at is None
    assert readers_of(world, enquiry) == {"teacher_a"}


def test_a_network_level_needs_a_network(world):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1)
    with pytest.raises(services.EnquiryError, match="network"):
        services.enquiry_share(enquiry=enquiry, sharing=Sharing.NETWORK)


def test_another_consortium_sees_only_public(world):
    outsider = UserFactory()
    MembershipFactory(user=outsider, school=world.other_school, role="school_staff")
    for sharing in (Sharing.SCHOOL, Sharing.NETWORK, Sharing.CONSORTIUM):
        make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=sharing, title=sharing)
    public = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.PUBLIC)
    assert list(Enquiry.objects.visible_to(outsider)) == [public]


def test_a_former_member_keeps_shared_work(world):
    owner = UserFactory()
    MembershipFactory(user=owner, school=world.school_1, role="school_staff")
    enquiry = make_enquiry(owner, world.school_1, world.network_a, sharing=Sharing.NETWORK)
    owner.delete()
    enquiry.refresh_from_db()
    assert enquiry.owner is None
    assert enquiry.owner_name == "a former member"
    assert Enquiry.objects.visible_to(world.people.leader_a).filter(pk=enquiry.pk).exists()


def test_the_scope_costs_the_same_queries_for_few_and_many(world):
    """The filter is built from memberships read once; it never loads enquiries to decide."""
    user = world.people.teacher_a
    visible_enquiry_filter(user)  # memberships now cached on the user object
    for n in range(3):
        make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.NETWORK, title=f"{n}")
    with CaptureQueriesContext(connection) as few:
        list(Enquiry.objects.visible_to(user))
    for n in range(20):
        make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.SCHOOL, title=f"{n}")
    with CaptureQueriesContext(connection) as many:
        list(Enquiry.objects.visible_to(user))
    assert len(few) == len(many) == 1
