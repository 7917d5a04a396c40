"""Home page, standard content pages and the site settings editors manage."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyBlock, HelplineBlock, LinkBlock, SignpostBlock
from core.models import BasePage
from core.privacy import public

DEFAULT_QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"


class HomePage(BasePage):
    """The front page: what the Hub is, the way in to each part of the portal, helplines."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    signposts = StreamField(
        [("signpost", SignpostBlock())],
        blank=True,
        max_num=6,
        help_text="Cards leading to the main parts of the portal: find support, resources, the group.",
    )
    body = StreamField(BodyBlock(), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("signposts"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "directory.DirectoryIndexPage",
        "resources.ResourceLibraryPage",
        "group.GroupPage",
        "insights.InsightsPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"


class StandardPage(BasePage):
    """A content page built from the shared blocks: about, guidance, policies."""

    body = StreamField(BodyBlock(), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Its public children, in one query (from the restrictions read once for the request).
        context["children"] = list(public(StandardPage.objects.child_of(self), request, searchable=False))
        return context


def validate_quick_exit_url(value):
    """The quick exit must leave for a neutral https site, never back into the portal."""
    if not value.startswith("https://"):
        raise ValidationError("Use a secure address that starts with https://.")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Safety, contact and footer settings that editors can change without a developer."""

    quick_exit_url = models.URLField(
        "quick exit destination",
        default=DEFAULT_QUICK_EXIT_URL,
        validators=[validate_quick_exit_url],
        help_text=(
            "Where 'Hide this page' and the Escape key send a visitor: a neutral, everyday site "
            "such as a weather forecast. It must start with https://."
        ),
    )
    staying_safe_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The 'Staying safe online' page linked beside the 'Hide this page' button.",
    )
    contact_email = models.EmailField(blank=True, help_text="The Hub's public contact address.")
    helplines = StreamField(
        [("helpline", HelplineBlock())],
        blank=True,
        help_text="National helplines shown on the home page and when a search finds nothing.",
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="Links in the footer, such as the privacy notice and accessibility statement.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("quick_exit_url"), PageChooserPanel("staying_safe_page")],
            heading="Staying safe",
        ),
        FieldPanel("contact_email"),
        FieldPanel("helplines"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = "site settings"
