"""The platform's JSON API, version 1: one NinjaAPI with its OpenAPI document and docs page."""

from __future__ import annotations

from ninja import NinjaAPI

from . import problems
from .auth import AUTH, PerTokenThrottle
from .endpoints import router

DESCRIPTION = """\
Read the networks, schools, published self-review results, the practice library, activities and
the practice record you can see on the platform, and keep your own enquiries and evidence notes.

Create a personal access token on your profile and send it as `Authorization: Bearer <token>`.
A read-only token may only read. You see through the API exactly what you see on the pages:
anything else is a 404. Lists come in pages (`page`, `page_size`; `next_page` is null on the
last one). Errors are RFC 9457 problem details (`application/problem+json`).
"""


class PlatformAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Error responses are problem details, so say so in the document (ninja says JSON)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[problems.CONTENT_TYPE] = content.pop("application/json")
        return schema


api = PlatformAPI(
    title="PLC Platform API",
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
