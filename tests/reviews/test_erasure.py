"""Erasing a respondent never changes a closed round's figures (issue 17, defect 3)."""

import re

from reviews.models import ReviewResponse, RoundStatus

from .test_results import csv_url, make_framework, make_round, respond, results_url

CSRF = re.compile(rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def without_csrf(html: bytes) -> bytes:
    """The page as a person reads it: the CSRF token is masked afresh on every response."""
    return CSRF.sub(rb"\1", html)


def test_deleting_a_respondent_after_close_changes_no_figure(world, client, db):
    framework = make_framework()
    round = make_round(world.network_a, framework, status=RoundStatus.CLOSED)
    ratings = ({"Purpose and focus": 1, "Collaboration": 4, "Accountability": 2}, 3, 2)
    people = [
        respond(round, each, school=world.school_1, comments={"Collaboration": f"Note {n}"})
        for n, each in enumerate(ratings)
    ]
    client.force_login(world.people.leader_a)
    csv_before = client.get(csv_url(round)).content
    page_before = without_csrf(client.get(results_url(round)).content)

    people[0].delete()

    assert client.get(csv_url(round)).content == csv_before
    assert without_csrf(client.get(results_url(round)).content) == page_before
    assert ReviewResponse.objects.filter(round=round).count() == 3
    assert ReviewResponse.objects.filter(round=round, user__isnull=True).count() == 1
