"""Queue text extraction again for documents whose text was never read (left waiting by a lost task)."""

from django.core.management.base import BaseCommand
from django.db.models import F

from core.models import PortalDocument
from core.tasks import extract_document_text


class Command(BaseCommand):
    help = (
        "Queue text extraction for every document whose current file has not been read (status 'Waiting to be "
        "read', for instance because the worker running its task was stopped). Safe to run at any time."
    )

    def handle(self, *args, **options):
        pending = PortalDocument.objects.exclude(file_hash="").exclude(extracted_from_hash=F("file_hash"))
        count = 0
        for pk in pending.values_list("pk", flat=True).iterator():
            extract_document_text.enqueue(pk)
            count += 1
        self.stdout.write(f"Queued text extraction for {count} document{'' if count == 1 else 's'}.")
