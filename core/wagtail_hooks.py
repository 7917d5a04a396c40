"""The foundation's Wagtail hooks: restricted pages and documents are served as never to be stored."""

from wagtail import hooks

from .middleware import mark_restricted
from .privacy import page_is_restricted


@hooks.register("before_serve_page")
def mark_restricted_page(page, request, serve_args, serve_kwargs):
    if page_is_restricted(page, request):
        mark_restricted(request)


@hooks.register("before_serve_document")
def mark_restricted_document(document, request):
    if document.collection.get_view_restrictions().exists():
        mark_restricted(request)
