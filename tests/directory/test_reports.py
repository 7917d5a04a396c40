"""The "Listings due for review" report: what co-ordinators see, and its spreadsheet export."""

import csv
import datetime
import io

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from directory.models import DirectoryIndexPage, OrganisationDirectoryPage, ServicePage
from home.models import HomePage
from members.models import Organisation
from members.roles import HUB_COORDINATORS, editors_group_name

REPORT = reverse("directory_listings_due_for_review")


def make_user(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "a-long-password-1")
    user.groups.add(Group.objects.get(name=group_name))
    return user


class ListingsDueForReviewReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Home", slug="home-page"))
        site = Site.objects.get(is_default_site=True)
        welcome, site.root_page = site.root_page, home
        site.save()
        welcome.delete()
        haven = Organisation.objects.create(name="Haven Women's Network", slug="haven")
        home.add_child(instance=DirectoryIndexPage(title="Find support", slug="directory"))
        section = OrganisationDirectoryPage.objects.get(organisation=haven)
        today = timezone.localdate()
        cls.add_service(section, "Haven drop-in", today + datetime.timedelta(days=12))
        cls.add_service(section, "Haven helpline", today - datetime.timedelta(days=3))
        cls.add_service(section, "Haven clinic", today + datetime.timedelta(days=90))
        cls.add_service(section, "Haven draft", today - datetime.timedelta(days=3), live=False)
        cls.coordinator = make_user("coordinator", HUB_COORDINATORS)
        cls.editor = make_user("haven-editor", editors_group_name(haven))

    @staticmethod
    def add_service(section, title, review_due, live=True):
        last_checked = review_due - datetime.timedelta(days=182)
        service = section.add_child(instance=ServicePage(title=title, last_checked=last_checked, review_due=review_due))
        if live:
            service.save_revision().publish()
        else:
            service.unpublish()

    def rows(self, response):
        """The text of each cell of each row of the report's table."""
        table_rows = BeautifulSoup(response.content, "html.parser").select("table tbody tr")
        return [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in table_rows]

    def test_co_ordinators_see_live_listings_due_and_overdue_with_their_status(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(REPORT)
        self.assertEqual(
            [(row[0], row[1], row[4]) for row in self.rows(response)],
            [("Haven helpline", "Haven Women's Network", "Overdue"), ("Haven drop-in", "Haven Women's Network", "Due")],
        )

    def test_co_ordinators_can_list_only_overdue_listings(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(REPORT, {"review_status": "overdue"})
        self.assertEqual([row[0] for row in self.rows(response)], ["Haven helpline"])

    def test_the_report_exports_a_csv_spreadsheet(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(REPORT, {"export": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        today = timezone.localdate()
        self.assertEqual(
            rows,
            [
                ["Service", "Organisation", "Last checked", "Review due", "Status"],
                [
                    "Haven helpline",
                    "Haven Women's Network",
                    str(today - datetime.timedelta(days=185)),
                    str(today - datetime.timedelta(days=3)),
                    "overdue",
                ],
                [
                    "Haven drop-in",
                    "Haven Women's Network",
                    str(today - datetime.timedelta(days=170)),
                    str(today + datetime.timedelta(days=12)),
                    "due",
                ],
            ],
        )

    def test_the_report_exports_an_excel_spreadsheet(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(REPORT, {"export": "xlsx"})
        self.assertEqual(response["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    def test_co_ordinators_find_the_report_in_the_reports_menu(self):
        self.client.force_login(self.coordinator)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), REPORT)

    def test_organisation_editors_do_not_see_the_report_in_the_menu(self):
        self.client.force_login(self.editor)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), REPORT)

    def test_organisation_editors_cannot_open_the_report(self):
        self.client.force_login(self.editor)
        self.assertRedirects(self.client.get(REPORT), reverse("wagtailadmin_home"), fetch_redirect_response=False)

    def test_the_report_costs_the_same_number_of_queries_however_long_it_is(self):
        self.client.force_login(self.coordinator)
        self.client.get(REPORT)  # warm-up: the first signed-in request stores the session's CSRF token
        with CaptureQueriesContext(connection) as short_report:
            self.client.get(REPORT)
        section = OrganisationDirectoryPage.objects.get()
        for n in range(5):
            self.add_service(section, f"Haven service {n}", timezone.localdate() + datetime.timedelta(days=n))
        self.client.get(REPORT)  # warm-up again: adding pages emptied the cross-request caches (core.fragments)
        with CaptureQueriesContext(connection) as long_report:
            self.client.get(REPORT)
        self.assertEqual(len(long_report), len(short_report))
