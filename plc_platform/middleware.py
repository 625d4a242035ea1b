"""Request and response rules that hold for every page."""

from django.conf import settings
from django.utils.cache import patch_cache_control

from .errors import plain_page

# No page of the platform uses these; a page that is framed or injected cannot turn them on.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class RequestSizeLimitMiddleware:
    """Refuse a body larger than MAX_REQUEST_BYTES from its Content-Length, before reading it.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams uploaded files to disk
    whatever their size; the proxy in front should refuse the same size first (README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return plain_page(413, limit_mb=settings.MAX_REQUEST_BYTES // (1024 * 1024))
        return self.get_response(request)


class PrivateResponseMiddleware:
    """Nothing a signed-in person is shown is kept by a browser or a proxy cache.

    Pages, CSV downloads and evidence files behind sign-in carry `Cache-Control: private,
    no-store`; every response carries the Permissions-Policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
