"""Wagtail's Elasticsearch 9 backend, falling back to the database backend when Elasticsearch fails.

A search that meets an Elasticsearch error or timeout is run again, in the same request, on the database backend
(settings: the `FALLBACK` alias of WAGTAILSEARCH_BACKENDS, kept up to date beside Elasticsearch), so visitors get
results rather than an error. The outage is logged when it starts and ends; each search answered by the database
is counted (per process) and /health/ reports search as "degraded". For `OUTAGE_SECONDS` after a failure searches
go straight to the database instead of waiting on Elasticsearch again.
"""

import time

from django.db import DatabaseError
from elastic_transport import TransportError
from elasticsearch import ApiError
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch9 import Elasticsearch9SearchBackend, Elasticsearch9SearchResults

from .outages import Outage

OUTAGE_SECONDS = 30
# /health/ asks Elasticsearch itself at most this often (per process), and waits this long for the answer.
PROBE_EVERY_SECONDS = 30
PROBE_TIMEOUT_SECONDS = 1
ELASTICSEARCH_ERRORS = (ApiError, TransportError)  # error responses; connection errors and timeouts


class FallbackSearchResults(Elasticsearch9SearchResults):
    """Elasticsearch results that come from the database backend when Elasticsearch does not answer."""

    def _on_database(self):
        """The same search, unsliced, on the fallback backend."""
        compiler = self.query_compiler
        database = get_search_backend(self.backend.fallback)
        autocomplete = isinstance(compiler, self.backend.autocomplete_query_compiler_class)
        search = database.autocomplete if autocomplete else database.search
        results = search(
            compiler.query, compiler.queryset, fields=compiler.fields, order_by_relevance=compiler.order_by_relevance
        )
        return results.annotate_score(self._score_field) if self._score_field else results

    def _either(self, on_elasticsearch, on_database):
        outage = self.backend.outage
        if not outage.active:
            try:
                result = on_elasticsearch()
            except ELASTICSEARCH_ERRORS as error:
                outage.failed(error)
            else:
                outage.answered()
                return result
        outage.worked_around()
        return on_database()

    def _do_search(self):
        return self._either(
            lambda: list(super(FallbackSearchResults, self)._do_search()),
            lambda: list(self._on_database()[self.start : self.stop]),
        )

    def _do_count(self):
        return self._either(
            lambda: super(FallbackSearchResults, self)._do_count(),
            lambda: self._on_database()[self.start : self.stop].count(),
        )

    def facet(self, field_name):
        return self._either(
            lambda: super(FallbackSearchResults, self).facet(field_name),
            lambda: self._on_database().facet(field_name),
        )


class FallbackElasticsearchBackend(Elasticsearch9SearchBackend):
    """Elasticsearch 9 for searching and indexing; the `FALLBACK` backend answers searches it cannot."""

    results_class = FallbackSearchResults
    outage = Outage("Elasticsearch", OUTAGE_SECONDS)  # per process, shared by every instance of the backend
    probed_at = None

    def __init__(self, params):
        self.fallback = params.pop("FALLBACK", "database")
        super().__init__(params)

    def health(self):
        """Whether searches are answered by Elasticsearch ("ok") or by the database ("degraded"). Elasticsearch is
        asked at most every PROBE_EVERY_SECONDS; searches that fail make it "degraded" in between."""
        cls = type(self)
        now = time.monotonic()
        if not self.outage.active and (cls.probed_at is None or now - cls.probed_at >= PROBE_EVERY_SECONDS):
            cls.probed_at = now
            if self.es.options(request_timeout=PROBE_TIMEOUT_SECONDS, max_retries=0).ping():
                self.outage.answered()
            else:
                self.outage.failed(ConnectionError("no answer to a ping"))
        return "degraded" if self.outage.active else "ok"


SearchBackend = FallbackElasticsearchBackend


def search_health(database_status):
    """The /health/ component of the default search backend. The database backend is as up as the database."""
    try:
        backend = get_search_backend()
    except DatabaseError:  # the database backend looks at the database as it starts
        return {"status": "down", "backend": "database"}
    if isinstance(backend, FallbackElasticsearchBackend):
        return {"status": backend.health(), "backend": "elasticsearch", "fallbacks": backend.outage.workarounds}
    return {"status": "ok" if database_status == "ok" else "down", "backend": "database"}
