"""The foundation's models: the abstract base page of every content page, and the portal's document model."""

from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page, PageManager, PagePermissionTester, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from .extraction import validate_document_file
from .forms import PortalPageForm
from .privacy import VisiblePagesMixin


class PortalPageQuerySet(VisiblePagesMixin, PageQuerySet):
    """Wagtail's page queryset with the portal's privacy methods (`visible_to(request)`)."""


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)


class BasePage(Page):
    """Fields every content page of the portal has: a plain-text summary for listings and search."""

    summary = models.TextField(
        blank=True,
        max_length=300,
        help_text="One or two sentences shown in search results and listings.",
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]

    objects = PortalPageManager()
    base_form_class = PortalPageForm

    #: True on page types whose privacy follows one of their own fields (a resource's "members only" box, the
    #: stage of minutes): Wagtail's Privacy control is not offered for them, so the two can never disagree.
    privacy_follows_field = False

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's restrictions of the page and its ancestors; when serving, from those already read for the
        request (core.wagtail_hooks.known_view_restrictions), without a query when there are none."""
        known = getattr(self, "known_view_restriction_ids", None)
        if known is None:
            return super().get_view_restrictions()
        if not known:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=known)

    def permissions_for_user(self, user):
        if self.privacy_follows_field:
            return FieldPrivacyPermissionTester(user, self)
        return super().permissions_for_user(user)


def with_summaries(pages):
    """Pages of any type (base `Page` instances, such as search results) given the `summary` of their own type, in
    one query, however many types there are among them."""
    from wagtail.models import get_page_models

    models_with_summary = [model for model in get_page_models() if issubclass(model, BasePage)]
    if not pages or not models_with_summary:
        return pages
    summaries = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values("summary")[:1]) for model in models_with_summary
    ]
    found = dict(
        Page.objects.filter(pk__in=[page.pk for page in pages])
        .annotate(found_summary=Coalesce(*summaries, Value(""), output_field=models.TextField()))
        .values_list("pk", "found_summary")
    )
    for page in pages:
        page.summary = found.get(page.pk, "")
    return pages


class FieldPrivacyPermissionTester(PagePermissionTester):
    """Page permissions without the Privacy control, for pages whose privacy a field decides."""

    def can_set_view_restrictions(self):
        return False


class PortalDocument(AbstractDocument):
    """A document whose content has been checked against its extension and whose text is searchable."""

    class Extraction(models.TextChoices):
        PENDING = "pending", "Waiting to be read"
        DONE = "done", "Text read"
        FAILED = "failed", "Text could not be read"
        TOO_LARGE = "too_large", "Too large to index"

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
