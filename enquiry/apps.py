from django.apps import AppConfig


class EnquiryConfig(AppConfig):
    name = "enquiry"
    verbose_name = "Enquiries and the practice library"

    def ready(self):
        from . import permissions, signals  # noqa: F401  (registers rules and receivers)
