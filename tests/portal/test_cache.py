"""The cache works with the configured backend; Redis is exercised when REDIS_URL is set."""

import os

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache


def test_cache_round_trip():
    cache.set("portal-test-key", {"answer": 42}, 30)
    assert cache.get("portal-test-key") == {"answer": 42}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: Redis cache test skipped")
def test_redis_is_the_cache_when_configured():
    assert isinstance(caches["default"], RedisCache)
    caches["default"].set("portal-redis-key", "value", 30)
    assert caches["default"].get("portal-redis-key") == "value"
