"""The foundation's own receivers: a new or replaced document file is read in the background."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import PortalDocument
from .tasks import extract_document_text


@receiver(post_save, sender=PortalDocument, dispatch_uid="core_extract_document_text")
def read_document_text(sender, instance, raw=False, **kwargs):
    """Read the text of a new or replaced file in the background."""
    if not raw and instance.needs_extraction:
        extract_document_text.enqueue(instance.pk)
