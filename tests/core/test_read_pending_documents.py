"""Documents left waiting to be read are queued again."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from core.models import PortalDocument
from core.samples import make_pdf


@pytest.mark.django_db
def test_documents_left_waiting_are_read_again():
    document = PortalDocument(title="Guide", file=ContentFile(make_pdf(["Words about ptarmigan"]), name="g.pdf"))
    document.save()
    PortalDocument.objects.filter(pk=document.pk).update(
        extraction_status=PortalDocument.Extraction.PENDING, extracted_from_hash="", extracted_text=""
    )
    out = io.StringIO()
    call_command("read_pending_documents", stdout=out)
    document.refresh_from_db()
    assert (out.getvalue().strip(), document.extraction_status, "ptarmigan" in document.extracted_text) == (
        "Queued text extraction for 1 document.",
        PortalDocument.Extraction.DONE,
        True,
    )
