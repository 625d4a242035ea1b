"""Practice areas in Welsh (issue 16): a new consortium's defaults come with their Welsh, a Welsh
reader sees it in the lists, an area with no Welsh shows its English, and the data migration writes
the Welsh of existing defaults only."""

import importlib

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from networks.models import PracticeArea
from networks.practice_areas import DEFAULT_PRACTICE_AREAS

from ..factories import ConsortiumFactory

WELSH = importlib.import_module("networks.migrations.0019_practice_area_welsh_names")


def test_a_new_consortium_gets_welsh_names_for_its_practice_areas(db):
    consortium = ConsortiumFactory(name="Ein Rhanbarth", slug="ein-rhanbarth")
    names = dict(consortium.practice_areas.values_list("name", "name_cy"))
    assert names == dict(DEFAULT_PRACTICE_AREAS)
    assert names["Wellbeing"] == "Lles"
    assert all(names.values())


def test_a_welsh_reader_sees_the_practice_areas_in_welsh(world, client):
    staff = world.people.consortium_staff
    staff.language = "cy"
    staff.save(update_fields=["language"])
    PracticeArea.objects.create(consortium=world.consortium, name="Oracy", slug="oracy")
    client.force_login(staff)
    page = client.get(reverse("networks:practice_area_list", args=[world.consortium.slug])).content.decode()
    assert "<td>Llythrennedd</td>" in page
    assert "<td>Asesu ar gyfer dysgu</td>" in page
    assert "<td>Literacy</td>" not in page
    assert "<td>Oracy</td>" in page  # no Welsh written: the English
    detail = client.get(world.consortium.get_absolute_url()).content.decode()
    assert ">Rhifedd</li>" in detail


def test_an_english_reader_sees_the_english(world, client):
    client.force_login(world.people.consortium_staff)
    page = client.get(reverse("networks:practice_area_list", args=[world.consortium.slug])).content.decode()
    assert "<td>Literacy</td>" in page
    assert "Llythrennedd" not in page


def test_staff_write_the_welsh_name_of_an_area(world, client):
    client.force_login(world.people.consortium_staff)
    url = reverse("networks:practice_area_list", args=[world.consortium.slug])
    assert client.post(url, {"name": "Oracy", "name_cy": "Llafaredd"}).status_code == 302
    area = PracticeArea.objects.get(consortium=world.consortium, name="Oracy")
    assert area.name_cy == "Llafaredd"
    edit = reverse("networks:practice_area_edit", args=[world.consortium.slug, area.pk])
    assert client.post(edit, {"name": "Oracy and talk", "name_cy": "Llafaredd a siarad"}).status_code == 302
    area.refresh_from_db()
    assert (area.name, area.name_cy) == ("Oracy and talk", "Llafaredd a siarad")


def test_the_migration_writes_the_welsh_of_existing_defaults_and_nothing_else(world):
    apps = MigrationLoader(connection).project_state(("networks", "0019_practice_area_welsh_names")).apps
    assert all(operation.reversible for operation in WELSH.Migration.operations)
    areas = PracticeArea.objects.filter(consortium__in=[world.consortium, world.other_consortium])
    areas.update(name_cy="")  # as they stood before the Welsh column
    renamed = areas.filter(consortium=world.consortium, name="Literacy").get()
    renamed.name = "Literacy across the curriculum"
    renamed.save()
    own = PracticeArea.objects.create(consortium=world.consortium, name="Oracy", slug="oracy")
    before = sorted(areas.values_list("pk", "consortium_id", "name", "slug"))

    WELSH.write_welsh(apps, None)
    assert sorted(areas.values_list("pk", "consortium_id", "name", "slug")) == before
    assert areas.get(consortium=world.other_consortium, name="Literacy").name_cy == "Llythrennedd"
    assert areas.get(consortium=world.consortium, name="Parental engagement").name_cy == "Ymgysylltu â rhieni"
    untouched = set(areas.filter(name_cy="").values_list("pk", flat=True))
    assert untouched == {renamed.pk, own.pk}
    assert areas.exclude(name_cy="").count() == 2 * len(DEFAULT_PRACTICE_AREAS) - 1

    WELSH.clear_welsh(apps, None)
    assert not areas.exclude(name_cy="").exists()
    assert sorted(areas.values_list("pk", "consortium_id", "name", "slug")) == before
