"""The foundation's own receivers: a new or replaced document file is read in the background; signing in starts
the session's clock; publishing, privacy, snippets and settings purge the page cache."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django_tasks.signals import task_finished
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, workflow_approved
from wagtail.snippets.models import get_snippet_models

from . import fragments, keywords, page_cache
from .middleware import start_session_clock
from .models import PortalDocument
from .signals import cache_recovered
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


@receiver(task_finished, dispatch_uid="core_search_index_written")
def forget_keyword_postings(sender, task_result, **kwargs):
    """Wagtail writes an object's search index entry in a task (the task worker, after the request that saved it):
    the keyword postings that processes keep (core.keywords) must be read again from it. Only their own generation
    moves on: nothing else is built from the search index."""
    if task_result.task.module_path in SEARCH_INDEX_TASKS:
        fragments.changed(keywords.SEARCH_INDEX)


SEARCH_INDEX_TASKS = {"modelsearch.tasks.insert_or_update_object_task"}


@receiver(cache_recovered, dispatch_uid="core_cache_recovered")
def forget_what_the_outage_hid(sender, **kwargs):
    """Redis answers again: a change made while it was away could not move the fragments' generation on (the
    restrictions, routes, search indexes and cards built from it) nor purge cached pages. Start afresh."""
    fragments.move_on()
    page_cache.purge_all()


# -- The page cache (core.page_cache): what purges it --------------------------------------------------------------


@receiver(page_published, dispatch_uid="core_page_cache_published")
@receiver(page_unpublished, dispatch_uid="core_page_cache_unpublished")
def purge_changed_page(sender, instance, **kwargs):
    """A page published or unpublished: it, its subtree, its ancestors' listings and the pages linking to it."""
    page_cache.purge_page(instance)


@receiver(workflow_approved, dispatch_uid="core_page_cache_workflow_approved")
def purge_approved_page(sender, instance, **kwargs):
    """A workflow's approval (its publishing purges too; an approval that does not publish still changes what the
    page's listings may say of it)."""
    if isinstance(instance.content_object, Page):
        page_cache.purge_page(instance.content_object)


@receiver(pre_delete, sender=Page, dispatch_uid="core_page_cache_page_deleted")
def purge_deleted_page(sender, instance, **kwargs):
    """A page deleted (each page of a deleted subtree is sent here): its addresses are worked out before it goes."""
    if instance.live:
        page_cache.purge_page(instance)


@receiver(post_page_move, dispatch_uid="core_page_cache_page_moved")
@receiver(page_slug_changed, dispatch_uid="core_page_cache_slug_changed")
def purge_all_for_new_addresses(sender, instance, **kwargs):
    """A page moved or renamed: the addresses of its whole subtree changed, and every link to them."""
    page_cache.purge_all()


@receiver(post_save, dispatch_uid="core_page_cache_saved")
@receiver(post_delete, dispatch_uid="core_page_cache_deleted")
def purge_all_for_shared_content(sender, instance, raw=False, **kwargs):
    """Privacy (page and collection view restrictions, collections), snippets, site settings and sites may show on
    any page, or hide any page: purge everything. Models listed in PAGE_CACHE_IGNORED_MODELS are never shown on a
    page that is cached (problem reports, which anonymous visitors create)."""
    if raw or sender._meta.label_lower in ignored_models():
        return
    if issubclass(sender, WHOLE_PURGE_MODELS) or sender in get_snippet_models():
        page_cache.purge_all()


def ignored_models():
    """PAGE_CACHE_IGNORED_MODELS as lower-case labels (read each time, so that tests may change it)."""
    return {label.lower() for label in settings.PAGE_CACHE_IGNORED_MODELS}


# Models whose every change purges the whole page cache (besides registered snippets).
WHOLE_PURGE_MODELS = (
    PageViewRestriction,
    CollectionViewRestriction,
    Collection,
    Site,
    BaseSiteSetting,
    BaseGenericSetting,
)


@receiver(pre_save, dispatch_uid="core_page_cache_media_collection")
def remember_media_collection(sender, instance, raw=False, **kwargs):
    """Note a document's or image's collection before it is saved, to see whether its privacy changes."""
    if not raw and page_cache.purging() and sender in (get_document_model(), get_image_model()) and instance.pk:
        instance._core_old_collection_id = (
            type(instance).objects.filter(pk=instance.pk).values_list("collection_id", flat=True).first()
        )


@receiver(post_save, dispatch_uid="core_page_cache_media_saved")
@receiver(post_delete, dispatch_uid="core_page_cache_media_deleted")
def purge_for_media(sender, instance, raw=False, created=False, signal=None, **kwargs):
    """A document or image changed: the pages that use it; everything if it moved collection (its privacy may have
    changed) or was deleted. A new one is on no page yet."""
    if raw or created or not page_cache.purging() or sender not in (get_document_model(), get_image_model()):
        return
    moved = getattr(instance, "_core_old_collection_id", instance.collection_id) != instance.collection_id
    if moved or signal is post_delete:
        page_cache.purge_all()
        return
    page_type = ContentType.objects.get_for_model(Page)
    referrers = ReferenceIndex.get_references_to(instance).filter(base_content_type=page_type)
    ids = {int(pk) for pk in referrers.values_list("object_id", flat=True) if str(pk).isdigit()}
    for page in Page.objects.filter(pk__in=ids).live():
        page_cache.purge_page(page)
