"""The production settings (DEBUG off) for a server a test starts from the source tree, where no
`collectstatic` has built the manifest that production's static storage reads."""

from plc_platform.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
