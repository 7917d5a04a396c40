"""The cache backend for Redis: when Redis is down or slow, the portal carries on without a cache.

Every call that cannot reach Redis answers as an empty cache would (a get gives the default, a set stores nothing, an
increment starts a fresh count) instead of raising, so pages still serve; rate limits and sign-in lockouts then
count nothing until Redis is back. Short socket timeouts (settings) and `OUTAGE_SECONDS` of leaving Redis alone after
a failure keep a down Redis from stalling requests.
"""

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from .outages import Outage
from .signals import cache_recovered

OUTAGE_SECONDS = 5


class ResilientRedisCache(RedisCache):
    """Django's Redis cache whose errors never reach the request: they are logged (once per outage) and answered
    with what an empty cache would give."""

    outage = Outage("The Redis cache", OUTAGE_SECONDS)

    def _attempt(self, unavailable, operation, *args, **kwargs):
        if self.outage.active:
            self.outage.worked_around()
            return unavailable
        try:
            result = operation(*args, **kwargs)
        except RedisError as error:
            self.outage.failed(error)
            self.outage.worked_around()
            return unavailable
        if self.outage.answered():
            cache_recovered.send(sender=type(self))
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._attempt(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._attempt(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._attempt({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        """The new count; without Redis, a fresh count (`delta`), as if the key had just been set."""
        return self._attempt(delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._attempt(None, super().delete_many, keys, version)

    def clear(self):
        return self._attempt(False, super().clear)

    def health(self):
        """Whether Redis answers a ping now: "ok", else "down" (also while an outage is being waited out)."""
        return "ok" if self._attempt(False, lambda: self._cache.get_client(write=True).ping()) else "down"


def cache_health(alias="default"):
    """The /health/ component of a cache: its status, and what it is."""
    backend = caches[alias]
    if isinstance(backend, ResilientRedisCache):
        return {"status": backend.health(), "backend": "redis"}
    return {"status": "ok", "backend": "local memory" if isinstance(backend, LocMemCache) else type(backend).__name__}
