"""Search indexing for bulk loads: index what a load saved once, at the end, in chunks, not on every save."""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.search.backends import get_search_backends

from . import fragments


@contextmanager
def deferred_search_indexing(*models):
    """Index what is saved of these models once, at the end, instead of on every save of a bulk load.

    Yields {model: set of pks}: rows written without a save signal (bulk_create) can be added to it.
    """
    saved = {model: set() for model in models}

    def record(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    detached = []
    for model in models:
        if post_save.disconnect(post_save_signal_handler, sender=model):
            detached.append(model)
        post_save.connect(record, sender=model, weak=False)
    try:
        yield saved
    finally:
        for model in models:
            post_save.disconnect(record, sender=model)
        for model in detached:
            post_save.connect(post_save_signal_handler, sender=model)
    for model in detached:
        update_search_index(model, saved[model])


def update_search_index(model, pks, chunk_size=1000):
    """Add or update these objects in every search backend, a chunk at a time.

    The model's get_indexed_objects() says what to fetch with them (select_related, prefetch_related).
    """
    pks = sorted(pks)
    queryset = model.get_indexed_objects()
    for start in range(0, len(pks), chunk_size):
        chunk = list(queryset.filter(pk__in=pks[start : start + chunk_size]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, chunk)
    fragments.changed("search-index")  # what processes keep of the index (core.keywords) is read again
