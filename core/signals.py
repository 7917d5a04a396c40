"""Signals the foundation sends, so that apps above it can act without the foundation importing them."""

from django.dispatch import Signal

# Sent by core.tasks.extract_document_text with document= once a document's text has been read and stored:
# apps re-index the pages that show or search that text.
document_text_extracted = Signal()
