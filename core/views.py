"""Serving documents: the one answer for a document a request may not have, whether it exists or not."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve

from .middleware import mark_restricted
from .privacy import document_visible_to

# Ids longer than this are not ids of ours (and would overflow a database integer).
MAX_ID_DIGITS = 18


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, except that "no such document", "wrong file name" and "not allowed" look alike.

    Anonymous visitors are sent to sign in, whichever it is (a signed-out member following a link to a paper signs
    in and gets it; nobody learns whether a guessed address exists); a signed-in person who may not have the
    document gets the same 404 as for one that does not exist. Every such answer is `private, no-store`.
    """
    document = None
    if len(document_id) <= MAX_ID_DIGITS:
        document = get_document_model().objects.select_related("collection").filter(pk=int(document_id)).first()
    if document is None or document.filename != document_filename or not document_visible_to(document, request):
        mark_restricted(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        raise Http404("No such document.")
    return serve(request, document_id, document_filename)
