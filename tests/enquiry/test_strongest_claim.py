"""The enquiry's stored strongest claim (migration 0007): triggers on the impact claims keep it the
strength of its strongest claim on every engine, whatever writes the claims."""

import pytest

from enquiry.models import Enquiry, ImpactClaim

from .helpers import make_enquiry

pytestmark = pytest.mark.django_db


def strongest(*enquiries):
    rows = dict(Enquiry.objects.filter(pk__in=[e.pk for e in enquiries]).values_list("pk", "strongest_claim"))
    return [rows[e.pk] for e in enquiries]


def test_the_strongest_claim_follows_claims_added_changed_moved_and_deleted(world):
    first = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    second = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, title="Another")
    assert strongest(first, second) == [None, None]

    weak = ImpactClaim.objects.create(enquiry=first, claim="Some", strength=2)
    assert strongest(first, second) == [2, None]
    strong = ImpactClaim.objects.create(enquiry=first, claim="More", strength=4)
    assert strongest(first, second) == [4, None]

    strong.strength = 1
    strong.save()
    assert strongest(first, second) == [2, None]

    weak.enquiry = second
    weak.save()
    assert strongest(first, second) == [1, 2]

    ImpactClaim.objects.filter(pk=strong.pk).delete()
    assert strongest(first, second) == [None, 2]

    ImpactClaim.objects.bulk_create([ImpactClaim(enquiry=first, claim="Bulk", strength=s) for s in (3, 5)])
    ImpactClaim.objects.filter(enquiry=second).update(strength=3)
    assert strongest(first, second) == [5, 3]


def test_with_strongest_evidence_reads_the_stored_value(world):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    ImpactClaim.objects.create(enquiry=enquiry, claim="Some", strength=3)
    assert Enquiry.objects.with_strongest_evidence().get(pk=enquiry.pk).strongest == 3
