"""Editors work only on their own organisation's resources; every change waits for a co-ordinator's review."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage
from members.models import Organisation
from members.roles import HUB_COORDINATORS, editors_group_name
from resources.models import Audience, OrganisationResourcesPage, ResourceLibraryPage, ResourcePage

from .conftest import make_user


def resource_form(title, slug, **fields):
    data = {
        "title": title,
        "slug": slug,
        "summary": "A short guide.",
        "resource_type": "guidance",
        "topics": "",
        "body": streamfield([]),
        "documents": inline_formset([]),
        "related_links": inline_formset([]),
        "date_published": "2026-01-05",
        "licence": "ogl-3",
        "comments": inline_formset([]),
    }
    data.update(fields)
    form_data = nested_form_data(data)
    form_data["audiences"] = [audience.pk for audience in Audience.ensure_all() if audience.slug == "practitioners"]
    return form_data


class ResourceWorkflowTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Home", slug="home-page"))
        site = Site.objects.get(is_default_site=True)
        welcome, site.root_page = site.root_page, home
        site.save()
        welcome.delete()
        haven = Organisation.objects.create(name="Haven Women's Network", slug="haven")
        north = Organisation.objects.create(name="Northern Lights Outreach", slug="northern-lights")
        home.add_child(instance=ResourceLibraryPage(title="Resources", slug="resources"))
        cls.haven_section = OrganisationResourcesPage.objects.get(organisation=haven)
        cls.north_section = OrganisationResourcesPage.objects.get(organisation=north)
        cls.haven_resource = cls.publish(cls.haven_section, "Haven guide")
        cls.north_resource = cls.publish(cls.north_section, "Northern guide")
        cls.editor = make_user("haven-editor", editors_group_name(haven))
        cls.coordinator = make_user("coordinator", HUB_COORDINATORS)

    @staticmethod
    def publish(section, title):
        resource = section.add_child(instance=ResourcePage(title=title, summary="A guide."))
        resource.save_revision().publish()
        return resource

    def submit_edit(self, resource, title):
        self.client.force_login(self.editor)
        return self.client.post(
            reverse("wagtailadmin_pages:edit", args=[resource.pk]),
            resource_form(title, resource.slug, **{"action-submit": "Submit"}),
        )

    def review(self, resource, action, comment=""):
        resource = ResourcePage.objects.get(pk=resource.pk)
        self.client.force_login(self.coordinator)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[resource.pk, action, resource.current_workflow_task_state.pk]
        )
        return self.client.post(url, {"comment": comment})

    def test_an_editor_adds_a_resource_to_their_section_and_it_waits_for_review(self):
        self.client.force_login(self.editor)
        self.client.post(
            reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", self.haven_section.pk]),
            resource_form("Haven toolkit", "haven-toolkit", **{"action-submit": "Submit"}),
        )
        resource = ResourcePage.objects.get(slug="haven-toolkit")
        self.assertEqual(
            (resource.live, resource.current_workflow_task.name, resource.organisation.slug),
            (False, "Co-ordinator review", "haven"),
        )

    def test_the_library_uses_the_resource_review_workflow(self):
        self.assertEqual(self.haven_resource.get_workflow().name, "Resource review")

    def test_approval_publishes_and_emails_the_editor(self):
        self.submit_edit(self.haven_resource, "Haven guide, second edition")
        mail.outbox.clear()
        self.review(self.haven_resource, "approve")
        self.assertEqual(
            (ResourcePage.objects.get(pk=self.haven_resource.pk).title, [m.to for m in mail.outbox]),
            ("Haven guide, second edition", [[self.editor.email]]),
        )

    def test_a_request_for_changes_emails_the_editor_the_comment(self):
        self.submit_edit(self.haven_resource, "Haven guide, second edition")
        mail.outbox.clear()
        self.review(self.haven_resource, "reject", comment="Please add the licence.")
        self.assertEqual([("Please add the licence." in m.body) for m in mail.outbox], [True])

    def test_an_editor_cannot_edit_another_organisations_resource(self):
        self.client.force_login(self.editor)
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[self.north_resource.pk]),
            resource_form("Hijacked", self.north_resource.slug, **{"action-submit": "Submit"}),
        )
        self.assertEqual(
            ResourcePage.objects.get(pk=self.north_resource.pk).get_latest_revision_as_object().title, "Northern guide"
        )

    def test_an_editor_cannot_add_to_another_organisations_section(self):
        self.client.force_login(self.editor)
        self.client.post(
            reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", self.north_section.pk]),
            resource_form("Intruder", "intruder"),
        )
        self.assertFalse(ResourcePage.objects.filter(slug="intruder").exists())

    def test_editors_are_reminded_once_about_resources_past_review(self):
        ResourcePage.objects.filter(pk=self.haven_resource.pk).update(review_by=datetime.date(2025, 1, 1))
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        reminders = [m for m in mail.outbox if "Haven guide" in m.body and "resource" in m.subject]
        self.assertEqual([m.to for m in reminders], [[self.editor.email]])

    def test_the_report_lists_resources_past_review_for_co_ordinators(self):
        ResourcePage.objects.filter(pk=self.haven_resource.pk).update(review_by=datetime.date(2025, 1, 1))
        self.client.force_login(self.coordinator)
        response = self.client.get(reverse("resources_due_for_review"))
        self.assertContains(response, "Haven guide")
