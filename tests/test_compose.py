"""The production containers: docker-compose.yml and the Dockerfile, parsed (no Docker engine here),
and the production settings passing `manage.py check --deploy` with no warnings."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")
PLATFORM_VARIABLES = {
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SITE_URL",
}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def dockerfile():
    return (ROOT / "Dockerfile").read_text()


def command_of(service) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def interpolate(value: str) -> str:
    """Compose's ${NAME:-default} and ${NAME:?message}, as if nothing were set."""
    value = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)
    return re.sub(r"\$\{[A-Z_]+:\?[^}]*\}", "set-by-operator", value)


def environment_of(service) -> dict:
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return {name: interpolate(str(value)) for name, value in environment.items()}


def test_the_services_exist(services):
    assert {"web", "worker", "beat", "db", "redis"} <= set(services)


def test_database_is_postgres_15_and_broker_redis_7(services):
    assert services["db"]["image"].split(":")[0] == "postgres"
    assert services["db"]["image"].split(":")[1].split("-")[0].split(".")[0] == "15"
    assert services["redis"]["image"].split(":")[0] == "redis"
    assert services["redis"]["image"].split(":")[1].split("-")[0].split(".")[0] == "7"


def test_database_credentials_come_from_the_environment(services):
    environment = services["db"]["environment"]
    for name in ("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"):
        assert environment[name].startswith(f"${{{name}"), name


@pytest.mark.parametrize("name", ["db", "redis", "web"])
def test_healthchecks(services, name):
    test = services[name]["healthcheck"]["test"]
    assert test
    assert test[0] in ("CMD", "CMD-SHELL")
    expected = {"db": "pg_isready", "redis": "redis-cli ping", "web": "python"}[name]
    assert expected in " ".join(test)


def test_web_healthcheck_needs_nothing_but_python(services):
    test = services["web"]["healthcheck"]["test"]
    assert test[:2] == ["CMD", "python"]
    script = ROOT / test[2]
    assert script.is_file()
    assert "urllib" in script.read_text()


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_db_and_redis(services, name):
    depends_on = services[name]["depends_on"]
    for dependency in ("db", "redis"):
        assert depends_on[dependency]["condition"] == "service_healthy"
    if "migrate" in services:
        assert depends_on["migrate"]["condition"] == "service_completed_successfully"


def test_migrations_run_before_the_web_starts(services):
    if "migrate" in services:
        assert "manage.py migrate --noinput" in command_of(services["migrate"])
        assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
        assert services["migrate"].get("restart") == "no"
    else:
        assert "migrate --noinput" in command_of(services["web"]) + str(services["web"].get("entrypoint", ""))


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_share_production_settings(services, name):
    environment = environment_of(services[name])
    assert environment["DEBUG"] == "False"
    assert services[name]["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert environment["ALLOWED_HOSTS"]
    assert "EMAIL_URL" in environment
    database = urlsplit(environment["DATABASE_URL"])
    assert database.scheme in ("postgres", "postgresql")
    assert (database.hostname, database.port) == ("db", 5432)
    redis = urlsplit(environment["REDIS_URL"])
    assert (redis.scheme, redis.hostname) == ("redis", "redis")
    assert services[name]["restart"] == "unless-stopped"


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_celery_processes(services, name):
    assert re.search(rf"^celery -A plc_platform {name}\b", command_of(services[name]))


def test_only_the_web_publishes_a_port_and_keeps_media(services):
    for name, service in services.items():
        if name != "web":
            assert not service.get("ports"), name
    assert any(volume.endswith(":/app/media") for volume in services["web"]["volumes"])


def test_volumes_hold_the_database_and_redis(compose, services):
    declared = set(compose["volumes"])

    def named_volume(service, path):
        for volume in services[service]["volumes"]:
            source, _, target = volume.partition(":")
            if target.split(":")[0] == path:
                return source

    assert named_volume("db", "/var/lib/postgresql/data") in declared
    assert named_volume("redis", "/data") in declared


def test_env_example_lists_what_compose_needs(services):
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z_]+)=", example, re.MULTILINE))
    text = (ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{([A-Z_]+)", text))
    assert used <= listed, used - listed


def test_dockerfile(dockerfile):
    lines = [line.strip() for line in dockerfile.splitlines() if line.strip() and not line.startswith("#")]
    assert re.match(r"FROM python:3\.11(-slim)?\b", lines[0])
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users
    assert users[-1] not in ("root", "0", "0:0")
    assert "pip install --no-cache-dir -r requirements.txt" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    cmd = next(line for line in lines if line.startswith("CMD"))
    cmd += dockerfile.split(cmd, 1)[1].split("\n\n", 1)[0]
    assert "gunicorn" in cmd
    assert "--no-control-socket" in cmd
    assert "docker/gunicorn.conf.py" in cmd
    assert 'bind = "0.0.0.0:8000"' in (ROOT / "docker" / "gunicorn.conf.py").read_text()


# The Debian release each python:3.11-slim-<release> image is built on, and the PostgreSQL client
# major version that release's postgresql-client-<major> packages.
DEBIAN_POSTGRESQL_CLIENT = {"bookworm": "15", "trixie": "17"}


def test_the_image_has_the_postgresql_client_of_the_servers_major_version(dockerfile, services):
    """`manage.py backup` runs pg_dump and `restore` runs pg_restore (plc_platform/backup.py): the
    image installs Debian's client of the compose file's PostgreSQL major version, from a pinned
    Debian release (an unpinned base image moves to the next release, and its client with it)."""
    server_major = services["db"]["image"].split(":")[1].split("-")[0].split(".")[0]
    base = re.search(r"^FROM python:3\.11-slim-(\w+)\s*$", dockerfile, re.MULTILINE)
    assert base, "the base image names its Debian release"
    assert DEBIAN_POSTGRESQL_CLIENT[base.group(1)] == server_major
    install = re.search(r"^RUN apt-get update(?:.*\\\n)*.*$", dockerfile, re.MULTILINE).group(0)
    assert "apt-get install" in install
    assert re.search(rf"\spostgresql-client-{server_major}\s", install + "\n")
    assert "rm -rf /var/lib/apt/lists/*" in install
    assert "pg_dump" in (ROOT / "plc_platform" / "backup.py").read_text()
    assert "pg_restore" in (ROOT / "plc_platform" / "backup.py").read_text()


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".git", ".venv", "db.sqlite3"} <= ignored


def test_production_settings_pass_check_deploy(tmp_path):
    # The suite's own environment must not leak in: conftest.py allows async-unsafe ORM calls (for
    # Playwright), and CI points DATABASE_URL and REDIS_URL at its services.
    inherited = {name: value for name, value in os.environ.items() if name not in PLATFORM_VARIABLES}
    environment = {
        **inherited,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "plc.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
