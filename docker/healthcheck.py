"""Exit 0 when the platform answers its sign-in page with 200 (docker compose healthcheck).

The request carries a Host from ALLOWED_HOSTS and X-Forwarded-Proto: https, as the TLS proxy in
front would send, so the production settings (allowed hosts, SSL redirect) answer it as they answer
real traffic. Needs only the standard library: the image has no curl.
"""

import os
import sys
import urllib.error
import urllib.request

URL = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/accounts/login/")


def host() -> str:
    for name in os.environ.get("ALLOWED_HOSTS", "").split(","):
        name = name.strip().lstrip(".")
        if name and name != "*":
            return name
    return "localhost"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main() -> int:
    request = urllib.request.Request(URL, headers={"Host": host(), "X-Forwarded-Proto": "https"})  # noqa: S310 - fixed http URL
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=5) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"unhealthy: {URL} answered {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
