"""Personal access tokens on the profile: create (the secret shown once), list, revoke."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .api import api
from .forms import TokenForm
from .models import AccessToken


@require_http_methods(["GET", "POST"])
def token_list(request):
    form = TokenForm(request.POST if request.method == "POST" else None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = services.access_token_create(user=request.user, **form.cleaned_data)
        form = TokenForm()
    tokens = AccessToken.objects.of(request.user)
    context = {"form": form, "tokens": tokens, "secret": secret, "docs_url": reverse("tokens:docs")}
    return render(request, "api/tokens.html", context)


@require_http_methods(["GET", "POST"])
def token_revoke(request, pk):
    """Someone else's token is a 404, as for one that does not exist."""
    token = get_object_or_404(AccessToken.objects.of(request.user), pk=pk)
    if request.method == "POST":
        services.access_token_revoke(token=token)
        messages.success(request, gettext("“%(name)s” is revoked: it no longer works.") % {"name": token.name})
        return redirect("tokens:token_list")
    return render(request, "api/token_revoke.html", {"token": token})


METHODS = ("get", "post", "put", "patch", "delete")


def _type_of(schema: dict) -> str:
    """A parameter's type in words: "integer", "string (date)", "one of: plan, share"."""
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    schema = options[0] if options else schema
    if "enum" in schema:
        return "one of: " + ", ".join(map(str, schema["enum"]))
    kind = schema.get("type", "string")
    if "format" in schema:
        kind += f" ({schema['format']})"
    if "minimum" in schema and "maximum" in schema:
        kind += f", {schema['minimum']} to {schema['maximum']}"
    return kind


@login_not_required
@require_GET
def docs(request):
    """The API's reference, read from its own OpenAPI document, as a page of the platform."""
    document = api.get_openapi_schema()
    operations = []
    for path, methods in document["paths"].items():
        for method in METHODS:
            if method not in methods:
                continue
            operation = methods[method]
            operations.append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "type": _type_of(p.get("schema", {})),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "has_body": "requestBody" in operation,
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    context = {
        "operations": operations,
        "description": document["info"].get("description", "").split("\n\n"),
        "openapi_url": reverse("api:openapi-json"),
        "rate_limit": settings.API_RATE_LIMIT,
    }
    return render(request, "api/docs.html", context)
