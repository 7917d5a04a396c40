"""Keyword searches of the faceted searches (core.facets): the ids that match, best first.

Through Wagtail search, whatever the backend (Elasticsearch, SQLite's FTS5). On PostgreSQL's database backend the
same index (`wagtailsearch_indexentry`, which Wagtail keeps) is read one word at a time instead:

- The visitor's words become the index's lexemes the way Wagtail's own query makes them (split on spaces and
  hyphens, each word through the backend's text search configuration), in one query.
- For each lexeme, the entries holding it and their rank (`ts_rank` with Wagtail's weights, the title's rank times
  its norm plus the body's, as Wagtail orders them) are read once per content generation and kept in this process
  (`KeywordPostings`): ranking every match of a common word took 40-80 ms of each search at 10,000 services. Every
  later search of the word, alone or with others, is set operations in memory.
- Every word must match (Wagtail's operator for this backend is "and"); a result's score is the mean of its words'
  ranks (PostgreSQL's ranking of a single word, and of words joined by "or"; for several words joined by "and"
  PostgreSQL also weighs how close together they are, which this does not); ties go to the newest id first.

What a visitor typed is never kept: only the lexemes' postings (which entries hold a word, and how strongly), in
this process's memory, forgotten when the generation moves on (any change to a page, a restriction or a watched
model) or the search index's own generation does (an entry written by the task worker: core.receivers).
"""

import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.search.backends.database.postgres.weights import get_sql_weights
from wagtail.search.models import IndexEntry
from wagtail.search.utils import get_descendants_content_types_pks

from . import fragments

# A safety net: the postings are read again after this long even if the generation has not moved on (an index
# rebuilt by `manage.py update_index` moves nothing on).
MAX_AGE_SECONDS = 600
MAX_LEXEMES = 5000  # per process and kind of page: a lexeme's postings are forgotten, least recently used first
SEARCH_INDEX = "search-index"  # the generation that moves on when Wagtail writes its search index (core.receivers)
WORD_SPLIT = re.compile(r"[\s\-]+")  # as Wagtail's PostgreSQL backend splits a plain-text query


def backend_query(query):
    """The text handed to the search backend.

    Double quotes are dropped: the SQLite FTS5 backend wraps each term in quotes without escaping those inside it,
    so a stray quote would be a syntax error there.
    """
    return " ".join(query.replace('"', " ").split())


def keyword_ids(queryset, text):
    """Ids of the objects of `queryset` matching the keywords, best match first."""
    terms = backend_query(text)
    if not terms:
        return []
    backend = get_search_backend()
    if isinstance(backend, PostgresSearchBackend) and queryset.query.is_empty() is False and not queryset.query.where:
        return postings_for(queryset.model, backend.config).search(terms)
    results = queryset.search(terms)
    if hasattr(results, "get_queryset"):  # database backends: ids only, in rank order
        return list(dict.fromkeys(results.get_queryset().values_list("pk", flat=True)))
    return [page.pk for page in results[: settings.DIRECTORY_MAX_KEYWORD_RESULTS]]


@dataclass(frozen=True)
class Posting:
    """The entries holding one lexeme: each one's rank, and their ids best first (ties: the newest id first)."""

    ranks: dict
    order: list


class KeywordPostings:
    """The search index's postings of one model (its content types), one lexeme at a time, for one generation."""

    def __init__(self, model, config):
        self.content_types = list(get_descendants_content_types_pks(model))
        self.config = config
        self.lexemes = OrderedDict()  # lexeme: Posting, most recently used last
        self.read_at = time.monotonic()
        self.lock = threading.Lock()

    def too_old(self):
        return time.monotonic() - self.read_at > MAX_AGE_SECONDS

    def search(self, terms):
        """Ids holding every word of `terms`, best first."""
        words = [word for word in WORD_SPLIT.split(terms) if word]
        groups = [group for group in self.lexemes_of(words) if group]  # a stop word alone asks for nothing
        if not groups:
            return []
        lexemes = list(dict.fromkeys(lexeme for group in groups for lexeme in group))
        if len(lexemes) == 1:
            return list(self.postings(lexemes[0]).order)
        postings = {lexeme: self.postings(lexeme).ranks for lexeme in lexemes}
        found = None
        for lexeme in sorted(lexemes, key=lambda lexeme: len(postings[lexeme])):
            ids = postings[lexeme].keys()
            found = set(ids) if found is None else found.intersection(ids)
            if not found:
                return []
        scores = {pk: sum(postings[lexeme][pk] for lexeme in lexemes) / len(lexemes) for pk in found}
        return sorted(found, key=lambda pk: (-scores[pk], -pk))

    def lexemes_of(self, words):
        """Each word's lexemes under the search configuration (none for a stop word), in one query."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tsvector_to_array(to_tsvector(COALESCE(%s::regconfig, get_current_ts_config()), word)) "
                "FROM unnest(%s::text[]) WITH ORDINALITY AS t(word, n) ORDER BY n",
                [self.config, words],
            )
            return [list(row[0]) for row in cursor.fetchall()]

    def postings(self, lexeme):
        """The entries holding `lexeme` (`Posting`), read once and then kept."""
        with self.lock:
            if lexeme in self.lexemes:
                self.lexemes.move_to_end(lexeme)
                return self.lexemes[lexeme]
        found = self.read(lexeme)
        with self.lock:
            self.lexemes[lexeme] = found
            while len(self.lexemes) > MAX_LEXEMES:
                self.lexemes.popitem(last=False)
        return found

    def read(self, lexeme):
        weights = get_sql_weights()
        table = IndexEntry._meta.db_table
        # The condition is the expression of the index core_indexentry_title_body_gin (core migration 0003).
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT object_id, ts_rank(%s::float4[], title, q) * title_norm + ts_rank(%s::float4[], body, q)
                FROM {table}, (SELECT %s::tsquery AS q) AS query
                WHERE content_type_id = ANY(%s) AND (title || body) @@ q
                """,  # noqa: S608 (the table's name is the model's own)
                [weights, weights, tsquery_literal(lexeme), self.content_types],
            )
            ranks = {int(object_id): rank for object_id, rank in cursor.fetchall() if object_id.isdigit()}
        return Posting(ranks, sorted(ranks, key=lambda pk: (-ranks[pk], -pk)))


def tsquery_literal(lexeme):
    """The lexeme as a tsquery, taken as it is (not stemmed again): quoted, with quotes and backslashes escaped."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


_postings = {}  # (model, config): (generation, KeywordPostings), for this process
_postings_lock = threading.Lock()


def postings_for(model, config):
    """The model's postings for the current generation (new, and not kept, when there is no generation)."""
    current = (fragments.generation(), fragments.generation(SEARCH_INDEX))
    if None in current:
        current = None
    key = (model, config)
    with _postings_lock:
        kept = _postings.get(key)
        if current is not None and kept is not None and kept[0] == current and not kept[1].too_old():
            return kept[1]
        postings = KeywordPostings(model, config)
        if current is not None:
            _postings[key] = (current, postings)
        return postings
