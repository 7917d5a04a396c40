"""The portal's document model: Wagtail's document, with the text read from the file and its page count."""

from django.db import models
from wagtail.documents.models import AbstractDocument
from wagtail.search import index

from ..extraction import validate_document_file


class PortalDocument(AbstractDocument):
    """A document whose content has been checked against its extension and whose text is searchable."""

    class Extraction(models.TextChoices):
        PENDING = "pending", "Waiting to be read"
        DONE = "done", "Text read"
        FAILED = "failed", "Text could not be read"

    extracted_text = models.TextField(blank=True, editable=False)
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    extraction_status = models.CharField(
        max_length=10, choices=Extraction.choices, default=Extraction.PENDING, editable=False
    )
    extraction_note = models.CharField(max_length=300, blank=True, editable=False)
    extracted_from_hash = models.CharField(
        max_length=40, blank=True, editable=False, help_text="The file hash the text was read from."
    )

    admin_form_fields = ("title", "file", "collection", "tags")
    search_fields = AbstractDocument.search_fields + [index.SearchField("extracted_text")]

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"

    def clean(self):
        super().clean()
        if self.file and not getattr(self.file, "_committed", True):
            validate_document_file(self.file, self.file_extension)

    def save(self, *args, **kwargs):
        if self.file and (not self.file._committed or self.file_size is None or not self.file_hash):
            self._set_document_file_metadata()
        super().save(*args, **kwargs)

    @property
    def needs_extraction(self):
        return bool(self.file_hash) and self.file_hash != self.extracted_from_hash

    @property
    def file_type(self):
        """The extension in capitals, as readers know it: PDF, DOCX."""
        return self.file_extension.upper()


class MembersOnlyCollection(models.Model):
    """The collection that holds an organisation's members-only documents, linked rather than found by name, so
    that renaming the organisation (which renames the collection) never loses it."""

    organisation = models.OneToOneField("members.Organisation", on_delete=models.CASCADE, related_name="+")
    collection = models.OneToOneField("wagtailcore.Collection", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "members-only collection"

    def __str__(self):
        return str(self.collection)
