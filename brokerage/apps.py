from django.apps import AppConfig


class BrokerageConfig(AppConfig):
    name = "brokerage"
    verbose_name = "Brokerage desk"

    def ready(self):
        from enquiry.links import register_reader_link

        from . import permissions, signals  # noqa: F401  (registers rules and signal handlers)

        register_reader_link(permissions.ask_to_visit_link)
