"""Member organisations of the National Hub.

Onboarding (members.onboarding) gives each organisation an editors group, a collection for its images and
documents and a collection for its members-only documents; they are linked by foreign key, so renaming the
organisation (which renames them, for people reading the admin) never loses them.
"""

import uuid

from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class Organisation(index.Indexed, models.Model):
    """An organisation in the support pathway: a specialist charity, a council, a health board..."""

    choosable_by_all_editors = True  # public reference data: any admin user may choose it (core.middleware)

    class Kind(models.TextChoices):
        SPECIALIST = "specialist", "Specialist third-sector organisation"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        HEALTH_BOARD = "health_board", "Health board"
        POLICE = "police", "Police Scotland"
        NATIONAL_BODY = "national_body", "National body"
        OTHER = "other", "Other"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in web addresses, e.g. 'routes-out'.")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.SPECIALIST)
    summary = models.TextField(
        blank=True, max_length=600, help_text="What the organisation does, in a sentence or two."
    )
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    charity_number = models.CharField(
        "OSCR charity number",
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^SC\d{6}$", "A Scottish charity number is SC followed by six digits.")],
    )
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    member_since = models.DateField("Hub member since", null=True, blank=True)
    active = models.BooleanField(default=True, help_text="Inactive organisations are hidden from public lists.")
    updated_at = models.DateTimeField(auto_now=True)
    editors_group = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="edited_organisation",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    members_only_collection = models.OneToOneField(
        "wagtailcore.Collection", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("phone"), FieldPanel("email")],
            heading="Contact",
        ),
        FieldPanel("charity_number"),
        FieldPanel("logo"),
        FieldPanel("member_since"),
        FieldPanel("active"),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
        index.FilterField("kind"),
        index.FilterField("active"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)
