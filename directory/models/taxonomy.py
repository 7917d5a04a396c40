"""Controlled vocabularies of the directory: support types, forms of CSE, delivery, referral, languages,
access. Each is an Open Referral taxonomy with terms that editors manage, so filters never splinter."""

import uuid

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

# Seeded vocabularies get the same UUID on every installation, so API identifiers are stable.
TAXONOMY_NAMESPACE = uuid.UUID("6f1a4a52-3d53-4d0c-9d6b-2f0b7f6f1c11")


def stable_uuid(*parts):
    return uuid.uuid5(TAXONOMY_NAMESPACE, "/".join(parts))


class Taxonomy(models.Model):
    """A vocabulary, e.g. 'Support types'. Its slug is the directory's filter name."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=40, unique=True, help_text="The filter name in directory addresses.")
    description = models.TextField(blank=True)
    version = models.CharField(max_length=20, blank=True, default="1")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("version")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self):
        return self.name


class TaxonomyTerm(index.Indexed, models.Model):
    """A term of a vocabulary, e.g. 'Housing and accommodation' in 'Support types'."""

    choosable_by_all_editors = True  # public reference data: any admin user may choose it (core.middleware)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60, help_text="The value in directory addresses, e.g. 'housing'.")
    code = models.CharField(max_length=20, blank=True, help_text="A standard code, e.g. an ISO 639 language code.")
    description = models.CharField(max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("taxonomy"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("taxonomy")]

    class Meta:
        ordering = ["taxonomy__name", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "slug"], name="unique_term_slug_per_taxonomy")]

    def __str__(self):
        return f"{self.name} ({self.taxonomy.name})" if self.taxonomy_id else self.name


# (slug, name, description, [(term slug, name, code)])
VOCABULARIES = [
    (
        "support",
        "Support types",
        "The kinds of support a service gives.",
        [
            ("advocacy", "Advocacy", ""),
            ("counselling", "Counselling and trauma support", ""),
            ("health", "Health and sexual health", ""),
            ("housing", "Housing and accommodation", ""),
            ("money", "Money and benefits", ""),
            ("legal", "Legal and justice", ""),
            ("exiting", "Exiting support", ""),
            ("outreach", "Outreach and drop-in", ""),
            ("trafficking", "Trafficking support", ""),
            ("substance-use", "Substance use", ""),
            ("peer-support", "Peer support", ""),
            ("children-families", "Children and families", ""),
        ],
    ),
    (
        "cse",
        "Forms of commercial sexual exploitation",
        "The forms of commercial sexual exploitation in Equally Safe.",
        [
            ("prostitution", "Prostitution", ""),
            ("lap-dancing", "Lap dancing", ""),
            ("stripping", "Stripping", ""),
            ("pornography", "Pornography", ""),
            ("trafficking", "Trafficking", ""),
        ],
    ),
    (
        "delivery",
        "Delivery modes",
        "How a service is delivered.",
        [
            ("in-person", "In person", ""),
            ("outreach", "Outreach", ""),
            ("phone", "Phone", ""),
            ("chat", "Text or web chat", ""),
            ("video", "Online video", ""),
        ],
    ),
    (
        "referral",
        "Referral routes",
        "Who can make a referral.",
        [
            ("self", "Self-referral", ""),
            ("professional", "Professional referral", ""),
        ],
    ),
    (
        "language",
        "Languages",
        "Languages in which support is given.",
        [
            ("english", "English", "en"),
            ("bsl", "British Sign Language", "bfi"),
            ("gaelic", "Scottish Gaelic", "gd"),
            ("polish", "Polish", "pl"),
            ("romanian", "Romanian", "ro"),
            ("arabic", "Arabic", "ar"),
            ("urdu", "Urdu", "ur"),
            ("punjabi", "Punjabi", "pa"),
            ("mandarin", "Mandarin Chinese", "zh"),
            ("vietnamese", "Vietnamese", "vi"),
            ("tigrinya", "Tigrinya", "ti"),
            ("albanian", "Albanian", "sq"),
            ("ukrainian", "Ukrainian", "uk"),
            ("portuguese", "Portuguese", "pt"),
            ("spanish", "Spanish", "es"),
        ],
    ),
    (
        "access",
        "Access features",
        "What makes a service easier to reach and use.",
        [
            ("step-free", "Step-free access", ""),
            ("accessible-toilet", "Accessible toilet", ""),
            ("hearing-loop", "Hearing loop", ""),
            ("interpreters", "Interpreters available", ""),
            ("women-only-space", "Women-only space", ""),
            ("childcare", "Childcare or crèche", ""),
            ("out-of-hours", "Evening or weekend appointments", ""),
            ("easy-read", "Large print and easy read", ""),
        ],
    ),
]
