from django.apps import AppConfig


class EnquiryConfig(AppConfig):
    name = "enquiry"
    verbose_name = "Enquiries and the practice library"

    def ready(self):
        from networks.freshness import watch, watch_m2m

        from . import permissions, signals  # noqa: F401  (registers rules and receivers)
        from .models import Enquiry, Evidence, ImpactClaim, StageChange

        # What the network dashboard shows of enquiries (networks.freshness); an enquiry may move
        # to another network, and both show it changed.
        watch(Enquiry, "network", moves="network")
        watch(StageChange, "enquiry__network", deletes=False)
        watch(Evidence, "enquiry__network")
        watch(ImpactClaim, "enquiry__network")
        watch_m2m(Enquiry.practice_areas.through, "network")
