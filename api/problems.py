"""Error bodies as RFC 9457 problem details (application/problem+json), the same shape for every error."""

from __future__ import annotations

from http import HTTPStatus

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from pydantic import ConfigDict

PROBLEM_TYPE = "about:blank"
CONTENT_TYPE = "application/problem+json"

# RFC 9457 lets `title` change only for localisation: the statuses the API answers with, in words.
TITLES = {
    400: _("Bad Request"),
    401: _("Unauthorized"),
    403: _("Forbidden"),
    404: _("Not Found"),
    405: _("Method Not Allowed"),
    422: _("Unprocessable Entity"),
    429: _("Too Many Requests"),
}


class FieldProblem(Schema):
    field: str
    message: str


class Problem(Schema):
    # Its description in the document, in the reader's language (pydantic would take a docstring as is).
    model_config = ConfigDict(
        json_schema_extra={
            "description": _(
                "RFC 9457: `type` and `title` name the kind of problem, `detail` says what happened this time."
            )
        }
    )

    type: str = PROBLEM_TYPE
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldProblem] = []


# The errors every operation may answer with, for its OpenAPI description.
COMMON = {401: Problem, 404: Problem, 422: Problem, 429: Problem}
WRITE = {**COMMON, 400: Problem, 403: Problem}


class FormProblem(Exception):
    """Input that the platform's own form refused: each field's message goes in `errors`."""

    def __init__(self, form):
        self.errors = [
            {"field": name if name != "__all__" else "", "message": str(message)}
            for name, messages in form.errors.items()
            for message in messages
        ]
        super().__init__("The input was refused.")


def problem(request: HttpRequest, status: int, detail: str, errors=None, headers=None) -> JsonResponse:
    body = {
        "type": PROBLEM_TYPE,
        "title": str(TITLES.get(status, HTTPStatus(status).phrase)),
        "status": status,
        "detail": detail,
        "instance": request.path,
        "errors": errors or [],
    }
    response = JsonResponse(body, status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _validation_errors(exc: ValidationError) -> list[dict]:
    out = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")]
        out.append({"field": ".".join(location), "message": str(error.get("msg", gettext("Invalid value.")))})
    return out


def install(api) -> None:
    """Replace django-ninja's default error bodies with problem details."""

    @api.exception_handler(ValidationError)
    def on_validation(request, exc):
        return problem(request, 422, gettext("Some of the input is not valid."), _validation_errors(exc))

    @api.exception_handler(FormProblem)
    def on_form(request, exc):
        return problem(request, 422, gettext("Some of the input is not valid."), exc.errors)

    @api.exception_handler(AuthenticationError)
    def on_authentication(request, exc):
        return problem(
            request,
            401,
            gettext(
                "Send a personal access token as 'Authorization: Bearer <token>'. "
                "It may have expired or been revoked: create a new one on your profile."
            ),
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return problem(request, 404, gettext("There is nothing here, or nothing you may see."))

    @api.exception_handler(Throttled)
    def on_throttled(request, exc):
        wait = int(exc.wait or 1) or 1
        return problem(
            request,
            429,
            ngettext(
                "Too many requests with this token: wait %(n)s second.",
                "Too many requests with this token: wait %(n)s seconds.",
                wait,
            )
            % {"n": wait},
            headers={"Retry-After": str(wait)},
        )

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        return problem(request, exc.status_code, str(exc))
