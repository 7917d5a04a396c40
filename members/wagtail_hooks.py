from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton
from wagtail.models import GroupPagePermission, Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .memberships import GRANT_LOG_ACTION, REMOVE_LOG_ACTION
from .models import Organisation, OrganisationMembership
from .onboarding import onboard_organisation
from .permissions import can_manage_people, can_reset_two_factor, edited_organisations
from .two_factor import RESET_LOG_ACTION, SET_UP_LOG_ACTION


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "member_since", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "summary"]
    # The database search backend on SQLite cannot restrict a search to fields; a plain query can.
    search_backend_name = None


register_snippet(OrganisationViewSet)


def onboard(request, organisation):
    """Onboard the organisation; show what is left to do, or why it could not be done, as a message."""
    try:
        return onboard_organisation(organisation)
    except ValidationError as error:
        messages.error(
            request,
            f"{organisation.name} was saved but could not be onboarded: {' '.join(error.messages)} "
            "Correct the organisation and save it again to finish onboarding.",
        )
        return None


@hooks.register("after_create_snippet")
def onboard_new_organisation(request, instance):
    """A new organisation is onboarded at once: its editors group, collection and directory section."""
    if isinstance(instance, Organisation) and (onboarding := onboard(request, instance)):
        messages.info(
            request,
            f"Add {instance.name}'s people to the group '{onboarding.editors.name}' so that they can edit its content.",
        )


@hooks.register("after_edit_snippet")
def onboard_edited_organisation(request, instance):
    """Saving an organisation again completes its onboarding if anything is missing."""
    if isinstance(instance, Organisation):
        onboard(request, instance)


class OrganisationMembershipViewSet(SnippetViewSet):
    """Who belongs where, for administrators; people are added by invitation and removed under People."""

    model = OrganisationMembership
    icon = "user"
    menu_label = "Memberships"
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]


register_snippet(OrganisationMembershipViewSet)


class PeopleMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_people(request.user)


@hooks.register("register_admin_urls")
def register_people_urls():
    return [
        path("people/", admin_views.people_index, name="members_people"),
        path("people/<int:membership_id>/remove/", admin_views.remove_person, name="members_remove_person"),
        path(
            "people/invitations/<int:invitation_id>/withdraw/",
            admin_views.withdraw_invitation,
            name="members_withdraw_invitation",
        ),
        path(
            "people/<int:user_id>/two-factor/reset/",
            admin_views.reset_person_two_factor,
            name="members_reset_two_factor",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_people_menu_item():
    return PeopleMenuItem("People", reverse("members_people"), icon_name="group", order=210)


class OrganisationSectionsPanel(Component):
    """The dashboard starts an organisation's editor at her organisation's own sections of the portal."""

    name = "organisation_sections"
    template_name = "members/admin/sections_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        groups = [organisation.editors_group_id for organisation in edited_organisations(user)]
        page_ids = GroupPagePermission.objects.filter(group__in=groups).values("page_id")
        context["sections"] = Page.objects.filter(pk__in=page_ids).order_by("path")
        return context


@hooks.register("construct_homepage_panels")
def add_organisation_sections_panel(request, panels):
    if edited_organisations(request.user).exists():
        panels.insert(0, OrganisationSectionsPanel())


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    actions.register_action(GRANT_LOG_ACTION, "Give a role", "Role given")
    actions.register_action(REMOVE_LOG_ACTION, "Remove a role", "Role removed")
    actions.register_action(SET_UP_LOG_ACTION, "Set up two-factor sign-in", "Two-factor sign-in set up")
    actions.register_action(RESET_LOG_ACTION, "Reset two-factor sign-in", "Two-factor sign-in reset")


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    """Wagtail's Users listing offers co-ordinators the reset (superusers' only to superusers)."""
    if can_reset_two_factor(request_user, user):
        url = reverse("members_reset_two_factor", args=[user.pk])
        yield ListingButton("Reset two-factor sign-in", url, icon_name="key", priority=60)
