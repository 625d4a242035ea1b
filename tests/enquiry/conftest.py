import importlib

import pytest
from django.apps import apps

from enquiry.models import LevelOfLearning

REFERENCE_TERMS = importlib.import_module("enquiry.migrations.0002_reference_terms")
REFERENCE_WELSH = importlib.import_module("enquiry.migrations.0013_fill_reference_data_welsh")


def ensure_reference_terms():
    """A transactional test's flush removes data-migration rows; load them again if it ran first,
    and fill their Welsh wherever a level has none (as migration 0013 does: only empty Welsh)."""
    if LevelOfLearning.objects.count() < len(REFERENCE_TERMS.LEVELS_OF_LEARNING):
        REFERENCE_TERMS.load_terms(apps)
    if LevelOfLearning.objects.filter(name_cy="").exists():
        REFERENCE_WELSH.fill_welsh(apps)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Evidence files go to a folder of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _reference_terms(request):
    """Tests with a database start with the reference terms, whatever ran before them."""
    names = set(request.fixturenames)
    if "transactional_db" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names:
        request.getfixturevalue("db")
    else:
        return
    ensure_reference_terms()
