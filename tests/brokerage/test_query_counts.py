"""The request page, the match list and the brokerage lists cost the same, pinned, number of queries
with few and with many candidates and rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brokerage import services
from brokerage.matching import Candidate
from brokerage.models import AvailabilityBlock, EvidenceStrength, PastEngagement, Proposal

from .helpers import entry, raise_request, school_at, specialist


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def grow(desk, support, n, *, start):
    """n more schools with practice in the area and n more specialists, each with history."""
    for k in range(start, start + n):
        school = school_at(desk.consortium, f"Grown {k} Primary", 310000 + k * 100, 190000 + k * 50)
        entry(school, desk.literacy, EvidenceStrength(1 + k % 5))
        entry(school, desk.numeracy, EvidenceStrength.OBSERVATION)
        person = specialist(
            desk.consortium, f"Grown Specialist {k}", [desk.literacy, desk.numeracy], base_school=school
        )
        PastEngagement.objects.create(
            specialist=person, client="A school", rating=1 + k % 5, practice_area=desk.literacy
        )
        AvailabilityBlock.objects.create(
            specialist=person,
            kind="offered" if k % 2 else "blocked",
            starts_on=support.preferred_from,
            ends_on=support.preferred_from + timedelta(days=3),
        )
        Proposal.objects.create(
            request=support, school=school, score=k, reasons=[{"factor": "area", "text": "Practice.", "points": 1}]
        )
        Proposal.objects.create(request=support, specialist=person, score=k, reasons=[])


@pytest.mark.parametrize(("url_name", "pinned"), [("brokerage:request_detail", 8), ("brokerage:request_match", 20)])
def test_query_count_is_pinned_and_does_not_grow_with_candidates(desk, client, url_name, pinned):
    support = raise_request(desk, areas=[desk.literacy, desk.numeracy])
    services.proposal_create(
        request=support,
        by=desk.people.consortium_staff,
        candidates=[Candidate("school", desk.school_2, 10, {})],
    )
    client.force_login(desk.people.consortium_staff)
    url = reverse(url_name, args=[support.pk])
    if url_name == "brokerage:request_match":
        url += "?show=both"
    grow(desk, support, 10, start=0)
    client.get(url)  # what the process reads once (the site's settings) is read before counting
    with_ten = queries_for(client, url)
    grow(desk, support, 90, start=10)
    with_hundred = queries_for(client, url)
    assert (with_ten, with_hundred) == (pinned, pinned), (
        f"{url}: {with_ten} queries with 10 candidates, {with_hundred} with 100"
    )


@pytest.mark.parametrize(
    ("url_name", "args", "pinned"),
    [
        ("brokerage:request_list", [], 7),
        ("brokerage:engagement_list", [], 4),
        ("brokerage:specialist_list", ["central-south"], 8),
        ("brokerage:practice_list", ["central-south"], 9),
        ("plc_platform:network_exchange", ["central-south"], 15),
    ],
)
def test_lists_cost_the_same_pinned_queries_with_few_and_many_rows(desk, client, url_name, args, pinned):
    client.force_login(desk.people.consortium_staff)
    url = reverse(url_name, args=args)
    support = raise_request(desk)
    grow(desk, support, 2, start=0)
    client.get(url)  # what the process reads once (the site's settings) is read before counting
    with_few = queries_for(client, url)
    for n in range(20):
        raise_request(desk, title=f"Request {n}")
    grow(desk, support, 20, start=2)
    with_many = queries_for(client, url)
    assert (with_few, with_many) == (pinned, pinned), f"{url}: {with_few} queries with few rows, {with_many} with many"
