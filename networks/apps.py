from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = "People and places"

    def ready(self):
        import os
        import sys

        from django.conf import settings

        from . import permissions, signals  # noqa: F401  (registers rules and signal handlers)
        from .site_url import warn_if_mismatched

        # Once per runserver: in the process that serves (the reloader's child), or without it.
        if settings.DEBUG and (os.environ.get("RUN_MAIN") == "true" or "--noreload" in sys.argv):
            warn_if_mismatched(sys.argv, settings.SITE_URL)
