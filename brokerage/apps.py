from django.apps import AppConfig


class BrokerageConfig(AppConfig):
    name = "brokerage"
    verbose_name = "Brokerage desk"

    def ready(self):
        from . import permissions, signals  # noqa: F401  (registers rules and signal handlers)
