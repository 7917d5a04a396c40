"""Cleaning of visitor-typed search text, shared by every search box of the portal."""

import unicodedata

from django.conf import settings
from django.db import connection
from django.db.models import F, Lookup, Q
from django.db.models.expressions import RawSQL


def clean_query(raw):
    """Return (query, was_truncated): control characters dropped, spaces collapsed, length capped.

    NUL and other control characters would make PostgreSQL refuse the query, and a search box
    never needs them.
    """
    text = "".join(" " if unicodedata.category(ch)[0] in ("C", "Z") else ch for ch in raw or "")
    text = " ".join(text.split())
    limit = settings.SEARCH_MAX_QUERY_LENGTH
    if len(text) > limit:
        return text[:limit].rstrip(), True
    return text, False


def parse_page_number(raw):
    """The page number asked for, or None if it is not a whole number of at least 1."""
    if raw is None or raw == "":
        return 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        return None
    number = int(raw)
    return number if number >= 1 else None


def backend_query(query):
    """The text handed to the search backend.

    Double quotes are dropped: the SQLite FTS5 backend wraps each term in quotes without escaping
    those inside it, so a stray quote would be a syntax error there.
    """
    return " ".join(query.replace('"', " ").split())


def id_list(ids):
    """`ids` for a `pk__in` filter: one array parameter on PostgreSQL rather than thousands of them.

    Searches that match thousands of pages otherwise spend most of their time sending and parsing
    the list in every query that uses it.
    """
    if connection.vendor == "postgresql" and len(ids) > 100:
        return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))
    return ids


class AnyOf(Lookup):
    """`lhs = ANY(array)` on PostgreSQL: one array constant, checked by hashing, as a filter on the rows.

    The planner cannot see how many rows `IN (SELECT unnest(...))` gives, and joined it in a nested loop that
    compared each of 300 candidate rows with all 2,000 ids.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"(({lhs})::bigint + 0) = ANY(%s::bigint[])", [*params, list(self.rhs)]


def pk_in(ids):
    """The condition `pk IN ids`, as one array on PostgreSQL when the list is long."""
    if connection.vendor == "postgresql" and len(ids) > 100:
        return Q(AnyOf(F("pk"), list(ids)))
    return Q(pk__in=ids)
