"""SITE_URL against where runserver serves: a warning at start when emails would link elsewhere."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from networks.site_url import mismatch, served_address, warn_if_mismatched

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("argv", "served"),
    [
        (["manage.py", "runserver"], ("127.0.0.1", 8000)),
        (["manage.py", "runserver", "8080"], ("127.0.0.1", 8080)),
        (["manage.py", "runserver", "0.0.0.0:9000", "--noreload"], ("0.0.0.0", 9000)),
        (["manage.py", "runserver", "--noreload", "[::1]:8001"], ("::1", 8001)),
        (["manage.py", "migrate"], None),
    ],
)
def test_the_served_address_is_read_from_runservers_arguments(argv, served):
    assert served_address(argv) == served


def test_a_link_reaches_the_server_only_at_its_host_and_port():
    assert mismatch("http://127.0.0.1:8000", ("127.0.0.1", 8000)) is None
    assert mismatch("http://localhost:8000/", ("127.0.0.1", 8000)) is None
    assert mismatch("http://plc.test:8080", ("0.0.0.0", 8080)) is None
    assert mismatch("http://127.0.0.1:8000", ("127.0.0.1", 8080)) == (
        "links in emails point at http://127.0.0.1:8000, but the server is at 127.0.0.1:8080"
    )
    assert mismatch("https://plc.example.org", ("127.0.0.1", 8000))


def test_the_warning_says_what_to_set(caplog):
    with caplog.at_level("WARNING", logger="networks.site_url"):
        assert warn_if_mismatched(["manage.py", "runserver", "8080"], "http://127.0.0.1:8000")
    assert "Set SITE_URL=http://127.0.0.1:8080" in caplog.text
    caplog.clear()
    assert warn_if_mismatched(["manage.py", "runserver", "8000"], "http://127.0.0.1:8000") is None
    assert warn_if_mismatched(["manage.py", "check"], "http://127.0.0.1:8000") is None
    assert not caplog.text


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_runserver(port, site_url, database):
    env = {**os.environ, "DEBUG": "True", "SITE_URL": site_url, "DATABASE_URL": f"sqlite:///{database}"}
    env["PYTHONUNBUFFERED"] = "1"
    return subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def output_until_serving(server, port, timeout=60):
    """Everything runserver printed until it answers on its port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.terminate()
    output, _ = server.communicate(timeout=10)
    return output


def test_runserver_on_another_port_than_site_url_warns_at_start(tmp_path):
    database = tmp_path / "db.sqlite3"  # runserver only looks for unapplied migrations
    port = free_port()
    output = output_until_serving(start_runserver(port, "http://127.0.0.1:8000", database), port)
    assert "SITE_URL does not match the served address" in output
    assert f"but the server is at 127.0.0.1:{port}" in output

    port = free_port()
    output = output_until_serving(start_runserver(port, f"http://127.0.0.1:{port}", database), port)
    assert "Starting development server" in output
    assert "SITE_URL does not match" not in output
