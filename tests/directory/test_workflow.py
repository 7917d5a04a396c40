"""Organisation editors edit only their own listings, and every change waits for a co-ordinator's review."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.models import DirectoryIndexPage, OrganisationDirectoryPage, ServicePage
from home.models import HomePage
from members.models import Organisation
from members.roles import HUB_COORDINATORS, editors_group_name


def make_user(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "a-long-password-1")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def service_form(title, slug, **fields):
    """The admin form of a service, as an editor would fill it in."""
    data = {
        "title": title,
        "slug": slug,
        "summary": "Drop in for a chat.",
        "description": rich_text("<p>Support for women.</p>"),
        "cost": "Free",
        "last_checked": "2026-01-05",
        "locations": inline_formset([]),
        "schedules": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


class EditorialWorkflowTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Home", slug="home-page"))
        site = Site.objects.get(is_default_site=True)
        welcome, site.root_page = site.root_page, home
        site.save()
        welcome.delete()
        haven = Organisation.objects.create(name="Haven Women's Network", slug="haven")
        north = Organisation.objects.create(name="Northern Lights Outreach", slug="northern-lights")
        # Creating the directory page onboards both organisations and sets up the review workflow.
        home.add_child(instance=DirectoryIndexPage(title="Find support", slug="directory"))
        cls.haven_section = OrganisationDirectoryPage.objects.get(organisation=haven)
        cls.north_section = OrganisationDirectoryPage.objects.get(organisation=north)
        cls.haven_service = cls.publish_service(cls.haven_section, "Haven drop-in")
        cls.north_service = cls.publish_service(cls.north_section, "Northern Lights helpline")
        cls.editor = make_user("haven-editor", editors_group_name(haven))
        cls.coordinator = make_user("coordinator", HUB_COORDINATORS)

    @staticmethod
    def publish_service(section, title):
        service = section.add_child(
            instance=ServicePage(title=title, summary="A service.", last_checked=datetime.date(2026, 1, 5))
        )
        service.save_revision().publish()
        return service

    def submit_edit(self, service, title):
        """The editor changes a service's title and submits it for review."""
        self.client.force_login(self.editor)
        return self.client.post(
            reverse("wagtailadmin_pages:edit", args=[service.pk]),
            service_form(title, service.slug, **{"action-submit": "Submit"}),
        )

    def review(self, service, action, comment=""):
        """The co-ordinator approves, or requests changes to, the service's submission."""
        service = ServicePage.objects.get(pk=service.pk)
        self.client.force_login(self.coordinator)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[service.pk, action, service.current_workflow_task_state.pk]
        )
        return self.client.post(url, {"comment": comment})

    def live(self, service):
        return ServicePage.objects.get(pk=service.pk)

    def assertDenied(self, response):
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)

    # Their own organisation's listings

    def test_an_editor_adds_a_service_to_their_section_and_submits_it_for_review(self):
        self.client.force_login(self.editor)
        self.client.post(
            reverse("wagtailadmin_pages:add", args=["directory", "servicepage", self.haven_section.pk]),
            service_form("Haven evening clinic", "evening-clinic", **{"action-submit": "Submit"}),
        )
        service = ServicePage.objects.get(slug="evening-clinic")
        self.assertEqual((service.live, service.current_workflow_task.name), (False, "Co-ordinator review"))

    def test_an_editors_change_leaves_the_live_listing_unchanged_until_approved(self):
        self.submit_edit(self.haven_service, "Haven drop-in and clinic")
        self.assertEqual(self.live(self.haven_service).title, "Haven drop-in")

    def test_the_submitted_change_is_kept_as_the_latest_draft(self):
        self.submit_edit(self.haven_service, "Haven drop-in and clinic")
        draft = self.live(self.haven_service).get_latest_revision_as_object()
        self.assertEqual(draft.title, "Haven drop-in and clinic")

    def test_co_ordinators_are_emailed_when_a_listing_is_submitted(self):
        self.submit_edit(self.haven_service, "Haven drop-in and clinic")
        self.assertIn([self.coordinator.email], [message.to for message in mail.outbox])

    def test_approval_by_a_co_ordinator_publishes_the_change(self):
        self.submit_edit(self.haven_service, "Haven drop-in and clinic")
        self.review(self.haven_service, "approve")
        self.assertEqual(self.live(self.haven_service).title, "Haven drop-in and clinic")

    def test_the_editor_is_emailed_when_their_change_is_approved(self):
        self.submit_edit(self.haven_service, "Haven drop-in and clinic")
        mail.outbox.clear()
        self.review(self.haven_service, "approve", comment="Thanks, looks right.")
        self.assertEqual(
            [(message.to, "approved" in message.subject) for message in mail.outbox], [([self.editor.email], True)]
        )

    def test_a_request_for_changes_leaves_the_listing_unchanged(self):
        self.submit_edit(self.haven_service, "Haven drop-in and clinic")
        self.review(self.haven_service, "reject", comment="Please add the opening hours.")
        self.assertEqual(self.live(self.haven_service).title, "Haven drop-in")

    def test_the_editor_is_emailed_the_co_ordinators_comment_when_changes_are_requested(self):
        self.submit_edit(self.haven_service, "Haven drop-in and clinic")
        mail.outbox.clear()
        self.review(self.haven_service, "reject", comment="Please add the opening hours.")
        self.assertEqual(
            [(message.to, "Please add the opening hours." in message.body) for message in mail.outbox],
            [([self.editor.email], True)],
        )

    def test_an_editor_cannot_approve_their_own_change(self):
        self.submit_edit(self.haven_service, "Haven drop-in and clinic")
        service = self.live(self.haven_service)
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[service.pk, "approve", service.current_workflow_task_state.pk],
            )
        )
        self.assertEqual(self.live(self.haven_service).title, "Haven drop-in")

    def test_an_editor_cannot_publish_directly(self):
        self.client.force_login(self.editor)
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[self.haven_service.pk]),
            service_form("Haven drop-in and clinic", "haven-drop-in", **{"action-publish": "Publish"}),
        )
        service = self.live(self.haven_service)
        # The change is kept as a draft; the live listing is untouched.
        self.assertEqual(
            (service.title, service.get_latest_revision_as_object().title),
            ("Haven drop-in", "Haven drop-in and clinic"),
        )

    def test_an_editor_cannot_unpublish_their_listing(self):
        self.client.force_login(self.editor)
        response = self.client.post(reverse("wagtailadmin_pages:unpublish", args=[self.haven_service.pk]))
        self.assertDenied(response)
        self.assertTrue(self.live(self.haven_service).live)

    def test_an_editor_cannot_lock_a_listing(self):
        self.client.force_login(self.editor)
        self.client.post(reverse("wagtailadmin_pages:lock", args=[self.haven_service.pk]))
        self.assertFalse(self.live(self.haven_service).locked)

    def test_an_editor_cannot_delete_a_live_listing(self):
        self.client.force_login(self.editor)
        response = self.client.post(reverse("wagtailadmin_pages:delete", args=[self.haven_service.pk]))
        self.assertDenied(response)
        self.assertTrue(ServicePage.objects.filter(pk=self.haven_service.pk).exists())

    def test_an_editor_can_delete_a_draft_that_was_never_published(self):
        self.client.force_login(self.editor)
        self.client.post(
            reverse("wagtailadmin_pages:add", args=["directory", "servicepage", self.haven_section.pk]),
            service_form("Haven evening clinic", "evening-clinic"),
        )
        draft = ServicePage.objects.get(slug="evening-clinic")
        self.client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
        self.assertFalse(ServicePage.objects.filter(pk=draft.pk).exists())

    # Another organisation's listings

    def test_an_editor_cannot_open_another_organisations_listing(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.north_service.pk]))
        self.assertDenied(response)

    def test_an_editor_cannot_change_another_organisations_listing(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[self.north_service.pk]),
            service_form("Closed", self.north_service.slug, **{"action-submit": "Submit"}),
        )
        self.assertDenied(response)
        self.assertEqual(
            self.live(self.north_service).get_latest_revision_as_object().title, "Northern Lights helpline"
        )

    def test_an_editor_cannot_add_a_service_to_another_organisations_section(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["directory", "servicepage", self.north_section.pk]),
            service_form("Fake helpline", "fake-helpline", **{"action-submit": "Submit"}),
        )
        self.assertDenied(response)
        self.assertFalse(ServicePage.objects.filter(slug="fake-helpline").exists())

    def test_an_editor_cannot_delete_another_organisations_listing(self):
        self.client.force_login(self.editor)
        response = self.client.post(reverse("wagtailadmin_pages:delete", args=[self.north_service.pk]))
        self.assertDenied(response)
        self.assertTrue(ServicePage.objects.filter(pk=self.north_service.pk).exists())

    def test_an_editor_cannot_publish_another_organisations_listing(self):
        self.client.force_login(self.editor)
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[self.north_service.pk]),
            service_form("Closed", self.north_service.slug, **{"action-publish": "Publish"}),
        )
        self.assertEqual(self.live(self.north_service).title, "Northern Lights helpline")

    def test_an_editor_cannot_edit_another_organisations_section_page(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.north_section.pk]))
        self.assertDenied(response)
