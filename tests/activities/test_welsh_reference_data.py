"""Activity templates and innovation-cycle phases in the reader's language (issue 16): a Welsh
reader plans from Welsh templates (names, what, when, steps), an English reader sees the English,
a template without Welsh shows its English, and the migrations give every shipped row its Welsh."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from activities.models import Activity, ActivityType, ActivityTypeStep, InnovationPhase
from tests.factories import in_welsh

from .helpers import plan
from .test_pages import visit_form

pytestmark = pytest.mark.django_db

WELSH = importlib.import_module("activities.migrations.0010_fill_reference_data_welsh")
SHIPPED = importlib.import_module("activities.migrations.0002_activity_types")


def test_the_migration_holds_the_welsh_of_every_shipped_type_step_and_phase():
    assert list(WELSH.TYPES_CY) == [data["slug"] for data in SHIPPED.ACTIVITY_TYPES]
    for data in SHIPPED.ACTIVITY_TYPES:
        assert [english for english, _ in WELSH.TYPES_CY[data["slug"]]["steps"]] == data["steps"], data["slug"]
    assert list(WELSH.PHASES_CY) == [slug for slug, *_ in SHIPPED.INNOVATION_PHASES]


def test_every_shipped_row_has_its_welsh_in_the_database():
    shipped = ActivityType.objects.filter(slug__in=WELSH.TYPES_CY)
    assert shipped.count() == len(WELSH.TYPES_CY)
    for field in WELSH.FIELDS:
        assert not shipped.filter(**{f"{field}_cy": ""}).exists(), field
    steps = ActivityTypeStep.objects.filter(activity_type__in=shipped)
    assert steps.count() == sum(len(t["steps"]) for t in WELSH.TYPES_CY.values())
    assert not steps.filter(text_cy="").exists()
    assert not InnovationPhase.objects.filter(name_cy="").exists()
    assert not InnovationPhase.objects.filter(description_cy="").exists()


def test_reversing_empties_only_the_welsh_it_wrote():
    visit = ActivityType.objects.get(slug="learning-visit")
    visit.name_cy = "Ymweliad i ddysgu"  # an operator's own wording
    visit.save()

    WELSH.empty_welsh(apps, None)

    assert ActivityType.objects.get(slug="learning-visit").name_cy == "Ymweliad i ddysgu"
    assert ActivityType.objects.get(slug="research-lesson").name_cy == ""
    assert not ActivityTypeStep.objects.exclude(text_cy="").exists()
    assert not InnovationPhase.objects.exclude(name_cy="").exists()
    WELSH.fill_welsh(apps)
    assert ActivityType.objects.get(slug="learning-visit").name_cy == "Ymweliad i ddysgu"
    assert ActivityType.objects.get(slug="research-lesson").name_cy == "Gwers ymchwil"


def test_a_welsh_reader_chooses_and_plans_from_welsh_templates(world, client):
    client.force_login(in_welsh(world.people.leader_a))
    choose = client.get(reverse("activities:activity_type_choose", args=[world.network_a.slug])).content.decode()
    url = reverse("activities:activity_create", args=[world.network_a.slug, "learning-visit"])
    page = client.get(url).content.decode()

    for welsh in ("Ymweliad dysgu", "Gwers ymchwil", "Hanner diwrnod neu ddiwrnod llawn", "Cynllunio ymweliad dysgu"):
        assert welsh in choose
    assert "Research lesson" not in choose
    assert "Cynllunio ymweliad dysgu" in page
    assert "Trefnu sesiwn friffio dan arweiniad uwch aelod o staff yr ysgol letya." in page
    assert "briefing session led by a senior member of staff" not in page
    assert 'value="Ymweliad dysgu"' in page  # the title it starts with


def test_a_welsh_planners_checklist_is_in_welsh_and_the_activity_page_names_type_and_phase_in_welsh(world, client):
    client.force_login(in_welsh(world.people.leader_a))
    url = reverse("activities:activity_create", args=[world.network_a.slug, "learning-visit"])
    phase = InnovationPhase.objects.get(slug="selection")
    client.post(url, visit_form(host_school=world.school_2.pk, innovation_phase=phase.pk))
    activity = Activity.objects.get()

    page = client.get(activity.get_absolute_url()).content.decode()

    assert activity.checklist.first().text.startswith("Dod o hyd i ysgol")
    assert "Ymweliad dysgu" in page
    assert "Dewis" in page
    assert "Ffordd o roi cyfle i athrawon" in page  # what the template is


def test_an_english_reader_sees_the_english_and_a_template_without_welsh_shows_its_english(world, client):
    ActivityType.objects.filter(slug="peer-observation").update(name_cy="", what_cy="")
    activity = plan(world, type_slug="peer-observation", title="Peer observation in Year 5")
    client.force_login(world.people.leader_a)
    english = client.get(activity.get_absolute_url()).content.decode()
    in_welsh(world.people.leader_a)
    welsh = client.get(activity.get_absolute_url()).content.decode()
    listed = client.get(reverse("activities:activity_list", args=[world.network_a.slug])).content.decode()

    assert "Colleagues observe each other" in english
    assert "Arsylwi gan gymheiriaid" not in welsh
    assert "Colleagues observe each other" in welsh
    assert "Peer observation ·" in listed
    with translation.override("cy"):
        assert ActivityType.objects.get(slug="peer-observation").display_resources.startswith("Cyflenwi")
