"""The WSGI application that gunicorn serves (docker/gunicorn.conf.py)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plc_platform.settings")
application = get_wsgi_application()


def _load_what_first_requests_would():
    """The URL confs with every view they import (about 460 modules: the API's schemas, allauth,
    the flow map's networkx among them), their reverse lookups, and numpy, which networkx's layout
    imports on first use: loaded at start-up, so that they are frozen below with the rest."""
    import numpy  # noqa: F401
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018  (imports the URL confs and builds the lookups)


_load_what_first_requests_would()
# What start-up loaded lives as long as the worker. Frozen, it is out of the collector's reach, so
# a full collection walks only what requests made: "what works here" makes about 100,000 objects a
# request, and each full collection they set off walked the 190,000 objects of the modules too,
# about 50 ms of its slowest runs (bench/README.md).
gc.collect()
gc.freeze()
