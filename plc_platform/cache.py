"""The Redis cache, failing soft: while Redis is unreachable, each process uses its own memory.

allauth keeps its rate limits in the cache and takes a lock there first (`cache.add`); a cache
that merely ignored errors would refuse every sign-in as rate limited, and one that raised would
answer 500. Falling back to this process's memory keeps sign-in working, with limits still
counted (per process) until Redis is back. Each fallback is logged.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
METHODS = ("add", "get", "set", "touch", "delete", "get_many", "set_many", "delete_many", "has_key", "incr", "clear")


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"fallback-for-{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self.unreachable_at = None  # time.monotonic() of the last fallback (plc_platform.dashboard_cache)


def _falling_back(name):
    def method(self, *args, **kwargs):
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("Redis cache unreachable (%s): %s served from this process's memory", error, name)
            self.unreachable_at = time.monotonic()
            return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in METHODS:
    setattr(FallbackRedisCache, _name, _falling_back(_name))
