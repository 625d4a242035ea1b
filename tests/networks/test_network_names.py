"""Issue 19, item 6: a consortium has one network of each name."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from networks.models import Network

from ..factories import NetworkFactory


def test_a_second_network_of_the_same_name_is_refused_on_the_form(world, client):
    client.force_login(world.people.consortium_staff)
    url = reverse("networks:network_create", args=[world.consortium.slug])
    response = client.post(url, {"name": "  valleys WRITING network ", "purpose": "Writing", "focus": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        f"{world.consortium.name} already has a network called Valleys Writing Network. Choose another name."
    ]
    assert "already has a network called Valleys Writing Network" in response.content.decode()
    assert Network.objects.filter(consortium=world.consortium, name__iexact="valleys writing network").count() == 1


def test_the_same_name_is_free_in_another_consortium(world, client):
    client.force_login(world.people.consortium_staff)
    url = reverse("networks:network_create", args=[world.consortium.slug])
    response = client.post(url, {"name": world.other_network.name, "purpose": "", "focus": ""})
    assert response.status_code == 302
    assert Network.objects.filter(name=world.other_network.name).count() == 2


def test_the_database_refuses_a_duplicate_name_in_any_case(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkFactory(consortium=world.consortium, name="NUMERACY NETWORK")
    NetworkFactory(consortium=world.other_consortium, name="Numeracy Network")
