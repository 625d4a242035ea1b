"""The WSGI application that gunicorn serves (docker/gunicorn.conf.py)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plc_platform.settings")
application = get_wsgi_application()

# What start-up loaded (modules, URL patterns, templates' code, settings) lives as long as the
# worker. Frozen, it is out of the collector's reach, so a full collection walks only what requests
# made: "what works here" makes about 100,000 objects a request, and the full collections they set
# off, walking every start-up object too, made its slowest runs about 50 ms slower (bench/README.md).
gc.collect()
gc.freeze()
