"""Processes a fault test starts for real, on ports of its own: gunicorn serving the platform, a
Redis server the test can stop and start, and a TCP relay in front of PostgreSQL it can cut.

The machine's own PostgreSQL and Redis are shared with other runs: a test never stops them.
"""

import contextlib
import http.cookiejar
import os
import selectors
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import namedtuple
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
Reply = namedtuple("Reply", "status headers body")
Server = namedtuple("Server", "base process")


def celery_worker(name, *options):
    """The command that starts a Celery worker of the platform with the options, named after
    `name` and this process (so that two test runs' workers never share a name)."""
    return [sys.executable, "-m", "celery", "-A", "plc_platform", "worker", *options, "-n", f"{name}-{os.getpid()}@%h"]


def database_url(host=None, port=None):
    """The test database (test_..., or test_..._gw0 under xdist), for a process the test starts;
    through another host and port when given (a Relay)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = host or db["HOST"] or "localhost"
    port = port or db["PORT"]
    return f"postgres://{credentials}@{host}{f':{port}' if port else ''}/{db['NAME']}"


def workers_of(process):
    """The pids of a process's children (gunicorn's workers)."""
    with open(f"/proc/{process.pid}/task/{process.pid}/children") as children:
        return set(children.read().split())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: cookies, the CSRF token from its cookie, no redirects followed.

    It sends `Secure` cookies over plain HTTP too, so it can sign in to a server running with
    production settings (DEBUG off) on a local port.
    """

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "http")))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path, data=None) -> Reply:
        body = None
        if data is not None:
            token = next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=20) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read())

    def get(self, path) -> Reply:
        return self.request(path)

    def post(self, path, data) -> Reply:
        return self.request(path, data)


@contextlib.contextmanager
def gunicorn(environment, workers=1):
    """The platform in gunicorn with docker/gunicorn.conf.py, as in production: yields its base URL
    and the master process."""
    port = free_port()
    environment = {name: value for name, value in environment.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    # Its log goes to a file: a pipe nobody reads fills up, and a worker writing to it blocks.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "plc_platform.wsgi:application", "--no-control-socket"]
        + ["--config", "docker/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )

    def log_tail():
        log.seek(0)
        return log.read().decode(errors="replace")[-3000:]

    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=2).close()
            break
        except urllib.error.HTTPError:  # it answers, whatever the status
            break
        except OSError:  # refused, reset or timed out while gunicorn starts
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not start: " + log_tail())
    try:
        yield Server(base, process)
    except Exception:
        print("gunicorn's log ends:\n" + log_tail())
        raise
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()


class RedisServer:
    """A redis-server of the test's own on a free port, with nothing saved to disk."""

    def __init__(self):
        self.port, self.process = free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--daemonize", "no", "--dir", tempfile.gettempdir()],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return
            time.sleep(0.05)
        pytest.fail(f"redis-server did not start on port {self.port}")

    def stop(self):
        """Kill it, as a crash would: no shutdown, nothing flushed."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


class Relay:
    """A TCP relay from a free local port to `target`; cut() drops every connection through it and
    refuses new ones (the server is unreachable), mend() listens again on the same port."""

    def __init__(self, target):
        self.target, self.port = target, free_port()
        self.listener, self.thread, self.pairs, self.lock = None, None, [], threading.Lock()

    def mend(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        self.thread = threading.Thread(target=self._accept, args=(self.listener,), daemon=True)
        self.thread.start()

    def cut(self):
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept(); close() alone would not
        self.listener.close()
        self.thread.join(timeout=5)
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for sock in pair:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed by cut()
                return
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.pairs.append((client, server))
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    @staticmethod
    def _pump(client, server):
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, server)
        selector.register(server, selectors.EVENT_READ, client)
        try:
            while True:
                for key, _ in selector.select():
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except (OSError, ValueError):  # the other side, or cut(), closed it
            return
        finally:
            selector.close()
            client.close()
            server.close()
