"""Sharing changes are in the consortium's audit trail: who shared which enquiry, from what to what."""

import pytest
from django.urls import reverse

from enquiry.models import Sharing
from networks.models import AuditAction, AuditEvent

from .helpers import make_enquiry

pytestmark = pytest.mark.django_db


def test_sharing_an_enquiry_and_taking_it_back_are_recorded(world, client):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    client.force_login(world.people.teacher_a)
    assert client.post(reverse("enquiry:enquiry_share", args=[enquiry.pk]), {"sharing": "network"}).status_code == 302
    assert client.post(reverse("enquiry:enquiry_share", args=[enquiry.pk]), {"sharing": "private"}).status_code == 302
    assert client.post(reverse("enquiry:enquiry_share", args=[enquiry.pk]), {"sharing": "private"}).status_code == 302

    shared, unshared = AuditEvent.objects.filter(action=AuditAction.SHARING_CHANGED).order_by("pk")
    assert (shared.actor, shared.consortium, shared.target_id) == (world.people.teacher_a, world.consortium, enquiry.pk)
    assert shared.detail == {"from": Sharing.PRIVATE, "to": Sharing.NETWORK}
    assert unshared.detail == {"from": Sharing.NETWORK, "to": Sharing.PRIVATE}
