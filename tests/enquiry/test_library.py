"""The practice library: the right items, in a sensible order, and never one the reader may not see."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

from enquiry import reads, services
from enquiry.models import Enquiry, LevelOfLearning, Sharing, Stage, Strength
from networks import paging
from tests.access import ROLES

from ..factories import MembershipFactory, NetworkSchoolFactory, SchoolFactory, UserFactory
from .helpers import make_enquiry

postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'")


@pytest.fixture
def library_world(world):
    """Enquiries at every level, in both networks and the other consortium."""
    literacy = world.consortium.practice_areas.get(name="Literacy")
    numeracy = world.consortium.practice_areas.get(name="Numeracy")
    w = world
    w.oral = make_enquiry(
        w.people.teacher_a,
        w.school_1,
        w.network_a,
        sharing=Sharing.NETWORK,
        title="Oral rehearsal before writing",
        question="Does oral rehearsal before writing improve Year 5 boys' paragraphing?",
        practice_areas=[literacy],
        levels=[LevelOfLearning.objects.get(slug="pupil")],
    )
    services.impact_claim_add(enquiry=w.oral, by=None, area="pupils", claim="61% now", strength=Strength.DATA)
    w.mentions = make_enquiry(
        w.people.teacher_b,
        w.school_3,
        w.network_b,
        sharing=Sharing.CONSORTIUM,
        title="Times tables in Year 4",
        question="Do daily games help recall?",
        conclusions="Pupils enjoyed oral rehearsal of tables; writing them improved a little.",
        practice_areas=[numeracy],
    )
    w.public = make_enquiry(
        w.people.teacher_b,
        w.school_3,
        w.network_b,
        sharing=Sharing.PUBLIC,
        title="Pupil voice in maths",
        question="What do pupils say helps?",
    )
    w.private = make_enquiry(w.people.teacher_a, w.school_1, w.network_a, title="Private oral rehearsal writing")
    w.school_only = make_enquiry(
        w.people.teacher_a, w.school_1, w.network_a, sharing=Sharing.SCHOOL, title="School oral rehearsal writing"
    )
    far = UserFactory()
    MembershipFactory(user=far, school=w.other_school, role="school_staff")
    w.far_consortium = make_enquiry(
        far,
        w.other_school,
        w.other_network,
        sharing=Sharing.CONSORTIUM,
        title="North oral rehearsal writing",
        question="Oral rehearsal in the north?",
    )
    w.far_public = make_enquiry(
        far, w.other_school, w.other_network, sharing=Sharing.PUBLIC, title="North public writing", question="Drafts?"
    )
    return w


def reader(world, role):
    return AnonymousUser() if role == "anonymous" else getattr(world.people, role)


def library_ids(client, world, role, **params):
    client.logout()
    if role != "anonymous":
        client.force_login(reader(world, role))
    response = client.get(reverse("enquiry:library"), params)
    assert response.status_code == 200
    return [e.pk for e in response.context["page"].object_list]


@pytest.mark.parametrize("query", ["", "oral rehearsal writing", "writing", "maths"])
def test_never_returns_an_item_the_reader_may_not_see(library_world, client, query):
    for role in ROLES:
        visible = set(Enquiry.objects.visible_to(reader(library_world, role)).shared().values_list("pk", flat=True))
        found = library_ids(client, library_world, role, q=query)
        assert set(found) <= visible, role
        assert library_world.private.pk not in found
        if role != "superuser":
            assert library_world.far_consortium.pk not in found
    # What each sees without a search: exactly what is shared with them.
    assert set(library_ids(client, library_world, "anonymous")) == {
        library_world.public.pk,
        library_world.far_public.pk,
    }
    assert set(library_ids(client, library_world, "teacher_b")) == {
        library_world.mentions.pk,
        library_world.public.pk,
        library_world.far_public.pk,
    }
    assert set(library_ids(client, library_world, "teacher_a")) == {
        library_world.oral.pk,
        library_world.school_only.pk,
        library_world.mentions.pk,
        library_world.public.pk,
        library_world.far_public.pk,
    }


def test_search_finds_by_words_anywhere(library_world, client):
    found = library_ids(client, library_world, "consortium_staff", q="oral rehearsal writing")
    assert set(found) == {library_world.oral.pk, library_world.mentions.pk}
    assert library_ids(client, library_world, "consortium_staff", q="Numeracy") == [library_world.mentions.pk]


@postgres_only
def test_postgres_ranks_title_matches_above_passing_mentions(library_world, client):
    # The oral-rehearsal enquiry has it in its title and question; the times-tables one only in its
    # conclusions, and it was shared later.
    found = library_ids(client, library_world, "consortium_staff", q="oral rehearsal writing")
    assert found == [library_world.oral.pk, library_world.mentions.pk]
    # Stemming: "rehearse" finds "rehearsal"; websearch syntax: a quoted phrase, and -excluded words.
    assert library_ids(client, library_world, "consortium_staff", q="rehearse")[0] == library_world.oral.pk
    assert library_ids(client, library_world, "consortium_staff", q='"oral rehearsal" -tables') == [
        library_world.oral.pk
    ]
    assert library_ids(client, library_world, "consortium_staff", q="literacy") == [library_world.oral.pk]


def test_without_a_search_the_latest_shared_come_first(library_world, client):
    found = library_ids(client, library_world, "consortium_staff")
    shared = Enquiry.objects.filter(pk__in=found).order_by("-shared_at", "-pk").values_list("pk", flat=True)
    assert found == list(shared)


def test_filters(library_world, client):
    w = library_world
    staff = "consortium_staff"
    assert library_ids(client, w, staff, area="literacy") == [w.oral.pk]
    assert library_ids(client, w, staff, level="pupil") == [w.oral.pk]
    assert library_ids(client, w, staff, strength=Strength.OBSERVATION) == [w.oral.pk]
    assert library_ids(client, w, staff, strength=Strength.COMPARISON) == []
    assert set(library_ids(client, w, staff, school=w.school_3.pk)) == {w.mentions.pk, w.public.pk}
    assert set(library_ids(client, w, staff, network=w.network_b.pk)) == {w.mentions.pk, w.public.pk}
    services.enquiry_move_stage(enquiry=w.public, to_stage=Stage.REFLECT, by=None)
    assert library_ids(client, w, staff, stage="reflect") == [w.public.pk]
    secondary = SchoolFactory(consortium=w.consortium, phase="Secondary")
    NetworkSchoolFactory(network=w.network_b, school=secondary)
    later = make_enquiry(w.people.teacher_b, secondary, w.network_b, sharing=Sharing.CONSORTIUM, title="KS3")
    assert library_ids(client, w, staff, phase="Secondary") == [later.pk]


def test_each_result_says_where_it_comes_from(library_world, client):
    client.force_login(library_world.people.teacher_b)
    page = client.get(reverse("enquiry:library")).content.decode()
    # Every result names its school, its network (the reader's or not) and its consortium.
    assert "From Heol y Celyn Primary (primary), Numeracy Network, Central South Consortium" in page
    assert "North Maths, North Consortium" in page


def test_anonymous_readers_see_the_public_library(library_world, client):
    response = client.get(reverse("enquiry:library"), {"q": "writing"})
    assert [e.pk for e in response.context["page"].object_list] == [library_world.far_public.pk]
    detail = client.get(library_world.public.get_absolute_url())
    assert detail.status_code == 200
    assert "Pupil voice in maths" in detail.content.decode()
    assert client.get(library_world.oral.get_absolute_url()).status_code == 302


def test_pages_of_twenty(world, client):
    for n in range(23):
        make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.PUBLIC, title=f"E{n}")
    response = client.get(reverse("enquiry:library"))
    assert len(response.context["page"].object_list) == 20
    assert "Page 1 of 2" in response.content.decode()
    assert len(client.get(reverse("enquiry:library"), {"page": 2}).context["page"].object_list) == 3


def test_search_backend_matches_the_database():
    assert reads.uses_postgres() == (connection.vendor == "postgresql")


def count_line(client, **params):
    page = client.get(reverse("enquiry:library"), params).content.decode()
    return re.search(r'aria-live="polite">([^<]*)<', page).group(1)


def test_a_small_library_is_counted_exactly(library_world, client):
    client.force_login(library_world.people.consortium_staff)
    assert count_line(client) == "4 enquiries"
    if connection.vendor == "postgresql":
        assert count_line(client, q="literacy") == "1 enquiry, the best matches first"


@postgres_only
def test_past_the_threshold_the_count_is_the_planners_estimate(library_world, client, monkeypatch):
    """With the threshold lowered (the planner never estimates fewer than one row), every count is
    estimated: the page says "about", ranks the page's rows (the most recently shared matches) and
    finds the same enquiries as the exact path."""
    client.force_login(library_world.people.consortium_staff)
    exact = library_ids(client, library_world, "consortium_staff", q="oral rehearsal writing")
    monkeypatch.setattr(paging, "EXACT_COUNT_UP_TO", 0)
    line = count_line(client, q="oral rehearsal writing")
    assert line.startswith("About ")
    assert "each page's best matches at its top" in line
    estimated = library_ids(client, library_world, "consortium_staff", q="oral rehearsal writing")
    assert estimated == exact  # one page: the same two, ranked the same way
    plan_rows = paging.planner_rows(Enquiry.objects.visible_to(library_world.people.consortium_staff).shared())
    assert count_line(client).startswith(f"About {paging.rounded(plan_rows):,} enquiries")


@postgres_only
def test_the_estimate_is_the_plans_row_count_and_exact_counts_stay_exact(world):
    for n in range(30):
        make_enquiry(world.people.teacher_a, world.school_1, world.network_a, sharing=Sharing.PUBLIC, title=f"E{n}")
    public = Enquiry.objects.filter(sharing=Sharing.PUBLIC)
    estimated = paging.EstimatingPaginator(public, 20, exact_up_to=0)
    assert estimated.estimated
    assert estimated.count == paging.rounded(paging.planner_rows(public))
    exact = paging.EstimatingPaginator(public, 20, exact_up_to=10**9)
    assert not exact.estimated
    assert exact.count == 30
    assert exact.num_pages == 2


def test_rounding_keeps_two_significant_figures():
    assert [paging.rounded(n) for n in (7, 99, 123, 22_560, 1_049_999)] == [7, 99, 120, 23_000, 1_000_000]


def test_page_rows_are_loaded_by_id_in_the_orderings_order(world):
    made = [
        make_enquiry(world.people.teacher_a, world.school_1, sharing=Sharing.PUBLIC, title=f"E{n}") for n in range(5)
    ]
    ordered = Enquiry.objects.filter(pk__in=[e.pk for e in made]).order_by("title")
    loaded = []
    paginator = paging.EstimatingPaginator(ordered, 2, load=lambda ids: loaded.append(ids) or reads.library_rows(ids))
    page = paginator.page(2)
    assert [e.title for e in page.object_list] == ["E2", "E3"]
    assert loaded == [[made[2].pk, made[3].pk]]
    assert page.object_list[0].strongest is None  # the loader's annotations
