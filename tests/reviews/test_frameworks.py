"""The frameworks data migration: both frameworks, every question of the seeds, sources named."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from reviews.models import Framework, Question

# The data is frozen inside the migration that loaded it (networks 0003, from before self-review
# had its own app); the reviews app's models read the same tables.
MIGRATION = importlib.import_module("networks.migrations.0003_frameworks")
FRAMEWORKS = MIGRATION.FRAMEWORKS

SEVEN_FEATURES = [
    ("purpose-and-focus", "Purpose and focus", 6),
    ("relationships", "Relationships", 5),
    ("collaboration", "Collaboration", 5),
    ("enquiry", "Enquiry", 5),
    ("leadership", "Leadership", 3),
    ("accountability", "Accountability", 3),
    ("building-capacity-and-support", "Building capacity and support", 2),
]

EIGHT_CHARACTERISTICS = [
    "Shared values and vision",
    "Collective responsibility for pupils' learning",
    "Reflective professional enquiry",
    "Collaboration focused on learning and wellbeing",
    "Group as well as individual learning",
    "Openness, networks and partnership",
    "Inclusive membership",
    "Mutual trust, respect and support",
]


@pytest.fixture
def seven(db):
    return Framework.objects.get(slug="seven-key-features")


@pytest.fixture
def eight(db):
    return Framework.objects.get(slug="eight-characteristics")


def test_seven_key_features_in_order_with_every_question_of_seed_002(seven):
    assert seven.name == "Seven key features of learning networks"
    features = list(seven.features.order_by("position"))
    assert [(f.slug, f.name) for f in features] == [(slug, name) for slug, name, _ in SEVEN_FEATURES]
    assert [f.position for f in features] == list(range(1, 8))
    # Seed 002 prints 29 bulleted questions, not the 30 DESIGN.md mentions; none is invented.
    assert [f.questions.count() for f in features] == [count for _, _, count in SEVEN_FEATURES]
    assert Question.objects.filter(feature__framework=seven).count() == 29
    for feature in features:
        assert feature.description, feature.name
        positions = list(feature.questions.order_by("position").values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1))


def test_every_seven_key_features_question_is_a_question_in_sentence_case(seven):
    texts = list(Question.objects.filter(feature__framework=seven).values_list("text", flat=True))
    assert len(set(texts)) == len(texts)
    for text in texts:
        assert text.endswith("?"), text
        assert text[0].isupper(), text
        assert not text.isupper(), text
        assert "  " not in text, text
        assert "program " not in text, text
        assert "programs" not in text, text


def test_seven_key_features_wording_is_seed_002s(seven):
    leadership = seven.features.get(slug="leadership")
    assert leadership.questions.get(position=2).text == (
        "Are staff members involved in leadership activities like setting goals, coordinating or "
        "facilitating programmes, etc.?"
    )
    relationships = seven.features.get(slug="relationships")
    assert relationships.questions.get(position=3).text == (
        "Do staff members feel responsible for ensuring that they are all doing their professional best?"
    )


def test_eight_characteristics_each_with_one_statement(eight):
    assert eight.name == "Eight characteristics of effective professional learning communities"
    features = list(eight.features.order_by("position"))
    assert [f.name for f in features] == EIGHT_CHARACTERISTICS
    for feature in features:
        questions = list(feature.questions.all())
        assert len(questions) == 1, feature.name
        assert questions[0].text.endswith("."), questions[0].text
    assert eight.features.get(position=1).questions.get().text == (
        "Staff share values and a vision centred on pupils' learning."
    )


def test_sources_name_the_seeds(seven, eight):
    assert "seed 002" in seven.source
    assert "seed 000" in seven.source
    assert "Reading D" in seven.source
    assert "Earl" in seven.source
    assert "Katz" in seven.source
    assert "seed 004" in eight.source
    assert "RAISE" in eight.source


def test_the_migrations_data_matches_the_database(db):
    for data in FRAMEWORKS:
        framework = Framework.objects.get(slug=data["slug"])
        assert framework.source == data["source"]
        stored = [
            (feature.name, [q.text for q in feature.questions.order_by("position")])
            for feature in framework.features.order_by("position")
        ]
        assert stored == [(f["name"], f["questions"]) for f in data["features"]]


def test_the_migration_reverses_and_reapplies(db):
    """Run the migration's own functions against its historical models, inside the test's transaction."""
    apps = MigrationLoader(connection).project_state(("networks", "0003_frameworks")).apps
    migration = MIGRATION
    assert all(operation.reversible for operation in migration.Migration.operations)
    other = Framework.objects.create(slug="someone-elses", name="Another framework", source="An operator")

    migration.unload_frameworks(apps, None)
    assert list(Framework.objects.values_list("slug", flat=True)) == [other.slug]
    assert not Question.objects.exists()

    migration.load_frameworks(apps, None)
    assert Framework.objects.count() == 3
    assert Question.objects.filter(feature__framework__slug="seven-key-features").count() == 29
    assert Question.objects.filter(feature__framework__slug="eight-characteristics").count() == 8
