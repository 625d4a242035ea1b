from django.apps import AppConfig


class BrokerageConfig(AppConfig):
    name = "brokerage"
    verbose_name = "Brokerage desk"

    def ready(self):
        from enquiry.links import register_reader_link
        from networks.freshness import watch

        from . import permissions, signals  # noqa: F401  (registers rules and signal handlers)
        from .models import Engagement, SupportRequest

        # The dashboard's engagements without an outcome: the request's network and its school's (networks.freshness).
        watch(SupportRequest, "network", "school__network_schools__network")
        watch(Engagement, "request__network", "request__school__network_schools__network")

        register_reader_link(permissions.ask_to_visit_link)
