"""Reference data in the reader's language (issue 16): levels of learning, fields of knowledge and
approaches show their Welsh to a Welsh reader, their English otherwise, and the English where no
Welsh is written; the migrations give every shipped row its Welsh."""

import importlib

import pytest
from django.urls import reverse
from django.utils import translation

from enquiry import reads
from enquiry.forms import LibraryForm
from enquiry.models import DEFAULT_APPROACHES, DEFAULT_APPROACHES_CY, Approach, FieldOfKnowledge, LevelOfLearning
from networks.models import Consortium
from tests.factories import in_welsh

from .helpers import make_enquiry

pytestmark = pytest.mark.django_db

WELSH = importlib.import_module("enquiry.migrations.0013_fill_reference_data_welsh")
TERMS = importlib.import_module("enquiry.migrations.0002_reference_terms")
APPROACHES = importlib.import_module("enquiry.migrations.0003_approaches")


def test_every_shipped_term_and_default_approach_has_its_welsh():
    assert set(WELSH.LEVELS_OF_LEARNING_CY) == {slug for slug, *_ in TERMS.LEVELS_OF_LEARNING}
    assert set(WELSH.FIELDS_OF_KNOWLEDGE_CY) == {slug for slug, *_ in TERMS.FIELDS_OF_KNOWLEDGE}
    assert list(WELSH.APPROACHES_CY) == APPROACHES.APPROACHES
    assert DEFAULT_APPROACHES_CY == WELSH.APPROACHES_CY
    for model in (LevelOfLearning, FieldOfKnowledge):
        assert not model.objects.filter(name_cy="").exists()
        assert not model.objects.filter(description_cy="").exists()


def test_the_migration_fills_existing_approaches_whose_english_is_a_default_and_reverses(world):
    from django.apps import apps

    ours = Approach.objects.filter(consortium=world.consortium)
    ours.update(name_cy="")
    renamed = ours.get(slug="peer-tutoring")
    renamed.name = "Tutoring by older pupils"
    renamed.save()

    WELSH.fill_welsh(apps)

    assert ours.get(slug="peer-observation").name_cy == "Arsylwi gan gymheiriaid"
    assert ours.get(slug="peer-tutoring").name_cy == ""  # its English is no longer the default's
    level = LevelOfLearning.objects.get(slug="pupil")
    level.name_cy = "Dysgu'r disgyblion"  # an operator's own wording stays, both ways
    level.save()

    WELSH.empty_welsh(apps, None)

    assert not ours.exclude(name_cy="").exists()
    assert LevelOfLearning.objects.get(slug="pupil").name_cy == "Dysgu'r disgyblion"
    assert FieldOfKnowledge.objects.get(slug="public").name_cy == ""
    WELSH.fill_welsh(apps)
    assert LevelOfLearning.objects.get(slug="pupil").name_cy == "Dysgu'r disgyblion"
    assert FieldOfKnowledge.objects.get(slug="public").name_cy == "Gwybodaeth gyhoeddus"


def test_a_new_consortium_gets_its_approaches_in_welsh_too():
    new = Consortium.objects.create(name="Gwent", slug="gwent")

    rows = list(Approach.objects.filter(consortium=new).order_by("pk").values_list("name", "name_cy"))

    assert rows == [(name, DEFAULT_APPROACHES_CY[name]) for name in DEFAULT_APPROACHES]
    with translation.override("cy"):
        assert str(Approach.objects.get(consortium=new, slug="peer-tutoring")) == "Tiwtora gan gymheiriaid"


def test_a_welsh_reader_sees_welsh_levels_and_fields_on_the_enquiry_form(world, client):
    client.force_login(in_welsh(world.people.teacher_a))

    page = client.get(reverse("enquiry:enquiry_create")).content.decode()

    for welsh in ("Dysgu disgyblion", "Dysgu o rwydwaith i rwydwaith", "Gwybodaeth ymarferwyr"):
        assert welsh in page
    for english in ("Pupil learning", "Practitioner knowledge"):
        assert english not in page


def test_an_english_reader_sees_the_english_and_a_row_without_welsh_shows_its_english(world, client):
    LevelOfLearning.objects.filter(slug="adult").update(name_cy="")
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    enquiry.levels.set(LevelOfLearning.objects.filter(slug__in=["pupil", "adult"]))
    enquiry.knowledge_fields.set(FieldOfKnowledge.objects.filter(slug="public"))
    client.force_login(world.people.teacher_a)
    detail = reverse("enquiry:enquiry_detail", args=[enquiry.pk])

    english = client.get(detail).content.decode()
    in_welsh(world.people.teacher_a)
    welsh = client.get(detail).content.decode()
    printed = client.get(reverse("enquiry:enquiry_print", args=[enquiry.pk])).content.decode()

    assert "Pupil learning, Adult learning" in english
    assert "Public knowledge" in english
    assert "Dysgu disgyblion, Adult learning" in welsh
    assert "Gwybodaeth gyhoeddus" in welsh
    assert "Dysgu disgyblion, Adult learning" in printed


def test_the_csv_and_library_filter_give_the_readers_language(world):
    enquiry = make_enquiry(world.people.teacher_a, world.school_1, world.network_a)
    enquiry.levels.set(LevelOfLearning.objects.filter(slug="leadership"))
    row = reads.csv_queryset(type(enquiry).objects.filter(pk=enquiry.pk)).get()
    with translation.override("en-gb"):
        levels_column = [str(header) for header in reads.CSV_HEADER].index("Levels of learning")

    def level_choices():
        return dict(LibraryForm(areas=[], phases=[], schools=[], networks=[]).fields["level"].choices)

    with translation.override("en-gb"):
        assert reads.csv_row(row, "https://plc.example")[levels_column] == "Leadership for learning"
        assert level_choices()["leadership"] == "Leadership for learning"
    with translation.override("cy"):
        assert reads.csv_row(row, "https://plc.example")[levels_column] == "Arwain er mwyn dysgu"
        assert level_choices()["leadership"] == "Arwain er mwyn dysgu"


def test_the_consortium_staff_name_an_approach_in_welsh_and_welsh_readers_see_it(world, client):
    client.force_login(in_welsh(world.people.consortium_staff))
    url = reverse("enquiry:approach_list", args=[world.consortium.slug])

    client.post(url, {"name": "Talk for writing", "name_cy": "Siarad er mwyn ysgrifennu"})
    client.post(url, {"name": "Word walls"})
    page = client.get(url).content.decode()

    assert Approach.objects.get(consortium=world.consortium, slug="talk-for-writing").name_cy == (
        "Siarad er mwyn ysgrifennu"
    )
    assert "Siarad er mwyn ysgrifennu" in page
    assert "Talk for writing" not in page
    assert "Word walls" in page  # no Welsh given: the English
