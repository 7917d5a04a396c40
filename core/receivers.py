"""The foundation's own receivers: a new or replaced document file is read in the background; signing in starts
the session's clock."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from .middleware import start_session_clock
from .models import PortalDocument
from .tasks import extract_document_text


@receiver(post_save, sender=PortalDocument, dispatch_uid="core_extract_document_text")
def read_document_text(sender, instance, raw=False, **kwargs):
    """Read the text of a new or replaced file in the background."""
    if not raw and instance.needs_extraction:
        extract_document_text.enqueue(instance.pk)


@receiver(user_logged_in, dispatch_uid="core_start_session_clock")
def start_clock_on_sign_in(sender, request=None, user=None, **kwargs):
    """The idle and absolute session limits count from here (core.middleware.SessionTimeoutMiddleware)."""
    if request is not None and hasattr(request, "session"):
        start_session_clock(request)
