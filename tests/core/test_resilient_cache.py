"""The Redis cache backend answers as an empty cache, and never raises, when Redis is down."""

import logging
import os
from unittest import mock

import pytest

from core.cache import ResilientRedisCache, cache_health
from core.http import RateLimit

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once


@pytest.fixture
def down():
    return ResilientRedisCache(CLOSED_PORT, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}})


@pytest.fixture
def redis_down(settings):
    """The site's cache is Redis, and Redis is down."""
    settings.CACHES = {"default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": CLOSED_PORT}}


def test_every_call_answers_as_an_empty_cache(down):
    down.set("key", "value")
    assert down.get("key") is None
    assert down.get("key", "default") == "default"
    assert down.add("key", "value") is False
    assert down.get_or_set("key", "computed") == "computed"
    assert down.get_many(["a", "b"]) == {}
    assert down.has_key("key") is False
    assert down.touch("key") is False
    assert down.delete("key") is False
    assert down.set_many({"a": 1, "b": 2}) == ["a", "b"]
    down.delete_many(["a", "b"])
    assert down.clear() is False


def test_an_increment_without_redis_is_a_fresh_count(down):
    assert (down.incr("count"), down.incr("count", 3), down.decr("count")) == (1, 3, -1)


def test_an_outage_is_logged_once_and_redis_left_alone_for_a_while(down, caplog):
    caplog.set_level(logging.WARNING, logger="core.outages")
    down.get("first")
    with mock.patch.object(type(down._cache), "get", side_effect=AssertionError("Redis was asked again")):
        assert down.get("second", "default") == "default"
    assert [record.getMessage() for record in caplog.records] == [
        "The Redis cache is unavailable (ConnectionError); working without it"
    ]


def test_rate_limits_count_nothing_and_never_raise_while_redis_is_down(redis_down):
    limit = RateLimit("test-limit", limit=2, seconds=60)
    for _ in range(3):
        limit.hit("someone")
    assert (limit.count("someone"), limit.exceeded("someone")) == (0, False)
    limit.clear("someone")


def test_health_says_the_cache_is_down(redis_down):
    assert cache_health() == {"status": "down", "backend": "redis"}


def test_health_of_the_local_memory_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert cache_health() == {"status": "ok", "backend": "local memory"}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: Redis cache test skipped")
def test_with_redis_up_it_is_a_cache(settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "BACKEND": "core.cache.ResilientRedisCache"}}
    from django.core.cache import cache

    cache.set("portal-resilient-key", 41, 30)
    assert (cache.incr("portal-resilient-key"), cache_health()["status"]) == (42, "ok")


def test_when_redis_answers_again_what_the_outage_hid_is_forgotten(settings):
    """A change made while Redis was away could not move the fragments' generation on nor purge cached pages: the
    process that finds Redis back does both."""
    from core import fragments, page_cache
    from core.outages import Outage

    recovering = ResilientRedisCache("redis://127.0.0.1:6379/0", {})
    recovering.outage = Outage("test", 60)
    recovering.outage.down = True  # an outage seen, and its waiting time over
    before = fragments.generation()
    with (
        mock.patch.object(type(recovering._cache), "get", return_value=None),
        mock.patch.object(page_cache, "purge_all") as purged,
    ):
        recovering.get("anything")
    assert fragments.generation() != before
    purged.assert_called_once()
    assert recovering.outage.down is False
