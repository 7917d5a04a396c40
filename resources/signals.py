"""How the library sets itself up: the review workflow and co-ordinators' rights when the library page is created,
each onboarded organisation's section and private collection; reading documents' text after upload; and keeping
members-only privacy in step with what is published."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published

from core.models import PortalDocument
from core.signals import document_text_extracted
from members.models import Organisation
from members.sections import PartSetup, add_organisation_section, ensure_part_setup
from members.signals import organisation_onboarded

from .models import (
    Audience,
    OrganisationResourcesPage,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
)
from .privacy import members_only_collection, rename_members_only_collection, sync_members_only
from .search import clear_facet_options

LIBRARY_SETUP = PartSetup(
    workflow_name="Resource review",
    task_name="Co-ordinator review",
    coordinator_model_actions={ResourceTopic: ("add", "change", "delete", "view")},
)


def ensure_library_setup(library_page):
    """Co-ordinators' rights, the review workflow and every active organisation's section. Safe to repeat."""
    ensure_part_setup(library_page, LIBRARY_SETUP)


@receiver(organisation_onboarded, dispatch_uid="resources_add_organisation_section")
def add_library_section(sender, organisation, editors, **kwargs):
    """Publish the organisation's library section, if the library exists, and let its editors work there."""
    members_only_collection(organisation)
    return add_organisation_section(
        ResourceLibraryPage.objects.first(), OrganisationResourcesPage, organisation, editors
    )


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
