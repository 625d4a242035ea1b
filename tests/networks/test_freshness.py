"""Each network's data version (networks.freshness): moved by every write that changes what its
dashboard shows, at once and again on commit, and by nothing another network does."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from activities import services as activity_services
from activities.models import Evaluation, NetworkBudget, Participant
from enquiry import services as enquiry_services
from enquiry.models import Evidence, ImpactClaim, Stage
from networks.freshness import network_data_changed, network_data_version
from networks.models import PracticeArea
from reviews.models import ResponseGroup, SchoolMaturity
from tests.enquiry.helpers import make_enquiry
from tests.factories import NetworkSchoolFactory, SchoolFactory
from tests.plc_platform.flow_helpers import engaged, hosted, person_at
from tests.plc_platform.test_dashboard_attention import cost_line
from tests.reviews.test_results import make_framework, make_round, respond

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


class Versions:
    """The data versions of network A and network B, before and now."""

    def __init__(self, world):
        self.world = world
        self.before = self.now()

    def now(self):
        return network_data_version(self.world.network_a.pk), network_data_version(self.world.network_b.pk)

    def moved(self):
        (a_before, b_before), (a_now, b_now) = self.before, self.now()
        return a_now != a_before, b_now != b_before


def _round(world):
    return make_round(world.network_a, make_framework(), opens_on=TODAY, closes_on=TODAY + timedelta(10))


def _enquiry(world):
    return make_enquiry(person_at(world.school_1), world.school_1, world.network_a)


def _activity(world):
    return hosted(world.network_a, world.school_1, [world.school_2], day=TODAY)


def _participant(world):
    activity = _activity(world)
    return activity, Participant.objects.filter(activity=activity).first()


# Each write, after its network's setup: (setup, write). Each must move network A's version only.
WRITES = {
    "network edited": (None, lambda w, _: w.network_a.save()),
    "school added": (None, lambda w, _: NetworkSchoolFactory(network=w.network_a, school=SchoolFactory())),
    "school renamed": (None, lambda w, _: setattr(w.school_2, "name", "Renamed") or w.school_2.save()),
    "practice area added": (
        None,
        lambda w, _: w.network_a.practice_areas.add(PracticeArea.objects.filter(consortium=w.consortium).first()),
    ),
    "round opened": (None, lambda w, _: _round(w)),
    "response submitted": (_round, lambda w, round: respond(round, 3, group=ResponseGroup.LEADER)),
    "maturity recorded": (
        None,
        lambda w, _: SchoolMaturity.objects.create(school=w.school_2, stage="developer", recorded_on=TODAY),
    ),
    "enquiry started": (None, lambda w, _: _enquiry(w)),
    "enquiry stage moved": (
        _enquiry,
        lambda w, e: enquiry_services.enquiry_move_stage(enquiry=e, to_stage=Stage.values[1], by=None),
    ),
    "evidence added": (
        _enquiry,
        lambda w, e: Evidence.objects.create(enquiry=e, stage=Stage.PLAN, kind="note", note="Seen."),
    ),
    "impact claimed": (_enquiry, lambda w, e: ImpactClaim.objects.create(enquiry=e, claim="More wrote.", strength=2)),
    "enquiry tagged": (
        _enquiry,
        lambda w, e: e.practice_areas.add(PracticeArea.objects.filter(consortium=w.consortium).first()),
    ),
    "activity planned": (None, lambda w, _: _activity(w)),
    "participant left": (_participant, lambda w, ap: ap[1].delete()),
    "cost line proposed": (
        _participant,
        lambda w, ap: cost_line(ap[0], w.school_1),
    ),
    "evaluation written": (
        _participant,
        lambda w, ap: Evaluation.objects.create(participant=ap[1], learned="Talk.", will_change="More.", usefulness=4),
    ),
    "budget set": (
        None,
        lambda w, _: NetworkBudget.objects.create(
            network=w.network_a, starts_on=TODAY, ends_on=TODAY + timedelta(300), amount=5000
        ),
    ),
    # A request of a school in network A, raised in no network: it shows on network A's dashboard.
    "engagement booked": (
        None,
        lambda w, _: engaged(w.consortium, w.school_3, w.school_1, days="1", starts_on=TODAY),
    ),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_write_moves_its_networks_version_and_no_other(world, write):
    setup, change = WRITES[write]
    made = setup(world) if setup else None
    versions = Versions(world)
    change(world, made)
    assert versions.moved() == (True, False)


def test_the_cost_lines_approved_at_once_move_the_version(world):
    activity, _ = _participant(world)
    cost_line(activity, world.school_1)
    versions = Versions(world)
    activity_services.cost_lines_approve(activity=activity, school=world.school_1, by=world.people.leader_a)
    assert versions.moved() == (True, False)


def test_an_enquiry_moved_to_another_network_moves_both(world):
    enquiry = _enquiry(world)
    versions = Versions(world)
    enquiry.network = world.network_b
    enquiry.save()
    assert versions.moved() == (True, True)


def test_the_version_moves_again_when_the_transaction_commits(world, django_capture_on_commit_callbacks):
    network = world.network_a.pk
    start = network_data_version(network)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        network_data_changed([network])
        network_data_changed([network, None])
        at_once = network_data_version(network)
    assert at_once == start + 2
    assert len(callbacks) == 1  # one callback for the transaction, however many writes
    assert network_data_version(network) == start + 3


def test_a_rolled_back_savepoint_leaves_the_commit_to_a_later_write(world, django_capture_on_commit_callbacks):
    network = world.network_a.pk
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                network_data_changed([network])
                raise RuntimeError
        except RuntimeError:
            pass
        network_data_changed([network])
        before_commit = network_data_version(network)
    assert len(callbacks) == 1
    assert network_data_version(network) == before_commit + 1


def test_erasing_a_person_moves_every_networks_version(world):
    """Kept panels may name the person (an enquiry's title, a proposer), in any network: the
    erasure's name replacements and SET_NULLs send no signal, so it moves every version itself."""
    from plc_platform.privacy import account_erase

    versions = Versions(world)
    account_erase(user=world.people.teacher_b)
    assert versions.moved() == (True, True)
