from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Self-review"

    def ready(self):
        from . import permissions  # noqa: F401  (registers rules)
