"""Degrade, don't fail: with Redis or Elasticsearch down the site still serves; with the database down it says it is
busy (503) without a traceback, and comes back with the database. No real outage is needed: Redis and Elasticsearch
are pointed at a closed port, and the database connection is made to fail."""

import logging
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from directory.models import DirectoryIndexPage
from group.models import GroupPage
from insights.models import InsightsPage
from resources.models import ResourceLibraryPage

CLOSED_REDIS = "redis://127.0.0.1:1/0"
CLOSED_ELASTICSEARCH = "http://127.0.0.1:1"


def main_pages():
    """The pages most visitors use, on the demo site: home, directory, library, search, group, insights, sign-in."""
    directory = DirectoryIndexPage.objects.live().get().url
    library = ResourceLibraryPage.objects.live().get().url
    return [
        "/",
        directory,
        f"{directory}?q=housing",
        library,
        f"{library}?q=exiting",
        "/search/?q=housing",
        GroupPage.objects.live().first().url,
        InsightsPage.objects.live().first().url,
        "/_util/login/",
        "/api/openreferral/services?search=housing",
        "/health/",
    ]


def answers(client, urls):
    return {url: client.get(url).status_code for url in urls}


def test_with_redis_down_every_main_page_answers_as_with_the_cache(client, initial_site, settings):
    urls = main_pages()
    with_cache = answers(client, urls)
    down = {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": CLOSED_REDIS}
    settings.CACHES = {"default": down, "pages": {**down, "KEY_PREFIX": "pages"}}
    settings.PAGE_CACHE_SECONDS = 300  # the page cache on, and its Redis down too
    without = answers(client, urls)
    assert without == with_cache
    assert set(with_cache.values()) <= {200, 302}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": CLOSED_REDIS}}


@pytest.mark.django_db
def test_with_redis_down_a_failed_sign_in_is_refused_and_no_cookie_is_set(client, redis_down, settings):
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES + 1):
        response = client.post("/_util/login/", {"username": "morag", "password": "not-the-password"})
        assert response.status_code == 400
    assert not response.cookies


@pytest.mark.django_db
def test_health_with_redis_down_is_degraded_but_200(client, redis_down):
    response = client.get("/health/")
    body = response.json()
    assert (response.status_code, body["status"], body["components"]["cache"]["status"]) == (200, "degraded", "down")


@pytest.fixture
def elasticsearch_down(settings, initial_site):
    """The demo site, indexed by the database backend; then Elasticsearch configured at a closed port."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "core.search", "URLS": [CLOSED_ELASTICSEARCH], "FALLBACK": "database"},
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }


def test_with_elasticsearch_down_searches_are_answered_by_the_database(client, elasticsearch_down):
    directory = DirectoryIndexPage.objects.live().get().url
    library = ResourceLibraryPage.objects.live().get().url
    for url in ("/search/?q=housing", f"{directory}?q=housing", f"{library}?q=exiting"):
        response = client.get(url)
        assert (response.status_code, response.context["paginator"].count > 0) == (200, True), url
    for path in ("services", "service_at_locations"):
        response = client.get(f"/api/openreferral/{path}", {"search": "housing"})
        assert (response.status_code, response.json()["total_items"] > 0) == (200, True), path
    response = client.get("/health/")
    search = response.json()["components"]["search"]
    assert (response.status_code, response.json()["status"]) == (200, "degraded")
    assert (search["status"], search["backend"], search["fallbacks"] > 0) == ("degraded", "elasticsearch", True)


@pytest.fixture
def database_down():
    """Every new use of the database connection fails, as while PostgreSQL restarts."""
    refused = OperationalError('connection to server at "db.internal" (10.0.0.5), port 5432 failed: refused')
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        yield


@pytest.fixture
def visitor():
    """A client that gets the error page, as a browser would, rather than the exception."""
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_with_the_database_down_pages_say_the_site_is_busy(visitor, initial_site, database_down, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    response = visitor.get("/about/")
    html = response.content.decode()
    assert (response.status_code, response["Retry-After"], response["Cache-Control"]) == (503, "5", "private, no-store")
    assert "The site is busy" in html and "Try again in a moment" in html
    assert "js-hide-page" in html  # the quick exit
    assert "Traceback" not in html and "db.internal" not in html
    assert not response.cookies
    assert [(r.levelname, r.exc_info) for r in caplog.records if r.name == "django.request"] == [("WARNING", None)]


@pytest.mark.django_db
def test_with_the_database_down_the_api_answers_json(visitor, initial_site, database_down):
    response = visitor.get("/api/openreferral/services")
    assert (response.status_code, response["Content-Type"], response.json()["status"]) == (503, "application/json", 503)


@pytest.mark.django_db
def test_with_the_database_down_health_is_503(visitor, initial_site, database_down):
    response = visitor.get("/health/")
    body = response.json()
    assert (response.status_code, body["status"], body["components"]["database"]) == (503, "down", {"status": "down"})
    assert "db.internal" not in response.content.decode()


@pytest.mark.django_db
def test_when_the_database_is_back_the_next_request_is_served(visitor, initial_site):
    refused = OperationalError("the database system is starting up")
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        assert visitor.get("/about/").status_code == 503
    assert visitor.get("/about/").status_code == 200
