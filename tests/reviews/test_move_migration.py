"""Self-review moved from the networks app to the reviews app without touching a row.

A database migrated before the move (networks 0004) holds rounds, responses, answers, notices and
maturity records; migrating it forward (reviews 0001, networks 0005) leaves every row where it
was, now read through the reviews app's models.
"""

import importlib
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from reviews.models import Answer, Feature, Framework, Notice, Question, ReviewResponse, ReviewRound, SchoolMaturity

BEFORE_THE_MOVE = [("networks", "0004_more_email_preferences"), ("reviews", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # The models as they stand at the targets (an app unapplied has none).
    nodes = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


def _fill(apps):
    """Rows made with the models as they were before the move (app label `networks`)."""
    model = lambda name: apps.get_model("networks", name)  # noqa: E731
    consortium = model("Consortium").objects.create(name="Moved Consortium", slug="moved")
    school = model("School").objects.create(consortium=consortium, urn=909001, name="Ysgol Symud")
    network = model("Network").objects.create(consortium=consortium, name="Moving Network", slug="moving")
    person = model("User").objects.create(email="mover@example.org", full_name="Mover")
    # The frameworks come from a data migration; an earlier transactional test on this worker may
    # have flushed them, so load them again the way that migration does.
    if not model("Framework").objects.filter(slug="seven-key-features").exists():
        importlib.import_module("networks.migrations.0003_frameworks").load_frameworks(apps, None)
    framework = model("Framework").objects.get(slug="seven-key-features")
    questions = list(model("Question").objects.filter(feature__framework=framework).order_by("pk")[:3])
    round = model("ReviewRound").objects.create(
        network=network,
        framework=framework,
        title="Before the move",
        opens_on=date(2026, 9, 1),
        closes_on=date(2026, 9, 21),
        status="closed",
        audience_roles=["network_member"],
    )
    round.audience_schools.add(school)
    response = model("ReviewResponse").objects.create(
        round=round, user=person, school=school, group="staff", submitted_at=timezone.now()
    )
    for rating, question in enumerate(questions, start=1):
        model("Answer").objects.create(response=response, question=question, rating=rating, comment=f"Note {rating}")
    model("Notice").objects.create(
        user=person, round=round, network=network, kind="round_opened", due_at=timezone.now() - timedelta(days=1)
    )
    model("SchoolMaturity").objects.create(
        school=school, stage="developer", rationale="Enquiry in every class", recorded_by=person
    )
    return round.pk, response.pk, [q.pk for q in questions]


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Framework, Feature, Question, ReviewRound, ReviewResponse, Answer, Notice, SchoolMaturity)
    }


@pytest.mark.django_db(transaction=True)
def test_a_database_with_rounds_and_answers_migrates_forward_with_every_row():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    round_type = ContentType.objects.get_for_model(ReviewRound).pk
    old_apps = _migrate(BEFORE_THE_MOVE)
    round_pk, response_pk, question_pks = _fill(old_apps)
    counts_before = {
        name: old_apps.get_model("networks", name).objects.count()
        for name in ("Framework", "Feature", "Question", "ReviewRound", "ReviewResponse", "Answer", "Notice")
    } | {"SchoolMaturity": old_apps.get_model("networks", "SchoolMaturity").objects.count()}

    _migrate(latest)
    ContentType.objects.clear_cache()

    assert _counts() == counts_before
    assert counts_before["Answer"] >= 3
    assert counts_before["Question"] >= 29
    round = ReviewRound.objects.get(pk=round_pk)
    assert (round.title, round.status, round.audience_roles) == ("Before the move", "closed", ["network_member"])
    assert [s.urn for s in round.audience_schools.all()] == [909001]
    response = ReviewResponse.objects.get(pk=response_pk)
    assert (response.round_id, response.user.email, response.school.urn) == (round_pk, "mover@example.org", 909001)
    assert list(response.answers.order_by("question_id").values_list("question_id", "rating", "comment")) == [
        (pk, rating, f"Note {rating}") for rating, pk in enumerate(question_pks, start=1)
    ]
    assert Notice.objects.get(round=round).kind == "round_opened"
    assert SchoolMaturity.objects.get(school__urn=909001).get_stage_display() == "Developer"
    # Permissions and the admin's history hang on the content type: it moved with its model.
    assert ContentType.objects.get_for_model(ReviewRound).pk == round_type
    assert not ContentType.objects.filter(app_label="networks", model="reviewround").exists()
