"""How the multi-agency group sets itself up in Wagtail, and how minutes move from draft to approved.

Everything here uses Wagtail's own machinery: group page permissions, a review workflow, page privacy for the
minutes, a private collection for papers, page locking for approved minutes, and the audit log.
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    Page,
    PageLogEntry,
    PageViewRestriction,
)

from members.onboarding import (
    ensure_approval_workflow,
    ensure_coordinators,
    grant_admin_access,
    grant_model_permissions,
    grant_page_permissions,
    revoke_page_permissions,
)
from members.permissions import group_members_group, secretariat_group

from .models import Action, GroupSeat, MinutesPage

PAPERS_COLLECTION_NAME = "Group papers"
WORKFLOW_NAME = "Group secretariat sign-off"
TASK_NAME = "Secretariat sign-off"

# The secretariat creates meetings and drafts minutes, and publishes them only through the sign-off workflow: it has
# no "publish" of its own, which would let it publish minutes directly and skip the sign-off. The workflow's final
# approval publishes without it (settings.WAGTAIL_FINISH_WORKFLOW_ACTION, core.workflows).
SECRETARIAT_PAGE_ACTIONS = ("add", "change")
SECRETARIAT_WITHHELD_PAGE_ACTIONS = ("publish",)
# Co-ordinators may publish directly and are the only ones (with administrators) who can unlock approved minutes.
COORDINATOR_PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
PAPER_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
STAGE_LOG_ACTION = "group.minutes_stage"
GROUP_DATA_ACTIONS = ("add", "change", "delete", "view")

# Who may read minutes at each stage (the roles' groups, from members.permissions).
MINUTES_READERS = {
    MinutesPage.Stage.DRAFT: (secretariat_group,),
    MinutesPage.Stage.CIRCULATED: (group_members_group, secretariat_group),
    MinutesPage.Stage.APPROVED: (group_members_group, secretariat_group),
}


def papers_collection():
    """The private collection of group papers: only group members and the secretariat can open its documents."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PAPERS_COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=PAPERS_COLLECTION_NAME))
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    restriction.groups.add(group_members_group(), secretariat_group())
    return collection


def ensure_signoff_workflow(group_page, secretariat):
    """The secretariat sign-off workflow for the group's pages: one secretariat approval publishes a change."""
    return ensure_approval_workflow(group_page, secretariat, WORKFLOW_NAME, TASK_NAME)


@transaction.atomic
def ensure_group_setup(group_page):
    """Rights of the secretariat and co-ordinators, the sign-off workflow and the papers collection. Safe to repeat."""
    secretariat = secretariat_group()
    group_members_group()
    coordinators = ensure_coordinators()
    grant_admin_access(secretariat)
    grant_page_permissions(secretariat, group_page, SECRETARIAT_PAGE_ACTIONS)
    revoke_page_permissions(secretariat, group_page, SECRETARIAT_WITHHELD_PAGE_ACTIONS)
    grant_page_permissions(coordinators, group_page, COORDINATOR_PAGE_ACTIONS)
    collection = papers_collection()
    for group in (secretariat, coordinators):
        for app_label, codename in PAPER_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
        grant_model_permissions(group, Action, GROUP_DATA_ACTIONS)
        grant_model_permissions(group, GroupSeat, GROUP_DATA_ACTIONS)
    ensure_signoff_workflow(group_page, secretariat)
    return collection


def set_minutes_privacy(minutes, stage=None):
    """Make the minutes readable by exactly the groups their stage allows (a GROUPS view restriction)."""
    groups = [group() for group in MINUTES_READERS[stage or minutes.stage]]
    restrictions = PageViewRestriction.objects.filter(page=minutes)
    restriction = restrictions.first()
    if restriction is None or restriction.restriction_type != PageViewRestriction.GROUPS:
        restrictions.delete()
        restriction = PageViewRestriction.objects.create(page=minutes, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(groups)
    return restriction


def on_minutes_published(minutes, user=None):
    """After a revision of the minutes is published: privacy follows the stage, approval locks them."""
    set_minutes_privacy(minutes)
    last = PageLogEntry.objects.filter(page=minutes, action=STAGE_LOG_ACTION).order_by("-timestamp", "-pk").first()
    previous = last.data.get("to", "") if last else ""
    if previous != minutes.stage:
        log(instance=minutes, action=STAGE_LOG_ACTION, user=user, data={"from": previous, "to": minutes.stage})
    if minutes.stage == MinutesPage.Stage.APPROVED and not minutes.locked:
        Page.objects.filter(pk=minutes.pk).update(locked=True, locked_at=timezone.now(), locked_by=None)
        minutes.locked = True
