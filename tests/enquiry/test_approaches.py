"""The consortium's list of approaches, edited by its staff: add, rename, retire one that enquiries
tag (they keep it), delete one nobody tags, offer a retired one again; the list a consortium starts
with; and the page's queries, pinned whatever the length of the list."""

import importlib

import pytest
from django.urls import reverse

from enquiry.forms import EnquiryForm
from enquiry.models import DEFAULT_APPROACHES, Approach
from networks.models import Consortium
from tests.test_query_counts import queries_for

from .helpers import make_enquiry

pytestmark = pytest.mark.django_db


def url(world, name="enquiry:approach_list", approach=None):
    return reverse(name, args=[world.consortium.slug] + ([approach.pk] if approach else []))


def offered(world, user):
    return list(EnquiryForm(user=user).fields["approach"].queryset.values_list("name", flat=True))


def tagged_enquiry(world, approach, **fields):
    """Teacher A's enquiry, tagged with the approach."""
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a, **fields)
    enquiry.approach = approach
    enquiry.save(update_fields=["approach"])
    return enquiry


def test_staff_add_an_approach_and_enquirers_are_offered_it(world, client):
    client.force_login(world.people.consortium_staff)

    response = client.post(url(world), {"name": "  Talk for writing "}, follow=True)

    assert "“Talk for writing” is added" in response.content.decode()
    assert Approach.objects.get(consortium=world.consortium, slug="talk-for-writing").is_active
    assert "Talk for writing" in offered(world, world.people.teacher_a)


def test_a_name_the_consortium_has_already_is_refused_on_the_page(world, client):
    client.force_login(world.people.consortium_staff)
    peer = Approach.objects.get(consortium=world.consortium, slug="peer-tutoring")

    added = client.post(url(world), {"name": "peer TUTORING"})
    renamed = client.post(url(world, "enquiry:approach_edit", peer), {"name": "Mastery learning"})

    assert "already has the approach “Peer tutoring”" in added.content.decode()
    assert "already has the approach “Mastery learning”" in renamed.content.decode()
    assert "Rename “Peer tutoring”" in renamed.content.decode()
    assert Approach.objects.filter(consortium=world.consortium).count() == len(DEFAULT_APPROACHES)


def test_renaming_keeps_the_enquiries_tag(world, client):
    oral = Approach.objects.get(consortium=world.consortium, slug="oral-rehearsal-before-writing")
    enquiry = tagged_enquiry(world, oral)
    client.force_login(world.people.consortium_staff)

    client.post(url(world, "enquiry:approach_edit", oral), {"name": "Talking before writing"})

    enquiry.refresh_from_db()
    assert (enquiry.approach.name, enquiry.approach.slug) == ("Talking before writing", "talking-before-writing")


def test_an_approach_enquiries_tag_is_retired_after_asking_and_they_keep_it(world, client):
    oral = Approach.objects.get(consortium=world.consortium, slug="oral-rehearsal-before-writing")
    enquiry = tagged_enquiry(world, oral)
    client.force_login(world.people.consortium_staff)
    remove = url(world, "enquiry:approach_remove", oral)

    asked = client.get(remove).content.decode()
    assert "Retire “Oral rehearsal before writing”?" in asked
    assert "1 enquiry is tagged with it" in asked
    assert Approach.objects.get(pk=oral.pk).is_active  # asking changes nothing

    page = client.post(remove, follow=True).content.decode()

    oral.refresh_from_db()
    enquiry.refresh_from_db()
    assert not oral.is_active
    assert enquiry.approach == oral
    assert "is retired" in page
    assert "Offer again" in page
    assert "Oral rehearsal before writing" not in offered(world, world.people.teacher_a)
    assert "Oral rehearsal before writing" in EnquiryForm(instance=enquiry, user=world.people.teacher_a).fields[
        "approach"
    ].queryset.values_list("name", flat=True)

    client.post(url(world, "enquiry:approach_restore", oral))
    oral.refresh_from_db()
    assert oral.is_active
    assert "Oral rehearsal before writing" in offered(world, world.people.teacher_a)


def test_an_approach_nobody_tags_is_deleted_after_asking(world, client):
    outdoor = Approach.objects.get(consortium=world.consortium, slug="outdoor-learning")
    client.force_login(world.people.consortium_staff)
    remove = url(world, "enquiry:approach_remove", outdoor)

    asked = client.get(remove).content.decode()
    assert "Delete “Outdoor learning”?" in asked
    assert "This cannot be undone." in asked
    client.post(remove)

    assert not Approach.objects.filter(pk=outdoor.pk).exists()


def test_another_consortiums_approach_is_out_of_reach(world, client):
    theirs = Approach.objects.get(consortium=world.other_consortium, slug="outdoor-learning")
    client.force_login(world.people.consortium_staff)

    for name in ("enquiry:approach_edit", "enquiry:approach_remove"):
        assert client.get(url(world, name, theirs)).status_code == 404
    assert client.post(url(world, "enquiry:approach_remove", theirs)).status_code == 404

    assert Approach.objects.filter(pk=theirs.pk, is_active=True).exists()


def test_every_consortium_starts_with_the_activity_types_and_common_approaches(world):
    """The list seeded for existing consortia (migration 0003) and for new ones (enquiry.signals)
    holds each of the seeds' activity types, under its short name, and the common approaches."""
    migration = importlib.import_module("enquiry.migrations.0003_approaches")
    activity_types = importlib.import_module("activities.migrations.0002_activity_types").ACTIVITY_TYPES
    new = Consortium.objects.create(name="Gwent", slug="gwent")

    names = list(Approach.objects.filter(consortium=new).order_by("pk").values_list("name", flat=True))

    assert names == DEFAULT_APPROACHES == migration.APPROACHES
    for activity_type in activity_types:
        assert any(name.lower() in activity_type["name"].lower() for name in names), activity_type["name"]
    assert {"Oral rehearsal before writing", "Feedback and marking", "Peer tutoring"} <= set(names)


def test_the_list_costs_the_same_queries_with_5_and_50_approaches(world, client):
    client.force_login(world.people.consortium_staff)
    Approach.objects.filter(consortium=world.consortium).delete()

    def grow(start, n):
        for i in range(start, start + n):
            approach = Approach.objects.create(consortium=world.consortium, name=f"Approach {i}", slug=f"a-{i}")
            tagged_enquiry(world, approach, title=f"E{i}")
        Approach.objects.filter(name__in=[f"Approach {i}" for i in range(start, start + n, 2)]).update(is_active=False)

    grow(0, 5)
    client.get(url(world))  # what the process reads once (the site's settings) is read before counting
    with_five = queries_for(client, url(world))
    grow(5, 45)
    with_fifty = queries_for(client, url(world))
    assert (with_five, with_fifty) == (5, 5)


def test_the_enquiry_form_offers_the_approach_and_keeps_the_one_chosen(world, client):
    """The form had the field but never drew it, so saving an edit cleared the enquiry's approach."""
    oral = Approach.objects.get(consortium=world.consortium, slug="oral-rehearsal-before-writing")
    enquiry = tagged_enquiry(world, oral)
    client.force_login(world.people.teacher_a)

    html = client.get(reverse("enquiry:enquiry_edit", args=[enquiry.pk])).content.decode()

    assert 'name="approach"' in html
    assert f'<option value="{oral.pk}" selected>' in html
