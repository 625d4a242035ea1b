import tempfile

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis keeps caches in .hypothesis/ of the working directory: keep them out of the work tree.
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://plc.example.org"
