"""Finding schools to add to a network (issue 19, item 7): words in any order, and a note when the
list is cut."""

import pytest
from django.urls import reverse

from networks.models import School
from networks.views import SCHOOL_SEARCH_LIMIT
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def test_words_match_in_any_order(world):
    SchoolFactory(consortium=world.consortium, name="Coed Eva Primary", urn=401900)
    found = set(
        School.objects.filter(consortium=world.consortium).search("primary maes").values_list("name", flat=True)
    )
    assert found == {"Maes y Coed Primary"}
    assert School.objects.search("401002").get().name == "Maes y Coed Primary"


def test_the_page_says_when_results_are_cut(world, client):
    for n in range(SCHOOL_SEARCH_LIMIT + 1):
        SchoolFactory(consortium=world.consortium, name=f"Ysgol Bro {n:02d}", urn=402000 + n)
    client.force_login(world.people.leader_a)
    url = reverse("networks:network_school_add", args=[world.network_a.slug])
    page = client.get(url, {"q": "bro ysgol"}).content.decode()
    assert page.count('name="school"') == SCHOOL_SEARCH_LIMIT
    assert f"Showing the first {SCHOOL_SEARCH_LIMIT} matches" in page
    page = client.get(url, {"q": "bro 07"}).content.decode()
    assert "Showing the first" not in page
    assert "Ysgol Bro 07" in page
