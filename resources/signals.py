"""How the library sets itself up: the review workflow and co-ordinators' rights when the library page is created,
each onboarded organisation's section and private collection; reading documents' text after upload; and keeping
members-only privacy in step with what is published."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.search import index
from wagtail.signals import page_published

from core.models import PortalDocument
from core.signals import document_text_extracted
from members.models import Organisation
from members.onboarding import (
    EDITOR_PAGE_ACTIONS,
    ensure_approval_workflow,
    ensure_coordinators,
    grant_page_permissions,
    onboard_organisation,
    section_slug,
)
from members.signals import organisation_onboarded

from .models import (
    Audience,
    OrganisationResourcesPage,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
)
from .models.pages import RESERVED_SLUGS
from .privacy import members_only_collection, rename_members_only_collection, sync_members_only
from .search import clear_facet_options

REVIEW_WORKFLOW_NAME = "Resource review"
REVIEW_TASK_NAME = "Co-ordinator review"
COORDINATOR_PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
COORDINATOR_TOPIC_ACTIONS = ("add", "change", "delete", "view")


def ensure_library_setup(library_page):
    """Co-ordinators' rights, the review workflow and every active organisation's section. Safe to repeat."""
    from members.onboarding import grant_model_permissions

    with transaction.atomic():
        coordinators = ensure_coordinators()
        grant_page_permissions(coordinators, library_page, COORDINATOR_PAGE_ACTIONS)
        grant_model_permissions(coordinators, ResourceTopic, COORDINATOR_TOPIC_ACTIONS)
        ensure_review_workflow(library_page, coordinators)
        for organisation in Organisation.objects.filter(active=True):
            onboard_organisation(organisation)
    library_page.numchild = Page.objects.values_list("numchild", flat=True).get(pk=library_page.pk)


def ensure_review_workflow(library_page, coordinators):
    """The "Resource review" workflow: one co-ordinator approval, for the library and everything below it."""
    return ensure_approval_workflow(library_page, coordinators, REVIEW_WORKFLOW_NAME, REVIEW_TASK_NAME)


@receiver(organisation_onboarded, dispatch_uid="resources_add_organisation_section")
def add_organisation_section(sender, organisation, editors, **kwargs):
    """Publish the organisation's library section, if the library exists, and let its editors work there."""
    members_only_collection(organisation)
    library_page = ResourceLibraryPage.objects.first()
    if library_page is None:
        return None
    section = OrganisationResourcesPage.objects.filter(organisation=organisation).first()
    if section is None:
        section = library_page.add_child(
            instance=OrganisationResourcesPage(
                title=organisation.name,
                slug=section_slug(library_page, organisation, RESERVED_SLUGS),
                organisation=organisation,
            )
        )
        section.save_revision().publish()
    grant_page_permissions(editors, section, EDITOR_PAGE_ACTIONS)
    return section


@receiver(post_save, sender=ResourceLibraryPage, dispatch_uid="resources_set_up_new_library")
def set_up_new_library(sender, instance, created, raw=False, **kwargs):
    """A new library page gets its workflow, its co-ordinators and its organisations' sections at once."""
    if created and not raw:
        ensure_library_setup(instance)


@receiver(page_published, sender=ResourcePage, dispatch_uid="resources_sync_members_only")
def publish_privacy(sender, instance, **kwargs):
    """What is published decides the privacy: unticking "members only" takes effect when it is approved."""
    sync_members_only(instance)


@receiver(document_text_extracted, dispatch_uid="resources_reindex_after_extraction")
def reindex_resources_using_document(sender, document, **kwargs):
    """A document's text is part of the resources it is attached to: index them again once it has been read."""
    for page in ResourcePage.objects.filter(documents__document_id=document.pk).distinct():
        index.insert_or_update_object(page)


@receiver(pre_save, sender=ResourcePage, dispatch_uid="resources_keep_reminder_record")
def keep_reminder_record(sender, instance, raw=False, **kwargs):
    """Only resources.freshness writes the reminder record; saving a page keeps the one stored."""
    if raw:
        return
    stored = (
        ResourcePage.objects.filter(pk=instance.pk).values_list("review_reminder_sent_for", flat=True).first()
        if instance.pk
        else None
    )
    instance.review_reminder_sent_for = stored


@receiver(post_save, sender=Organisation, dispatch_uid="resources_rename_members_only_collection")
def follow_organisation_name(sender, instance, created, raw=False, **kwargs):
    """A renamed organisation's members-only collection takes the new name, as its own collection does."""
    if not raw and not created:
        rename_members_only_collection(instance)


for model in (ResourceTopic, Audience, Organisation):
    post_save.connect(clear_facet_options, sender=model, dispatch_uid=f"resources_clear_options_save_{model.__name__}")
    post_delete.connect(clear_facet_options, sender=model, dispatch_uid=f"resources_clear_options_del_{model.__name__}")


@receiver(pre_save, sender=PortalDocument, dispatch_uid="resources_keep_members_only_documents_private")
def keep_members_only_documents_private(sender, instance, raw=False, **kwargs):
    """A document attached to a members-only resource stays in the private collection, whoever moves it.

    Editors can choose any collection in the admin; moving such a document out would publish it.
    """
    if raw or instance.pk is None:
        return
    page = (
        ResourcePage.objects.filter(members_only=True, documents__document_id=instance.pk)
        .select_related("organisation")
        .first()
    )
    if page is not None:
        private = members_only_collection(page.organisation)
        if instance.collection_id != private.pk:
            instance.collection = private
