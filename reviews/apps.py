from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Self-review"

    def ready(self):
        from networks.freshness import watch, watch_m2m

        from . import permissions  # noqa: F401  (registers rules)
        from .models import Answer, ReviewResponse, ReviewRound, SchoolMaturity

        # What the network dashboard shows of the self-review (networks.freshness). Responses and
        # answers go only with their round or person, whose deletion is watched or moves nothing shown.
        watch(ReviewRound, "network")
        watch_m2m(ReviewRound.audience_schools.through, "network")
        watch(ReviewResponse, "round__network", deletes=False)
        watch(Answer, "response__round__network", deletes=False)
        watch(SchoolMaturity, "school__network_schools__network")
