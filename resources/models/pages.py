"""The library's pages: the library itself, one section per organisation, and one page per resource."""

import datetime

from django import forms
from django.db import models
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyBlock
from core.models import BasePage
from core.privacy import collection_is_public
from members.sections import OrganisationSectionPage, OwnedByOrganisationMixin

from .topics import TaggedResource

# Slugs the library uses for its own routes, which no organisation's section may take.
RESERVED_SLUGS = {"feed"}


class ResourceType(models.TextChoices):
    GUIDANCE = "guidance", "Guidance"
    TOOLKIT = "toolkit", "Toolkit"
    RESEARCH = "research", "Research and evaluation"
    TRAINING = "training", "Training material"
    CASE_STUDY = "case-study", "Good-practice case study"
    POLICY = "policy", "Policy and strategy"
    TEMPLATE = "template", "Template or form"


class Licence(models.TextChoices):
    OGL = "ogl-3", "Open Government Licence v3.0"
    CC_BY = "cc-by-4", "Creative Commons Attribution 4.0 (CC BY 4.0)"
    CC_BY_NC = "cc-by-nc-4", "Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)"
    ALL_RIGHTS = "all-rights-reserved", "All rights reserved"


class ResourceLibraryPage(RoutablePageMixin, BasePage):
    """The library at /resources/: search and filter every resource a visitor may see, and its Atom feed."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.OrganisationResourcesPage"]
    max_count = 1

    class Meta:
        verbose_name = "resource library"

    @path("")
    def library(self, request):
        from resources.views import library_search

        return library_search(request, self)

    @path("feed/")
    def feed(self, request):
        from resources.feeds import ResourceFeed

        return ResourceFeed(self)(request)


class OrganisationResourcesPage(OrganisationSectionPage):
    """An organisation's section of the library; its editors' permissions start here."""

    reserved_slugs = RESERVED_SLUGS
    part_name = "the library"

    parent_page_types = ["resources.ResourceLibraryPage"]
    subpage_types = ["resources.ResourcePage"]

    class Meta:
        verbose_name = "organisation in the library"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resources"] = (
            ResourcePage.objects.visible_to(request, searchable=False)
            .child_of(self)
            .select_related("organisation")
            .prefetch_related("topics")
            .order_by("-date_published")
        )
        return context


def shares_document(members_only, members_only_collection_id, collection_id, collection_path, request=None):
    """Whether a resource may show a document's title and search its text (`ResourcePage.may_share`, given only
    the values it reads, so that a page of search results can ask without loading pages and documents)."""
    if collection_is_public(collection_path, request):
        return True
    return bool(members_only and members_only_collection_id and collection_id == members_only_collection_id)


class ResourcePage(OwnedByOrganisationMixin, BasePage):
    """One resource: guidance, a toolkit, research, training, a case study, a policy or a template."""

    privacy_follows_field = True  # the "members only" box (resources.privacy)
    section_model = OrganisationResourcesPage

    resource_type = models.CharField(
        "type of resource", max_length=20, choices=ResourceType.choices, default=ResourceType.GUIDANCE
    )
    topics = ClusterTaggableManager(
        through=TaggedResource, blank=True, help_text="Choose from the library's topics; co-ordinators add new ones."
    )
    audiences = ParentalManyToManyField(
        "resources.Audience", related_name="resources", help_text="Who it is written for: tick all that apply."
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="resources",
        editable=False,
        help_text="Set from the organisation section the resource is in.",
    )
    body = StreamField(BodyBlock(), blank=True)
    date_published = models.DateField(
        default=datetime.date.today, help_text="When the resource itself was published (not this page)."
    )
    review_by = models.DateField(
        "review by",
        null=True,
        blank=True,
        help_text="When the organisation should check it is still right. Editors are reminded after this date.",
    )
    licence = models.CharField(
        max_length=30,
        choices=Licence.choices,
        default=Licence.ALL_RIGHTS,
        help_text="How others may reuse it. Choose an open licence if you can.",
    )
    members_only = models.BooleanField(
        "members only",
        default=False,
        help_text=(
            "Only signed-in Hub members can see the page and its documents. Nobody else sees its title in "
            "any listing, search or feed."
        ),
    )
    review_reminder_sent_for = models.DateField(null=True, blank=True, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("resource_type"),
                FieldPanel("topics"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading="About the resource",
        ),
        FieldPanel("body"),
        InlinePanel("documents", heading="Documents", label="Document"),
        InlinePanel("related_links", heading="Related resources", label="Related resource"),
        MultiFieldPanel(
            [FieldPanel("date_published"), FieldPanel("review_by"), FieldPanel("licence"), FieldPanel("members_only")],
            heading="Publishing",
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("document_text"),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("audiences", [index.SearchField("name")]),
        index.FilterField("resource_type"),
        index.FilterField("organisation"),
        index.FilterField("date_published"),
        index.FilterField("members_only"),
    ]

    parent_page_types = ["resources.OrganisationResourcesPage"]
    subpage_types = []
    exclude_fields_in_copy = ["review_reminder_sent_for"]

    class Meta:
        verbose_name = "resource"

    @classmethod
    def get_indexed_objects(cls):
        """Fetch what the index needs, documents' text included, in a few queries when many are indexed."""
        return super().get_indexed_objects().prefetch_related("audiences", "documents__document__collection")

    def save(self, *args, **kwargs):
        from resources.privacy import apply_members_only

        self.set_organisation_from_parent()
        super().save(*args, **kwargs)
        # Ticking "members only" restricts the page (and its documents) at once, even while the change
        # waits for review; unticking lifts the restriction only when the change is published.
        if self.members_only:
            apply_members_only(self)
        # Topics and documents are saved after the page is indexed: index again now that they are.
        if not kwargs.get("update_fields"):
            index.insert_or_update_object(self)

    def may_share(self, document, request=None):
        """Whether this resource may show the document's title and search its text: a document in a restricted
        collection never reaches a public page, index or excerpt. A members-only resource may share the documents
        of its organisation's members-only collection, which the same people may read."""
        organisation = self.organisation
        return shares_document(
            self.members_only,
            organisation.members_only_collection_id if organisation else None,
            document.collection_id,
            document.collection.path,
            request,
        )

    def document_text(self):
        """The text of the attached documents, so a search for words inside them finds this page."""
        return " ".join(
            link.document.extracted_text
            for link in self.documents.all()
            if link.document_id and self.may_share(link.document)
        )

    @cached_property
    def attached_documents(self):
        links = self.documents.select_related("document", "document__collection")
        return [link.document for link in links if link.document_id and self.may_share(link.document)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        related_ids = [link.resource_id for link in self.related_links.all()]
        visible = {
            page.pk: page
            for page in ResourcePage.objects.visible_to(request, searchable=False)
            .filter(pk__in=related_ids)
            .select_related("organisation")
        }
        context["related_resources"] = [visible[pk] for pk in related_ids if pk in visible]
        return context


class ResourceDocument(Orderable):
    """A document attached to a resource."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(get_document_model_string(), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]


class ResourceRelatedLink(Orderable):
    """Another resource a reader may want next."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="related_links")
    resource = models.ForeignKey(ResourcePage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("resource", page_type="resources.ResourcePage")]
