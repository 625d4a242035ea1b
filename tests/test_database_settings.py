"""The platform's PostgreSQL connections run with JIT off (bench/README.md: it cost the main pages
more than it saved on the national data set)."""

import pytest
from django.db import connection

from .conftest import service_missing


@pytest.mark.django_db
def test_connections_run_without_jit():
    if connection.vendor != "postgresql":
        service_missing("JIT is PostgreSQL's: run with DATABASE_URL=postgres://...")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
