"""The Elasticsearch backend answers from the database backend when Elasticsearch fails; no server is needed."""

import logging
from unittest import mock

import pytest
from elastic_transport import ConnectionTimeout
from elasticsearch import Elasticsearch
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.search import FallbackElasticsearchBackend, search_health
from home.models import StandardPage


@pytest.fixture
def elasticsearch_down(settings, standard_page):
    """Elasticsearch at a closed port, after the page was indexed by the database backend (which it keeps)."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "core.search", "URLS": ["http://127.0.0.1:1"], "FALLBACK": "database"},
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    return standard_page


def test_a_search_elasticsearch_cannot_answer_is_answered_by_the_database(elasticsearch_down, caplog):
    caplog.set_level(logging.WARNING, logger="core.outages")
    backend = get_search_backend()
    results = backend.search("good practice", Page)
    assert isinstance(backend, FallbackElasticsearchBackend)
    assert (results.count(), [page.pk for page in results]) == (1, [elasticsearch_down.pk])
    assert [record.getMessage() for record in caplog.records if record.name == "core.outages"] == [
        "Elasticsearch is unavailable (ConnectionError); working without it"
    ]
    assert backend.outage.workarounds == 2  # the count and the page of results


def test_a_slice_of_the_results_is_the_same_slice_from_the_database(elasticsearch_down, home_page):
    for title in ("Refuge places", "Refuge referrals"):
        home_page.add_child(instance=StandardPage(title=title, slug=title.lower().replace(" ", "-")))
    database = [page.pk for page in get_search_backend("database").search("refuge", Page)]
    results = get_search_backend().search("refuge", Page)
    assert (len(database), [page.pk for page in results[1:2]]) == (2, database[1:2])


def test_a_timeout_is_answered_by_the_database_too(elasticsearch_down):
    timeout = ConnectionTimeout("Connection timed out")
    with (
        mock.patch.object(Elasticsearch, "search", side_effect=timeout),
        mock.patch.object(Elasticsearch, "count", side_effect=timeout),
    ):
        results = get_search_backend().search("good practice", Page)
        assert [page.pk for page in results] == [elasticsearch_down.pk]


def test_after_a_failure_searches_go_straight_to_the_database(elasticsearch_down):
    list(get_search_backend().search("good practice", Page))
    with mock.patch.object(Elasticsearch, "search", side_effect=AssertionError("Elasticsearch was asked again")):
        assert len(list(get_search_backend().search("good practice", Page))) == 1


def test_health_says_search_is_degraded_and_counts_the_fallbacks(elasticsearch_down):
    list(get_search_backend().search("good practice", Page))
    assert search_health("ok") == {"status": "degraded", "backend": "elasticsearch", "fallbacks": 1}


def test_health_asks_elasticsearch_when_no_search_has_failed(elasticsearch_down):
    assert search_health("ok")["status"] == "degraded"


def test_health_with_the_database_backend_follows_the_database(standard_page):
    assert (search_health("ok"), search_health("down")["status"]) == ({"status": "ok", "backend": "database"}, "down")
