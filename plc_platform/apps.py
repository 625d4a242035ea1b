from django.apps import AppConfig


class PlcPlatformConfig(AppConfig):
    name = "plc_platform"
    verbose_name = "PLC Platform"
