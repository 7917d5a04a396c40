"""How the directory sets itself up: the review workflow and the co-ordinators' rights when the directory page
is created, and an organisation's own section of the directory when it is onboarded; and how saving a listing
keeps the record of the review reminders already sent."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import Signal, receiver

from core.page_cache import served_from_cache
from members.sections import PartSetup, add_organisation_section, ensure_part_setup
from members.signals import organisation_onboarded

from .models import (
    CouncilArea,
    DirectoryIndexPage,
    HealthBoard,
    LocalAuthorityContact,
    OrganisationDirectoryPage,
    PilotArea,
    ProblemReport,
    ServicePage,
    Taxonomy,
    TaxonomyTerm,
)

# Sent by the directory's search view with query= (the parsed search) and result_count= after every search, so
# that apps above the directory (insights) can count demand without the directory knowing about them.
directory_searched = Signal()


@receiver(served_from_cache, dispatch_uid="directory_count_cached_searches")
def count_search_served_from_cache(sender, request, notes, **kwargs):
    """A directory search answered from the page cache is still counted, as if the view had run."""
    if "directory_results" in notes:
        from .search import DirectorySearch

        directory_searched.send(
            sender=DirectoryIndexPage,
            query=DirectorySearch(request.GET, request),
            result_count=notes["directory_results"],
        )


REVIEW_WORKFLOW_NAME = "Directory listing review"
REVIEW_TASK_NAME = "Co-ordinator review"

# Co-ordinators run the directory: they approve (publish), remove whole sections (bulk delete) and may lock
# pages while they work on them.
COORDINATOR_PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")

# The reference data co-ordinators keep. Council areas and health boards are statutory lists whose deletion
# would also delete postcodes or be refused, so they are never deleted; visitors make problem reports.
COORDINATOR_REFERENCE_DATA = {
    CouncilArea: ("add", "change", "view"),
    HealthBoard: ("add", "change", "view"),
    PilotArea: ("add", "change", "delete", "view"),
    Taxonomy: ("add", "change", "delete", "view"),
    TaxonomyTerm: ("add", "change", "delete", "view"),
    LocalAuthorityContact: ("add", "change", "delete", "view"),
    ProblemReport: ("change", "delete", "view"),
}


DIRECTORY_SETUP = PartSetup(
    workflow_name=REVIEW_WORKFLOW_NAME,
    task_name=REVIEW_TASK_NAME,
    coordinator_page_actions=COORDINATOR_PAGE_ACTIONS,
    coordinator_model_actions=COORDINATOR_REFERENCE_DATA,
)


def ensure_directory_setup(directory_page):
    """Co-ordinators' rights, the review workflow and every active organisation's section. Safe to repeat."""
    ensure_part_setup(directory_page, DIRECTORY_SETUP)


@receiver(organisation_onboarded, dispatch_uid="directory_add_organisation_section")
def add_directory_section(sender, organisation, editors, **kwargs):
    """Publish the organisation's directory page, if the directory exists, and let its editors work there."""
    return add_organisation_section(
        DirectoryIndexPage.objects.first(), OrganisationDirectoryPage, organisation, editors
    )


@receiver(post_save, sender=DirectoryIndexPage, dispatch_uid="directory_set_up_new_directory")
def set_up_new_directory(sender, instance, created, raw=False, **kwargs):
    """A new directory page gets its workflow, its co-ordinators and its organisations' sections at once."""
    if created and not raw:
        ensure_directory_setup(instance)


REMINDER_RECORDS = ("due_reminder_sent_for", "overdue_reminder_sent_for")


@receiver(pre_save, sender=ServicePage, dispatch_uid="directory_keep_reminder_records")
def keep_reminder_records(sender, instance, raw=False, **kwargs):
    """Only directory.freshness writes the reminder records: a new listing starts without any, and saving a
    listing (publishing a revision drafted before a reminder was sent, say) keeps the ones stored."""
    if raw:
        return
    stored = ServicePage.objects.filter(pk=instance.pk).values(*REMINDER_RECORDS).first() if instance.pk else None
    for name in REMINDER_RECORDS:
        setattr(instance, name, stored[name] if stored else None)
