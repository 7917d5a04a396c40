"""Signals the foundation sends, so that apps above it can act without the foundation importing them."""

from django.dispatch import Signal

# Sent by core.tasks.extract_document_text with document= once a document's text has been read and stored:
# apps re-index the pages that show or search that text.
document_text_extracted = Signal()

# Sent by core.cache.ResilientRedisCache when Redis answers this process again after an outage: what changed while
# it was away could not move the fragments' generation on nor purge the page cache, so receivers do it now
# (core.receivers).
cache_recovered = Signal()
