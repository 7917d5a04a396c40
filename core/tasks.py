"""Background work of the foundation: reading the text of uploaded documents."""

from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.search import index

from .extraction import Extraction, extract
from .signals import document_text_extracted


@task()
def extract_document_text(document_id):
    """Read a document's text and page count, store them, re-index the document and tell the apps using it."""
    from .models import PortalDocument

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or not document.needs_extraction:
        return
    try:
        with document.open_file() as file:
            result = extract(file, document.file_extension)
    except OSError:
        result = Extraction(note="The file could not be opened.")
    if result.too_large:
        status = PortalDocument.Extraction.TOO_LARGE
    elif result.text or not result.note:
        status = PortalDocument.Extraction.DONE
    else:
        status = PortalDocument.Extraction.FAILED
    fields = {"extraction_note": result.note[:300], "extracted_text": result.text, "page_count": result.page_count}
    # Only if the file is still the one that was read (it may have been replaced meanwhile).
    updated = (
        get_document_model()
        .objects.filter(pk=document_id, file_hash=document.file_hash)
        .update(extraction_status=status, extracted_from_hash=document.file_hash, **fields)
    )
    if not updated:
        return
    document.refresh_from_db()
    index.insert_or_update_object(document)
    document_text_extracted.send(sender=type(document), document=document)
