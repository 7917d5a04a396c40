"""The library's page tree and how its pages render."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from members.models import Organisation
from resources.models import Audience, OrganisationResourcesPage, ResourceLibraryPage, ResourcePage


class ResourcePageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Page.get_first_root_node().add_child(instance=HomePage(title="Home", slug="home-page"))
        site = Site.objects.get(is_default_site=True)
        welcome, site.root_page = site.root_page, cls.home
        site.save()
        welcome.delete()
        Organisation.objects.create(name="Haven Women's Network", slug="haven")
        cls.library = cls.home.add_child(instance=ResourceLibraryPage(title="Resources", slug="resources"))
        cls.section = OrganisationResourcesPage.objects.get()
        cls.resource = ResourcePage(title="A guide", summary="Short.")
        cls.resource.audiences.set([a for a in Audience.ensure_all() if a.slug in ("public", "lived-experience")])
        cls.section.add_child(instance=cls.resource)
        cls.resource.save_revision().publish()

    def test_the_library_goes_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, ResourceLibraryPage)

    def test_the_library_holds_only_organisation_sections(self):
        self.assertAllowedSubpageTypes(ResourceLibraryPage, {OrganisationResourcesPage})

    def test_sections_hold_only_resources(self):
        self.assertAllowedSubpageTypes(OrganisationResourcesPage, {ResourcePage})

    def test_resources_hold_nothing(self):
        self.assertAllowedSubpageTypes(ResourcePage, set())

    def test_creating_the_library_gives_each_organisation_a_section(self):
        self.assertEqual(self.section.get_parent().specific, self.library)

    def test_a_resource_belongs_to_its_sections_organisation(self):
        self.assertEqual(self.resource.organisation.slug, "haven")

    def test_the_resource_page_renders(self):
        self.assertPageIsRenderable(self.resource)

    def test_the_section_page_renders(self):
        self.assertPageIsRenderable(self.section)

    def test_the_library_renders(self):
        self.assertPageIsRenderable(self.library)

    def test_a_resource_says_everyone_it_is_for_in_display_order(self):
        content = self.client.get(self.resource.url).content.decode()
        self.assertIn("People with lived experience, The public</dd>", content)

    def test_editors_tick_the_audiences(self):
        self.client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "pw-12345678"))
        content = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.resource.pk])).content.decode()
        boxes = re.findall(r'<input type="checkbox" name="audiences"[^>]*>', content)
        self.assertEqual((len(boxes), sum("checked" in box for box in boxes)), (3, 2))
