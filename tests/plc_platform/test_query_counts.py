"""The flow map, the ledger and "what works here" cost the same, pinned, number of queries with 5 and
with 50 schools (and their flows and enquiries)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import NetworkSchool, PracticeArea
from plc_platform.flowmap import academic_year
from tests.enquiry.helpers import make_enquiry
from tests.factories import NetworkFactory, NetworkSchoolFactory, SchoolFactory
from tests.test_query_counts import queries_for

from .flow_helpers import befriended, engaged, hosted, person_at
from .test_what_works import measured

pytestmark = pytest.mark.django_db

YEAR = academic_year(timezone.localdate())
DAY = YEAR.start + timedelta(days=43)


def grow(world, n):
    """n more schools in network A (and a network of their own each), each hosting a visit from
    school 1, giving it a consultancy day, befriending its enquiry, and sharing a literacy enquiry."""
    area = PracticeArea.objects.get(consortium=world.consortium, name="Literacy")
    for _ in range(n):
        school = SchoolFactory(consortium=world.consortium)
        NetworkSchoolFactory(network=world.network_a, school=school)
        NetworkSchoolFactory(network=NetworkFactory(consortium=world.consortium), school=school)
        hosted(world.network_a, school, [world.school_1, world.school_2], day=DAY)
        hosted(world.network_a, school, [world.school_1], day=DAY, slug="shared-inset-seminar", level=2)
        engaged(world.consortium, school, world.school_1, days="1", starts_on=DAY, network=world.network_a)
        befriended(world.school_1, school, comments=2, network=world.network_a)
        enquiry = make_enquiry(person_at(school), school, world.network_a, sharing="consortium")
        measured(enquiry, area, "30", "45")


PAGES = [
    ("plc_platform:network_flows", lambda w: [w.network_a.slug], "leader_a", "", 12),
    ("plc_platform:network_flows_csv", lambda w: [w.network_a.slug], "leader_a", "", 12),
    ("plc_platform:consortium_flows", lambda w: [w.consortium.slug], "consortium_staff", "", 12),
    ("plc_platform:network_exchange", lambda w: [w.consortium.slug], "consortium_staff", "", 17),
    ("plc_platform:network_exchange_csv", lambda w: [w.consortium.slug], "consortium_staff", "", 12),
    # What works: the readable enquiries, then the titles of the few each line names.
    ("plc_platform:what_works", lambda w: [w.consortium.slug], "leader_a", "?area=literacy", 11),
]


@pytest.mark.parametrize(("url_name", "args", "who", "query", "pinned"), PAGES, ids=[p[0] for p in PAGES])
def test_query_count_is_pinned_and_does_not_grow_with_schools(world, client, url_name, args, who, query, pinned):
    client.force_login(getattr(world.people, who))
    url = reverse(url_name, args=args(world)) + (query or "?") + f"&period={YEAR.key}"
    grow(world, 5)
    client.get(url)  # what the process reads once (the site's settings) is read before counting
    with_five = queries_for(client, url)
    grow(world, 45)
    assert NetworkSchool.objects.filter(network=world.network_a).count() == 52
    with_fifty = queries_for(client, url)
    assert (with_five, with_fifty) == (pinned, pinned), (
        f"{url}: {with_five} queries with 5 schools, {with_fifty} with 50"
    )
