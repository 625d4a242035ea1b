"""The API's behaviour: tokens shown once and stored hashed, revoked from the profile, rate limits
per token, pages, problem details, writes through the enquiry forms and services, and a fixed
number of queries per list whatever the data."""

import json

import pytest
from django.urls import reverse

from api.models import AccessToken, token_digest
from brokerage.models import PracticeEntry
from enquiry.models import Enquiry, Evidence, Sharing
from networks.models import Role
from tests.activities.helpers import plan
from tests.enquiry.helpers import make_enquiry
from tests.factories import MembershipFactory, NetworkFactory, NetworkSchoolFactory

from .helpers import bearer, token_for

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_stored_hashed(client, world):
    client.force_login(world.people.teacher_a)
    response = client.post(reverse("tokens:token_list"), {"name": "Warehouse", "scope": "read", "days": 30})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("plc_")
    assert secret in response.content.decode()
    token = AccessToken.objects.get()
    assert token.digest == token_digest(secret)
    assert secret not in {token.digest, token.hint, token.name}
    assert token.user == world.people.teacher_a
    assert token.scope == "read"
    again = client.get(reverse("tokens:token_list"))
    assert secret not in again.content.decode()
    assert "Warehouse" in again.content.decode()
    me = client.get("/api/v1/me", **bearer(secret))
    assert me.json()["scope"] == "read", me.content


def test_bad_token_form_says_why(client, world):
    client.force_login(world.people.teacher_a)
    response = client.post(reverse("tokens:token_list"), {"name": "", "scope": "admin", "days": 5})
    assert response.status_code == 200
    assert not AccessToken.objects.exists()
    assert set(response.context["form"].errors) == {"name", "scope", "days"}


def test_revoking_on_the_profile_stops_the_token(client, world):
    secret = token_for(world.people.teacher_a)
    token = AccessToken.objects.get()
    assert client.get("/api/v1/me", **bearer(secret)).status_code == 200
    client.force_login(world.people.teacher_a)
    assert "cannot be undone" in client.get(reverse("tokens:token_revoke", args=[token.pk])).content.decode()
    assert client.post(reverse("tokens:token_revoke", args=[token.pk])).status_code == 302
    client.logout()
    response = client.get("/api/v1/me", **bearer(secret))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["title"] == "Unauthorized"


def test_problem_details_follow_the_language_asked_for(client, world):
    """A person reads `title` and `detail`, so they come in Welsh when asked; `type` stays the same."""
    body = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="cy").json()
    assert (body["type"], body["status"], body["title"]) == ("about:blank", 401, "Heb Awdurdod")
    assert body["detail"].startswith("Anfonwch docyn mynediad personol")
    client.force_login(world.people.teacher_a)
    page = client.get(reverse("tokens:token_list"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Tocynnau API" in page
    assert "API tokens" not in page


def test_the_openapi_document_follows_the_language_asked_for(client):
    """Its title, description, summaries and field descriptions in Welsh when asked, in English
    otherwise (each language's document made once); the same operations and schemas either way."""
    welsh = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="cy").json()
    english = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (welsh["info"]["title"], english["info"]["title"]) == ("API Platfform y PLC", "PLC Platform API")
    assert welsh["info"]["description"].startswith("Darllenwch y rhwydweithiau")
    assert english["info"]["description"].startswith("Read the networks")
    me_cy, me_en = welsh["paths"]["/api/v1/me"]["get"], english["paths"]["/api/v1/me"]["get"]
    assert (me_cy["summary"], me_en["summary"]) == ("I bwy mae'r tocyn yn perthyn", "Who the token belongs to")
    assert (me_cy["responses"]["401"]["description"], me_en["responses"]["401"]["description"]) == (
        "Heb Awdurdod",
        "Unauthorized",
    )
    start_cy = welsh["paths"]["/api/v1/enquiries"]["post"]
    assert start_cy["summary"] == "Dechrau ymholiad"
    assert start_cy["description"].startswith("Mae'n dechrau'n breifat i chi")
    scope = [doc["components"]["schemas"]["Me"]["properties"]["scope"]["description"] for doc in (welsh, english)]
    assert scope == [
        "'read' neu 'write' i docyn; 'session' i'r porwr sydd wedi mewngofnodi.",
        "'read' or 'write' for a token; 'session' for the signed-in browser.",
    ]
    operations = [[(path, sorted(ops)) for path, ops in doc["paths"].items()] for doc in (welsh, english)]
    assert operations[0] == operations[1]
    assert list(welsh["components"]["schemas"]) == list(english["components"]["schemas"])
    # The docs page reads the same document: in Welsh for a Welsh reader.
    page = client.get(reverse("tokens:docs"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "I bwy mae&#x27;r tocyn yn perthyn" in page
    assert "Who the token belongs to" not in page


def test_rate_limit_per_token(client, world, settings):
    settings.API_RATE_LIMIT = "3/m"
    first, second = token_for(world.people.teacher_a), token_for(world.people.teacher_a)
    statuses = [client.get("/api/v1/me", **bearer(first)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/me", **bearer(first))
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["status"] == 429
    assert client.get("/api/v1/me", **bearer(second)).status_code == 200


def test_pages_without_counting(client, world):
    secret = token_for(world.people.consortium_staff)
    for n in range(3):
        NetworkFactory(consortium=world.consortium, name=f"Extra network {n}", slug=f"extra-{n}")
    names = []
    page, last = 1, None
    while page:
        body = client.get(f"/api/v1/networks?page_size=2&page={page}", **bearer(secret)).json()
        names += [n["name"] for n in body["items"]]
        last, page = body, body["next_page"]
    assert len(names) == 5 == len(set(names))
    assert last["page"] == 3
    filtered = client.get("/api/v1/networks?q=extra", **bearer(secret)).json()
    assert [n["slug"] for n in filtered["items"]] == ["extra-0", "extra-1", "extra-2"]


def test_bad_query_is_a_problem(client, world):
    secret = token_for(world.people.teacher_a)
    response = client.get("/api/v1/library?strength=9&page=0", **bearer(secret))
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"strength", "page"}
    assert client.get("/api/v1/schools?q=%00", **bearer(secret)).status_code == 422


def test_create_an_enquiry_and_a_note(client, world):
    secret = token_for(world.people.teacher_a, "write")
    body = {
        "title": "Talk first",
        "question": "Does oral rehearsal help?",
        "school_id": world.school_1.pk,
        "network_id": world.network_a.pk,
    }
    response = client.post("/api/v1/enquiries", json.dumps(body), content_type="application/json", **bearer(secret))
    assert response.status_code == 201, response.content
    enquiry = Enquiry.objects.get(pk=response.json()["id"])
    assert enquiry.owner == world.people.teacher_a
    assert enquiry.sharing == Sharing.PRIVATE
    note = client.post(
        f"/api/v1/enquiries/{enquiry.pk}/notes",
        json.dumps({"note": "Pairs rehearsed aloud."}),
        content_type="application/json",
        **bearer(secret),
    )
    assert note.status_code == 201
    evidence = Evidence.objects.get(pk=note.json()["id"])
    assert (evidence.kind, evidence.stage, evidence.added_by) == ("note", enquiry.stage, world.people.teacher_a)


def test_the_forms_rules_apply(client, world):
    """A school that is not yours, or a network the school is not in: refused with the form's message."""
    secret = token_for(world.people.teacher_a, "write")
    body = {"title": "T", "question": "Q?", "school_id": world.school_3.pk}
    response = client.post("/api/v1/enquiries", json.dumps(body), content_type="application/json", **bearer(secret))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "school_id"
    body = {"title": "T", "question": "Q?", "school_id": world.school_1.pk, "network_id": world.network_b.pk}
    response = client.post("/api/v1/enquiries", json.dumps(body), content_type="application/json", **bearer(secret))
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"network_id"}
    assert not Enquiry.objects.exists()


def test_patch_changes_only_what_is_sent(client, world):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, plan="Pairs talk first.")
    secret = token_for(world.people.teacher_a, "write")
    response = client.patch(
        f"/api/v1/enquiries/{enquiry.pk}",
        json.dumps({"title": "Renamed"}),
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 200
    enquiry.refresh_from_db()
    assert (enquiry.title, enquiry.plan, enquiry.network) == ("Renamed", "Pairs talk first.", world.network_a)


def test_round_results_school_by_school_only_for_those_who_run_it(client, world):
    from .helpers import closed_round

    round = closed_round(world, world.network_a)
    teacher, leader = token_for(world.people.teacher_a), token_for(world.people.leader_a)
    member_view = client.get(f"/api/v1/rounds/{round.pk}/results", **bearer(teacher)).json()
    leader_view = client.get(f"/api/v1/rounds/{round.pk}/results", **bearer(leader)).json()
    assert member_view["round"]["id"] == leader_view["round"]["id"] == round.pk
    assert member_view["enough"] is False
    assert member_view["features"] == []
    assert member_view["schools"] == []


def _more_data(world, n):
    """n more networks, shared enquiries, activities and practice entries that teacher A can see."""
    area = world.consortium.practice_areas.first()
    for i in range(n):
        network = NetworkFactory(consortium=world.consortium, name=f"Network {n}-{i}", slug=f"net-{n}-{i}")
        NetworkSchoolFactory(network=network, school=world.school_1)
        MembershipFactory(user=world.people.teacher_a, role=Role.NETWORK_MEMBER, network=network)
        enquiry = make_enquiry(
            world.people.teacher_a, world.school_1, network, sharing=Sharing.CONSORTIUM, title=f"E {i}"
        )
        enquiry.practice_areas.set([area])
        plan(world, network=network, title=f"Visit {n}-{i}")
        PracticeEntry.objects.create(school=world.school_1, practice_area=area, title=f"Work {n}-{i}", summary="S")


# Queries per list: the token, the person's memberships, the page and its prefetches, whatever the data.
LIST_QUERIES = {
    "/api/v1/networks": 3,
    "/api/v1/library": 4,
    "/api/v1/enquiries": 3,
    "/api/v1/schools": 3,
    "/api/v1/activities": 4,
    "/api/v1/practice-record": 3,
}


@pytest.mark.parametrize("path", LIST_QUERIES)
def test_lists_cost_the_same_queries_with_tenfold_data(path, client, world, django_assert_num_queries):
    secret = token_for(world.people.teacher_a)
    client.get("/api/v1/me", **bearer(secret))  # the first use records when the token was last used
    _more_data(world, 2)
    with django_assert_num_queries(LIST_QUERIES[path]):
        assert client.get(path, **bearer(secret)).status_code == 200
    _more_data(world, 20)
    with django_assert_num_queries(LIST_QUERIES[path]):
        assert client.get(path, **bearer(secret)).status_code == 200
