"""The API's access matrix by token: every operation with no token, a wrong one, a read token, a
read and write token, a revoked and an expired one; another tenant's object is a 404 whatever
the token may do."""

import json

import pytest

from enquiry.models import Sharing
from tests.activities.helpers import plan
from tests.enquiry.helpers import make_enquiry

from .helpers import bearer, closed_round, expired_token, revoked_token, token_for

KINDS = ["none", "wrong", "read", "write", "revoked", "expired"]


def reads(ok=200):
    return {"none": 401, "wrong": 401, "read": ok, "write": ok, "revoked": 401, "expired": 401}


def writes(ok):
    return {"none": 401, "wrong": 401, "read": 403, "write": ok, "revoked": 401, "expired": 401}


def out_of_reach():
    return {"none": 401, "wrong": 401, "read": 404, "write": 404, "revoked": 401, "expired": 401}


@pytest.fixture
def api_world(world):
    teacher = world.people.teacher_a
    world.mine = make_enquiry(teacher, world.school_1, world.network_a, title="Mine")
    world.colleagues = make_enquiry(
        world.people.school_lead, world.school_1, world.network_a, sharing=Sharing.NETWORK, title="A colleague's"
    )
    world.elsewhere = make_enquiry(world.people.superuser, world.other_school, world.other_network, title="North")
    world.activity = plan(world, title="Visit to Maes y Coed")
    world.other_activity = plan(world, network=world.other_network, by=world.people.superuser, title="North visit")
    world.round = closed_round(world, world.network_a)
    world.other_round = closed_round(world, world.other_network)
    world.tokens = {
        "none": None,
        "wrong": "plc_not-a-token",
        "read": token_for(teacher, "read"),
        "write": token_for(teacher, "write"),
        "revoked": revoked_token(teacher),
        "expired": expired_token(teacher),
    }
    return world


NOTE = {"note": "Boys rehearsed orally in pairs before writing."}
NEW = lambda w: {"title": "Talk first", "question": "Does talk help?", "school_id": w.school_1.pk}  # noqa: E731
ID = "{enquiry_id}"

# (method, the documented path, the path of this case, its JSON body, the status for each kind of token)
CASES = [
    ("get", "/me", lambda w: "/me", None, reads()),
    ("get", "/networks", lambda w: "/networks", None, reads()),
    ("get", "/networks/{slug}", lambda w: f"/networks/{w.network_a.slug}", None, reads()),
    ("get", "/networks/{slug}", lambda w: f"/networks/{w.other_network.slug}", None, out_of_reach()),
    ("get", "/schools", lambda w: "/schools", None, reads()),
    ("get", "/schools/{urn}", lambda w: f"/schools/{w.school_1.urn}", None, reads()),
    ("get", "/schools/{urn}", lambda w: f"/schools/{w.other_school.urn}", None, out_of_reach()),
    ("get", "/rounds", lambda w: "/rounds", None, reads()),
    ("get", "/rounds/{round_id}/results", lambda w: f"/rounds/{w.round.pk}/results", None, reads()),
    ("get", "/rounds/{round_id}/results", lambda w: f"/rounds/{w.other_round.pk}/results", None, out_of_reach()),
    ("get", "/library", lambda w: "/library", None, reads()),
    ("get", "/enquiries", lambda w: "/enquiries", None, reads()),
    ("get", f"/enquiries/{ID}", lambda w: f"/enquiries/{w.mine.pk}", None, reads()),
    ("get", f"/enquiries/{ID}", lambda w: f"/enquiries/{w.elsewhere.pk}", None, out_of_reach()),
    ("post", "/enquiries", lambda w: "/enquiries", NEW, writes(201)),
    ("patch", f"/enquiries/{ID}", lambda w: f"/enquiries/{w.mine.pk}", lambda w: {"title": "Renamed"}, writes(200)),
    # A colleague's shared enquiry: readable, not yours to change; another consortium's: out of reach.
    ("patch", f"/enquiries/{ID}", lambda w: f"/enquiries/{w.colleagues.pk}", lambda w: {"title": "X"}, writes(404)),
    ("patch", f"/enquiries/{ID}", lambda w: f"/enquiries/{w.elsewhere.pk}", lambda w: {"title": "X"}, writes(404)),
    ("post", f"/enquiries/{ID}/notes", lambda w: f"/enquiries/{w.mine.pk}/notes", lambda w: NOTE, writes(201)),
    ("post", f"/enquiries/{ID}/notes", lambda w: f"/enquiries/{w.colleagues.pk}/notes", lambda w: NOTE, writes(404)),
    ("post", f"/enquiries/{ID}/notes", lambda w: f"/enquiries/{w.elsewhere.pk}/notes", lambda w: NOTE, writes(404)),
    ("get", "/activities", lambda w: "/activities", None, reads()),
    ("get", "/activities/{activity_id}", lambda w: f"/activities/{w.activity.pk}", None, reads()),
    ("get", "/activities/{activity_id}", lambda w: f"/activities/{w.other_activity.pk}", None, out_of_reach()),
    ("get", "/practice-record", lambda w: "/practice-record", None, reads()),
]


def test_every_operation_has_cases():
    from api.api import api

    documented = {
        (method, path.removeprefix("/api/v1"))
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method in operations
    }
    assert documented == {(method, template) for method, template, *_ in CASES}


@pytest.mark.parametrize(
    ("method", "template", "url", "body", "expected"), CASES, ids=[f"{c[0]} {c[1]} {i}" for i, c in enumerate(CASES)]
)
def test_token_access(method, template, url, body, expected, api_world, client):
    got = {}
    for kind in KINDS:
        data = json.dumps(body(api_world)) if body else None
        kwargs = {"data": data, "content_type": "application/json"} if data else {}
        response = getattr(client, method)("/api/v1" + url(api_world), **kwargs, **bearer(api_world.tokens[kind]))
        got[kind] = response.status_code
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/problem+json"
            assert response.json()["status"] == response.status_code
    assert got == expected, url(api_world)
