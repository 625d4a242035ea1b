import pytest


@pytest.fixture(autouse=True)
def _last_seen_once_a_minute(settings):
    """The platform's own once-a-minute write of the last-seen stamp (tests/conftest.py stretches it)."""
    settings.SESSION_SEEN_EVERY = 60
