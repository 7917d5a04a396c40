from django.contrib import messages
from django.core.exceptions import ValidationError
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation
from .onboarding import onboard_organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "member_since", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]


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
