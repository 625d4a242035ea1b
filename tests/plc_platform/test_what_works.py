""" "What works here": figures only from enquiries the reader may read; the rest counted, never described."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from activities.models import CostLine
from enquiry.models import Approach, Evidence, ImpactClaim
from networks.models import PracticeArea
from tests.enquiry.helpers import make_enquiry

from .flow_helpers import engaged, hosted

pytestmark = pytest.mark.django_db


def measured(enquiry, area, baseline, outcome, strength=4, approach=None):
    enquiry.practice_areas.add(area)
    if approach:
        enquiry.approach = approach
        enquiry.save(update_fields=["approach"])
    evidence = Evidence.objects.create(
        enquiry=enquiry,
        stage="observe",
        kind="measure",
        measure="Boys who paragraph correctly",
        unit="%",
        baseline_value=Decimal(baseline),
        baseline_on=date(2026, 10, 12),
        outcome_value=Decimal(outcome),
        outcome_on=date(2026, 12, 1),
    )
    ImpactClaim.objects.create(enquiry=enquiry, claim="More boys paragraph.", strength=strength, evidence=evidence)
    return enquiry


@pytest.fixture
def works(world):
    w = world
    area = PracticeArea.objects.get(consortium=w.consortium, name="Literacy")
    oral = Approach.objects.get(consortium=w.consortium, slug="oral-rehearsal-before-writing")
    for n, (baseline, outcome) in enumerate([("38", "61"), ("40", "48"), ("20", "32")]):
        shared = make_enquiry(w.people.teacher_a, w.school_1, w.network_a, sharing="consortium", title=f"Shared {n}")
        measured(shared, area, baseline, outcome, approach=oral if n < 2 else None)
    secret = make_enquiry(w.people.teacher_b, w.school_3, w.network_b, title="Secret extreme enquiry")
    measured(secret, area, "1", "9001", approach=oral)
    return w, area, secret


def test_a_private_enquiry_is_counted_but_never_described_nor_used(works, client):
    w, area, secret = works
    client.force_login(w.people.leader_a)

    response = client.get(reverse("plc_platform:what_works", args=[w.consortium.slug]), {"area": area.slug})

    text = response.content.decode()
    assert response.status_code == 200
    assert "Secret extreme enquiry" not in text
    assert "9000" not in text
    assert "9001" not in text
    assert "3 you may read, and 1 more not shared with you" in text
    assert "Median change +12 points, from +8 to +23 (3 measured in %)." in text
    assert "Oral rehearsal before writing" in text  # two readable enquiries share it
    assert "2 you may read, and 1 more not shared with you" in text


def test_its_owner_sees_it_in_the_figures(works, client):
    w, area, _ = works
    client.force_login(w.people.teacher_b)

    text = client.get(
        reverse("plc_platform:what_works", args=[w.consortium.slug]), {"area": area.slug}
    ).content.decode()

    assert "Secret extreme enquiry" in text
    assert "4 you may read" in text
    assert "from +8 to +9000" in text


def test_cost_per_school_from_linked_activities_and_engagements(works, client):
    w, area, _ = works
    shared = w.school_1.enquiries.get(title="Shared 0")
    activity = hosted(w.network_a, w.school_2, [w.school_1], day=date(2026, 11, 3))
    activity.enquiries.add(shared)
    CostLine.objects.create(
        activity=activity,
        school=w.school_1,
        category="supply_cover",
        description="Supply cover",
        quantity=Decimal("2"),
        rate=Decimal("173.00"),
        amount=Decimal("346.00"),
    )
    engagement = engaged(w.consortium, w.school_2, w.school_1, days="2", starts_on=date(2026, 11, 9))
    engagement.request.practice_areas.add(area)
    type(engagement).objects.filter(pk=engagement.pk).update(cost=Decimal("900.00"))
    client.force_login(w.people.leader_a)

    text = client.get(
        reverse("plc_platform:what_works", args=[w.consortium.slug]), {"area": area.slug}
    ).content.decode()

    assert "About £1,246 per school (1 activities, 1 engagements)." in text


def test_an_unknown_area_says_so(world, client):
    client.force_login(world.people.teacher_a)
    response = client.get(reverse("plc_platform:what_works", args=[world.consortium.slug]), {"area": "nope"})
    assert "There is no such practice area" in response.content.decode()


def test_an_owner_tags_an_approach_on_the_form(world, client):
    w = world
    enquiry = make_enquiry(w.people.teacher_a, w.school_1, w.network_a)
    oral = Approach.objects.get(consortium=w.consortium, slug="oral-rehearsal-before-writing")
    other = Approach.objects.get(consortium=w.other_consortium, slug="oral-rehearsal-before-writing")
    client.force_login(w.people.teacher_a)
    url = reverse("enquiry:enquiry_edit", args=[enquiry.pk])
    data = {"title": enquiry.title, "question": enquiry.question, "school": w.school_1.pk, "network": w.network_a.pk}

    refused = client.post(url, {**data, "approach": other.pk})
    assert refused.status_code == 200
    assert "approach" in refused.context["form"].errors
    client.post(url, {**data, "approach": oral.pk})

    enquiry.refresh_from_db()
    assert enquiry.approach == oral
