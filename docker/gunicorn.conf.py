"""gunicorn's settings for the platform (the Dockerfile's CMD passes --config with this file).

gunicorn names itself in a `Server` header on every response, which tells a scanner what to try;
the platform sends none. gunicorn has no setting for it, so its response headers are filtered here,
once, when the master process reads this file before it starts the workers.
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server_header(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server_header

bind = "0.0.0.0:8000"
timeout = 60
accesslog = "-"
# Take no more than the platform accepts (MAX_REQUEST_BYTES): headers are bounded too.
limit_request_field_size = 8190
