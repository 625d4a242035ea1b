"""The platform's JSON API, version 1: one NinjaAPI with its OpenAPI document and docs page."""

from __future__ import annotations

from django.utils import translation
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from . import problems
from .auth import AUTH, PerTokenThrottle
from .endpoints import router

DESCRIPTION = _(
    "Read the networks, schools, published self-review results, the practice library, activities and\n"
    "the practice record you can see on the platform, and keep your own enquiries and evidence notes.\n"
    "\n"
    "Create a personal access token on your profile and send it as `Authorization: Bearer <token>`.\n"
    "A read-only token may only read. You see through the API exactly what you see on the pages:\n"
    "anything else is a 404. Lists come in pages (`page`, `page_size`; `next_page` is null on the\n"
    "last one). Errors are RFC 9457 problem details (`application/problem+json`).\n"
)
# What each response is, in words (ninja writes Python's English phrase for the status).
RESPONSES = {200: _("OK"), 201: _("Created"), **problems.TITLES}


def _plain(value):
    """The document with its lazy translations turned into text in the active language."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return force_str(value) if isinstance(value, Promise) else value


class PlatformAPI(NinjaAPI):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._documents = {}  # (language, path prefix): the OpenAPI document

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The document in the reader's language, made once per language (ninja makes it afresh
        on every call, in about 120 ms). Error responses are problem details, so say so in the
        document (ninja says JSON)."""
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (translation.get_language(), path_prefix)
        if key not in self._documents:
            schema = super().get_openapi_schema(path_prefix=path_prefix)
            for operations in schema["paths"].values():
                for operation in operations.values():
                    for status, response in operation.get("responses", {}).items():
                        response["description"] = RESPONSES.get(int(status), response["description"])
                        content = response.get("content", {})
                        if int(status) >= 400 and "application/json" in content:
                            content[problems.CONTENT_TYPE] = content.pop("application/json")
            self._documents[key] = _plain(schema)
        return self._documents[key]


api = PlatformAPI(
    title=_("PLC Platform API"),
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=AUTH,
    throttle=[PerTokenThrottle()],
    # The docs page is the platform's own (api.views.docs): accessible, and CSP clean.
    docs_url=None,
    openapi_url="/openapi.json",
)
problems.install(api)
api.add_router("", router)
