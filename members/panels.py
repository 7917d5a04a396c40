"""The member area is assembled from panels that apps register, so members imports no app above it.

An app registers a function with Wagtail's hook registry:

    @hooks.register(MEMBER_AREA_PANEL_HOOK)
    def my_panel(request):
        return Panel(heading="...", template="app/panels/mine.html", context={...}, order=30)  # or None

Every query a panel runs must go through core.privacy (pages, documents) and members.permissions (roles).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail import hooks
from wagtail.models import GroupPagePermission, Page, WorkflowState

from .models import OrganisationMembership
from .permissions import edited_organisations, is_coordinator

MEMBER_AREA_PANEL_HOOK = "register_member_area_panel"
IN_REVIEW_LIMIT = 50


@dataclass
class Panel:
    """One section of the member area."""

    heading: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    anchor: str = ""


def panels_for(request):
    """The panels every app offers this signed-in person, in order."""
    panels = [panel for hook in hooks.get_hooks(MEMBER_AREA_PANEL_HOOK) if (panel := hook(request)) is not None]
    return sorted(panels, key=lambda panel: (panel.order, panel.heading))


def pages_in_review(user):
    """Pages the user's organisations (or, for co-ordinators, anyone) have submitted and are waiting for review."""
    in_review = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=ContentType.objects.get_for_model(Page)
    ).values_list("object_id", flat=True)
    page_ids = [int(pk) for pk in in_review if str(pk).isdigit()]
    if not page_ids:
        return Page.objects.none()
    pages = Page.objects.filter(pk__in=page_ids)
    if not is_coordinator(user):
        groups = [organisation.editors_group_id for organisation in edited_organisations(user)]
        paths = GroupPagePermission.objects.filter(group__in=groups).values_list("page__path", flat=True)
        under = Q()
        for path in set(paths):
            under |= Q(path__startswith=path)
        if not under:
            return Page.objects.none()
        pages = pages.filter(under)
    return pages.order_by("title")[:IN_REVIEW_LIMIT]


@hooks.register(MEMBER_AREA_PANEL_HOOK)
def organisation_panel(request):
    """The person's organisations and roles, and what of theirs is waiting for review."""
    user = request.user
    context = {
        "memberships": OrganisationMembership.objects.filter(user=user).select_related("organisation"),
        "in_review": pages_in_review(user),
        "all_organisations": is_coordinator(user),
    }
    return Panel(heading="Your organisation", template="members/panels/organisation.html", context=context, order=10)
