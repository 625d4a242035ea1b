"""Error pages in the platform's plain layout, and a 503 while the database is unreachable.

They render without the request's context: no user, no session, no database query, so they work
when the fault is the database itself and can never show anyone's data.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30


def plain_page(status: int, **context) -> HttpResponse:
    response = HttpResponse(loader.get_template(f"{status}.html").render(context), status=status)
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable() -> HttpResponse:
    response = plain_page(503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: a database that cannot be reached is a 503 (come back soon), not a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable()
    return plain_page(500)
