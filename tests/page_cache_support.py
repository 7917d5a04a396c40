"""Reading what the page cache holds, for tests: LocMem or Redis."""

import pickle

from django.core.cache import caches

from core.page_cache import CACHE_ALIAS


def stored_entries():
    """Every response stored in the page cache (its counters left out), as dicts of content, headers and notes."""
    cache = caches[CACHE_ALIAS]
    entries = []
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # LocMem
        for key, value in list(cache._cache.items()):
            if ":pc:page:" in key:
                entries.append(pickle.loads(value))  # noqa: S301 (our own cache, in a test)
        return entries
    client = cache._cache.get_client()
    serializer = cache._cache._serializer
    for key in client.scan_iter(match=cache.make_key("pc:page:*")):
        raw = client.get(key)
        if raw is not None:
            entries.append(serializer.loads(raw))
    return entries


def stored_text():
    """All stored responses' bodies, upper case, as one text (to look for canaries)."""
    return "\n".join(entry["content"].decode("utf-8", errors="replace") for entry in stored_entries()).upper()
