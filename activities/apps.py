from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = "Activities"

    def ready(self):
        from . import permissions, signals  # noqa: F401  (registers rules and signal handlers)
