"""StreamField blocks shared by every page type of the portal."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{3,20}$",
    "Enter a phone number using digits, spaces and brackets only, for example 0800 027 1234.",
)


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 by default so the page keeps one h1."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Level 2 (section)"), ("h3", "Level 3 (sub-section)")],
        default="h2",
        help_text="Use level 2 for main sections and level 3 inside them.",
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading.html"
        description = "A heading that starts a section of the page"
        preview_value = {"text": "How to get support", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    """Body text with simple formatting and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "core/blocks/paragraph.html"
        description = "Text with simple formatting and links"
        preview_value = "<p>Specialist services support women affected by commercial sexual exploitation.</p>"


class CalloutBlock(blocks.StructBlock):
    """Text set apart from the body: information, or a warning."""

    style = blocks.ChoiceBlock(
        choices=[("information", "Information"), ("warning", "Warning")],
        default="information",
        help_text="Use a warning only for something that affects a reader's safety or rights.",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        template = "core/blocks/callout.html"
        description = "A highlighted box for important information or a warning"
        preview_value = {
            "style": "information",
            "title": "If you are in danger now",
            "body": "<p>Call 999. If you cannot speak, press 55 when asked.</p>",
        }


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    """Questions or sections a reader opens one at a time."""

    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        titles = "|".join(item["title"] for item in value["items"])
        context["accordion_id"] = "accordion-" + hashlib.sha256(titles.encode()).hexdigest()[:8]
        return context

    class Meta:
        icon = "list-ul"
        template = "core/blocks/accordion.html"
        description = "Sections that open and close, for questions and answers"
        preview_value = {
            "items": [
                {"title": "Is the service confidential?", "body": "<p>Yes.</p>"},
                {"title": "Do I need a referral?", "body": "<p>No, you can contact us yourself.</p>"},
            ]
        }


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document, with its type and size."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, max_length=200, help_text="Leave blank to use the document's title.")
    description = blocks.TextBlock(required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        template = "core/blocks/document_link.html"
        description = "A downloadable document with its file type and size"

    def get_context(self, value, parent_context=None):
        """The document only for visitors who may open it: a restricted document's title never shows."""
        from .privacy import document_visible_to

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["document"] = value.get("document") if document_visible_to(value.get("document"), request) else None
        return context


class ContactDetailsBlock(blocks.StructBlock):
    """How to contact someone: phone, text, email, website, hours."""

    name = blocks.CharBlock(max_length=160)
    phone = blocks.CharBlock(required=False, max_length=30, validators=[phone_validator])
    text_number = blocks.CharBlock(
        required=False, max_length=30, validators=[phone_validator], label="Text message number"
    )
    email = blocks.EmailBlock(required=False)
    website = blocks.URLBlock(required=False)
    hours = blocks.CharBlock(required=False, max_length=200, help_text="For example: Monday to Friday, 9am to 5pm")
    notes = blocks.TextBlock(required=False, max_length=500)

    class Meta:
        icon = "mail"
        template = "core/blocks/contact_details.html"
        description = "Contact details: phone, text, email, website and opening hours"
        preview_value = {"name": "National Hub co-ordinator", "phone": "0131 000 0000", "email": "hub@example.org"}


class HelplineBlock(blocks.StructBlock):
    """A national helpline shown on the home page and when a search finds nothing."""

    name = blocks.CharBlock(max_length=120)
    phone = blocks.CharBlock(max_length=30, validators=[phone_validator])
    hours = blocks.CharBlock(required=False, max_length=120)
    description = blocks.CharBlock(required=False, max_length=240)

    class Meta:
        icon = "mobile-alt"
        template = "core/blocks/helpline.html"
        preview_value = {"name": "Scotland's Domestic Abuse and Forced Marriage Helpline", "phone": "0800 027 1234"}


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to another address."""

    text = blocks.CharBlock(max_length=80)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(
        required=False, label="Or an address", help_text="Only if the link is not to a page of this site."
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choose a page or enter an address, not both."
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        return value

    class Meta:
        icon = "link"
        template = "core/blocks/link.html"


class SignpostBlock(blocks.StructBlock):
    """A card on the home page that leads to one of the portal's main parts."""

    title = blocks.CharBlock(max_length=80)
    description = blocks.CharBlock(max_length=240)
    page = blocks.PageChooserBlock()

    class Meta:
        icon = "arrow-right"
        template = "core/blocks/signpost.html"


class BodyBlock(blocks.StreamBlock):
    """The blocks an editor can use in the body of a content page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    accordion = AccordionBlock()
    document = DocumentLinkBlock()
    contact = ContactDetailsBlock()
