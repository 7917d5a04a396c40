"""Organisation sections, built once for every part of the portal (the directory, the library).

A *part* is a page (the directory, the library) under which each onboarded organisation gets its own *section*
page; the organisation's editors add and change pages only there, every change goes through the part's review
workflow, and co-ordinators approve. Pages inside a section are *owned* by its organisation.

    class OrganisationDirectoryPage(OrganisationSectionPage): ...      # the section page type
    class ServicePage(OwnedByOrganisationMixin, BasePage): ...         # pages inside sections
    ensure_part_setup(directory_page, PartSetup(...))                  # when the part's page is created
    add_organisation_section(directory_page, OrganisationDirectoryPage, organisation, editors, reserved)
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.models import BasePage

from .onboarding import (
    EDITOR_PAGE_ACTIONS,
    ensure_approval_workflow,
    ensure_coordinators,
    grant_model_permissions,
    grant_page_permissions,
    onboard_organisation,
    section_slug,
)


class OrganisationSectionPage(BasePage):
    """An organisation's section of one part of the portal; its editors' permissions start here."""

    organisation = models.OneToOneField(
        "members.Organisation", on_delete=models.PROTECT, related_name="%(app_label)s_section"
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("organisation", read_only=True, help_text="Set when the organisation is onboarded."),
        FieldPanel("summary"),
    ]
    search_fields = BasePage.search_fields

    #: Slugs the part's own addresses use, which a section may not take.
    reserved_slugs = frozenset()
    #: What the part is called in messages: "the directory", "the library".
    part_name = "this part of the portal"

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.slug in self.reserved_slugs:
            raise ValidationError({"slug": f"'{self.slug}' is used by {self.part_name} itself; choose another slug."})


class OwnedByOrganisationMixin:
    """Pages inside organisation sections: they belong to the organisation whose section they are in (also after a
    move). The page model declares its own `organisation` foreign key and names its section model."""

    section_model = None

    def set_organisation_from_parent(self):
        if not self.path:
            return
        parent_path = self.path[: -self.steplen]
        organisation_id = (
            self.section_model.objects.filter(path=parent_path).values_list("organisation_id", flat=True).first()
        )
        if organisation_id:
            self.organisation_id = organisation_id

    def full_clean(self, *args, **kwargs):
        self.set_organisation_from_parent()
        super().full_clean(*args, **kwargs)


@dataclass
class PartSetup:
    """What co-ordinators get on a part of the portal, and its review workflow's names."""

    workflow_name: str
    task_name: str
    coordinator_page_actions: tuple = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
    #: {model: actions} co-ordinators get on the part's own snippets (reference data, topics...)
    coordinator_model_actions: dict = field(default_factory=dict)


def ensure_part_setup(part_page, setup):
    """Co-ordinators' rights, the review workflow and every active organisation's section. Safe to repeat."""
    from .models import Organisation

    with transaction.atomic():
        coordinators = ensure_coordinators()
        grant_page_permissions(coordinators, part_page, setup.coordinator_page_actions)
        for model, actions in setup.coordinator_model_actions.items():
            grant_model_permissions(coordinators, model, actions)
        ensure_approval_workflow(part_page, coordinators, setup.workflow_name, setup.task_name)
        for organisation in Organisation.objects.filter(active=True):
            onboard_organisation(organisation)
    # Sections were added through another instance of the page: keep the caller's copy in step with the tree,
    # or an admin view that goes on to publish it would write a stale child count.
    part_page.numchild = Page.objects.values_list("numchild", flat=True).get(pk=part_page.pk)


def add_organisation_section(part_page, section_model, organisation, editors):
    """Publish the organisation's section of the part (if missing) and let its editors work there."""
    if part_page is None:
        return None
    section = section_model.objects.filter(organisation=organisation).first()
    if section is None:
        section = part_page.add_child(
            instance=section_model(
                title=organisation.name,
                slug=section_slug(part_page, organisation, section_model.reserved_slugs),
                organisation=organisation,
            )
        )
        section.save_revision().publish()
    grant_page_permissions(editors, section, EDITOR_PAGE_ACTIONS)
    return section
