"""The frameworks in Welsh (issue 16): a Welsh reader answers and reads results in Welsh, a row with
no Welsh shows its English, and the data migration writes the Welsh of every shipped row."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils.html import escape

from reviews.models import Feature, Framework, Question, RoundStatus
from tests.factories import in_welsh

from .test_results import csv_url, make_framework, make_round, read_csv, respond, results_url
from .test_review_pages import open_round

FRAMEWORKS = importlib.import_module("networks.migrations.0003_frameworks")
WELSH = importlib.import_module("reviews.migrations.0005_welsh_reference_data")


@pytest.fixture
def seven(db):
    """The shipped seven key features with their Welsh, whatever a transactional test flushed before."""
    if not Framework.objects.filter(slug="seven-key-features").exists():
        before_the_move = MigrationLoader(connection).project_state(("networks", "0003_frameworks")).apps
        FRAMEWORKS.load_frameworks(before_the_move, None)
    WELSH.write_welsh(django_apps, None)
    return Framework.objects.get(slug="seven-key-features")


def test_a_welsh_reader_answers_the_seven_key_features_in_welsh(world, client, seven):
    round = open_round(world, seven)
    client.force_login(in_welsh(world.people.teacher_a))
    page = client.get(reverse("reviews:response_edit", args=[round.pk])).content.decode()
    assert "Saith nodwedd allweddol rhwydweithiau dysgu" in page
    for name in ("Diben a ffocws", "Perthnasoedd", "Cydweithio", "Ymholi", "Arweinyddiaeth", "Atebolrwydd"):
        assert f">{name}</h2>" in page
    assert ">Meithrin gallu a chymorth</h2>" in page
    assert escape("Pa mor heriol yw'r ffocws? A fydd yn meithrin syniadau newydd a newidiadau mewn arferion?") in page
    assert "A yw aelodau staff yn dysgu o fentrau a fethodd?" in page
    assert "Do staff members learn from failed initiatives?" not in page
    assert ">Purpose and focus<" not in page


def test_an_english_reader_answers_the_same_round_in_english(world, client, seven):
    round = open_round(world, seven)
    client.force_login(world.people.teacher_a)
    page = client.get(reverse("reviews:response_edit", args=[round.pk])).content.decode()
    assert ">Purpose and focus</h2>" in page
    assert "Do staff members learn from failed initiatives?" in page
    assert "Diben a ffocws" not in page


def results_in_welsh(client, world, framework, ratings):
    """A closed round of network A on the framework, answered once with each rating: the round, and
    its results page as network A's leader reads it in Welsh."""
    round = make_round(world.network_a, framework, status=RoundStatus.CLOSED)
    for rating in ratings:
        respond(round, rating)
    client.force_login(in_welsh(world.people.leader_a))
    return round, client.get(results_url(round)).content.decode()


def test_a_welsh_reader_reads_the_results_and_their_csv_in_welsh(world, client, seven):
    round, page = results_in_welsh(client, world, seven, (2, 3, 4))
    assert "Saith nodwedd allweddol rhwydweithiau dysgu" in page
    assert ">Atebolrwydd</th>" in page
    assert ">Meithrin gallu a chymorth</th>" in page
    assert ">Accountability</th>" not in page
    rows = read_csv(client.get(csv_url(round)))
    features = list(dict.fromkeys(row["feature"] for row in rows))
    assert features[:2] == ["Diben a ffocws", "Perthnasoedd"]
    assert "Atebolrwydd" in features


def test_a_row_with_no_welsh_shows_its_english_to_a_welsh_reader(world, client):
    framework = make_framework(features=("Purpose and focus", "Collaboration"))
    Feature.objects.filter(framework=framework, slug="collaboration").update(name_cy="Cydweithio")
    _, page = results_in_welsh(client, world, framework, (1, 2, 3))
    assert ">Purpose and focus</th>" in page
    assert ">Cydweithio</th>" in page
    assert ">Collaboration</th>" not in page


def test_the_migration_writes_the_welsh_of_every_shipped_row_and_nothing_else(seven):
    """Run the migration's own functions against its historical models, inside the test's
    transaction: forwards, backwards, forwards again."""
    apps = MigrationLoader(connection).project_state(("reviews", "0005_welsh_reference_data")).apps
    assert all(operation.reversible for operation in WELSH.Migration.operations)
    shipped = Question.objects.filter(feature__framework__slug__in=WELSH.FRAMEWORKS)
    reworded = shipped.get(feature__slug="relationships", position=2)
    reworded.text = "Do staff members know what their colleagues are expert in?"
    reworded.text_cy = ""
    reworded.save()
    someone_elses = make_framework(slug="someone-elses")

    def rows():
        return {
            model.__name__: sorted(model.objects.values_list("pk", flat=True))
            for model in (Framework, Feature, Question)
        }

    before = rows()
    WELSH.clear_welsh(apps, None)
    assert rows() == before
    assert not Framework.objects.exclude(name_cy="").exists()
    assert not Feature.objects.exclude(name_cy="").exists()
    assert not Question.objects.exclude(text_cy="").exists()

    WELSH.write_welsh(apps, None)
    assert rows() == before
    for framework in Framework.objects.filter(slug__in=WELSH.FRAMEWORKS):
        assert framework.name_cy, framework.slug
        assert framework.description_cy, framework.slug
        for feature in framework.features.all():
            assert feature.name_cy, feature.slug
            assert bool(feature.description_cy) == bool(feature.description), feature.slug
    assert shipped.filter(text_cy="").get() == reworded  # its English is no longer the shipped wording
    assert shipped.exclude(text_cy="").count() == 29 + 8 - 1
    assert Question.objects.get(pk=shipped.get(feature__slug="inclusive-membership").pk).text_cy == (
        "Mae aelodaeth ein cymuned ddysgu broffesiynol yn agored i'r holl staff."
    )
    assert not Feature.objects.filter(framework=someone_elses).exclude(name_cy="").exists()
    assert someone_elses.features.count() == 3
