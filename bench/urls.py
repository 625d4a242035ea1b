"""The platform's URLs and two bare views that bench/load.py measures the pages against: a plain
HttpResponse through the whole middleware stack, and the base template rendered with the same
context processors as every page. Named only by bench/settings.py, never by the platform."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from plc_platform.urls import handler500
from plc_platform.urls import urlpatterns as platform_urlpatterns


def bare_response(request):
    return HttpResponse("bare", content_type="text/plain")


def bare_template(request):
    return render(request, "base.html")


urlpatterns = [
    path("bench/bare/", bare_response),
    path("bench/base/", bare_template),
    *platform_urlpatterns,
]

__all__ = ["handler500", "urlpatterns"]
