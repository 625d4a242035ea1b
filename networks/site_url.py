"""Does SITE_URL, the address emails link to, match where runserver serves the platform?

In development a person starting the server on another port (`runserver 8080`) would otherwise
get emails whose links point at port 8000. The check runs once when `runserver` starts and logs a
warning naming both addresses and how to set SITE_URL.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

DEFAULT_ADDRESS = ("127.0.0.1", 8000)  # runserver's own default
ANY_HOST = {"0.0.0.0", "::", ""}  # noqa: S104 - compared against, never bound
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def served_address(argv: list[str]) -> tuple[str, int] | None:
    """(host, port) that `manage.py runserver [addrport]` serves on; None for any other command."""
    if len(argv) < 2 or argv[1] != "runserver":
        return None
    addrport = next((arg for arg in argv[2:] if not arg.startswith("-")), None)
    if addrport is None:
        return DEFAULT_ADDRESS
    host, _, port = addrport.rpartition(":")
    if not port.isdigit():
        return None  # runserver refuses it with its own message
    return host.strip("[]") or DEFAULT_ADDRESS[0], int(port)


def mismatch(site_url: str, served: tuple[str, int]) -> str | None:
    """Why links to `site_url` would miss a server at `served`, or None when they reach it."""
    parts = urlsplit(site_url)
    try:
        site_port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return f"SITE_URL {site_url!r} has no valid port"
    site_host = (parts.hostname or "").lower()
    host, port = served
    same_host = host in ANY_HOST or site_host == host or (site_host in LOOPBACK and host in LOOPBACK)
    if same_host and site_port == port:
        return None
    return f"links in emails point at {site_url}, but the server is at {host or '*'}:{port}"


def warn_if_mismatched(argv: list[str], site_url: str) -> str | None:
    """Log (and return) the warning when runserver serves somewhere SITE_URL does not point."""
    served = served_address(argv)
    problem = served and mismatch(site_url, served)
    if problem:
        host = "127.0.0.1" if served[0] in ANY_HOST else served[0]
        logger.warning(
            "SITE_URL does not match the served address: %s. Set SITE_URL=http://%s:%s (in .env or the "
            "environment; `make run PORT=%s` does it for you).",
            problem,
            host,
            served[1],
            served[1],
        )
    return problem or None
