from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = "People and places"

    def ready(self):
        from . import permissions, signals  # noqa: F401  (registers rules and signal handlers)
