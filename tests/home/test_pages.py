"""Page tree rules, creation in the admin and rendering of every page type of home/."""

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage


class HomePageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="Home", slug="home-page"))
        site = Site.objects.get(is_default_site=True)
        old_root = site.root_page
        site.root_page = cls.home
        site.save()
        old_root.delete()
        cls.page = cls.home.add_child(
            instance=StandardPage(
                title="Staying safe online",
                slug="staying-safe-online",
                summary="How to hide your visit.",
                body=[
                    {"type": "heading", "value": {"text": "Cover your tracks", "level": "h2"}},
                    {"type": "paragraph", "value": "<p>Use a private window.</p>"},
                    {"type": "callout", "value": {"style": "warning", "title": "Danger", "body": "<p>Call 999.</p>"}},
                    {
                        "type": "accordion",
                        "value": {"items": [{"title": "Private browsing", "body": "<p>Open a private window.</p>"}]},
                    },
                    {
                        "type": "contact",
                        "value": {
                            "name": "The Hub",
                            "phone": "0131 000 0000",
                            "text_number": "",
                            "email": "hub@example.org",
                            "website": "",
                            "hours": "Weekdays",
                            "notes": "",
                        },
                    },
                ],
            )
        )
        cls.admin = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_standard_pages_go_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)

    def test_only_one_home_page(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_every_page_type_renders(self):
        self.assertPageIsRenderable(self.home)
        self.assertPageIsRenderable(self.page)

    def test_every_block_renders_on_the_page(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, "<h2>Cover your tracks</h2>", html=True)
        self.assertContains(response, "ds_warning-text")
        self.assertContains(response, 'data-module="ds-accordion"')
        self.assertContains(response, 'href="tel:01310000000"')

    def test_pages_are_editable_in_the_admin(self):
        self.assertPageIsEditable(
            self.home,
            nested_form_data(
                {
                    "title": "Home",
                    "slug": "home-page",
                    "summary": "",
                    "intro": rich_text("<p>Welcome</p>"),
                    "signposts": streamfield([]),
                    "body": streamfield([]),
                }
            ),
        )
        self.assertPageIsEditable(
            self.page,
            nested_form_data(
                {
                    "title": "Staying safe online",
                    "slug": "staying-safe-online",
                    "summary": "How to hide your visit.",
                    "body": streamfield([("paragraph", rich_text("<p>Use a private window.</p>"))]),
                }
            ),
        )

    def test_an_editor_can_create_a_standard_page_in_the_admin(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Privacy notice",
                    "slug": "privacy",
                    "summary": "What we store.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "What we keep", "level": "h2"}),
                            ("paragraph", rich_text("<p>Nothing that identifies you.</p>")),
                        ]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="privacy")
        self.assertEqual(page.body[0].value["text"], "What we keep")
