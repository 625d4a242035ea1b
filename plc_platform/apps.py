from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PlcPlatformConfig(AppConfig):
    name = "plc_platform"
    verbose_name = "PLC Platform"

    def ready(self):
        from . import permissions  # noqa: F401  (registers rules)
        from .dashboard_cache import watch_what_the_dashboard_shows

        watch_what_the_dashboard_shows()


class PlatformAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with PlatformAdminSite, whose login goes through the account sign-in."""

    default = False  # INSTALLED_APPS names it; "plc_platform" itself means PlcPlatformConfig
    default_site = "plc_platform.admin_site.PlatformAdminSite"
