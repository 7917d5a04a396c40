"""Scotland's council areas, health boards and pilot areas, and the postcodes that fall in them."""

import re

from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel

GSS_COUNCIL = RegexValidator(r"^S12\d{6}$", "A council area's GSS code is S12 followed by six digits.")
GSS_HEALTH_BOARD = RegexValidator(r"^S08\d{6}$", "A health board's GSS code is S08 followed by six digits.")


class HealthBoard(models.Model):
    """One of Scotland's 14 territorial NHS health boards."""

    choosable_by_all_editors = True  # public reference data: any admin user may choose it (core.middleware)

    name = models.CharField(max_length=100, unique=True)
    gss_code = models.CharField("GSS code", max_length=9, unique=True, validators=[GSS_HEALTH_BOARD])

    panels = [FieldPanel("name"), FieldPanel("gss_code")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CouncilArea(models.Model):
    """One of Scotland's 32 council areas, identified by its GSS code (S12000xxx)."""

    choosable_by_all_editors = True  # public reference data: any admin user may choose it (core.middleware)

    name = models.CharField(max_length=100, unique=True)
    gss_code = models.CharField("GSS code", max_length=9, unique=True, validators=[GSS_COUNCIL])
    health_board = models.ForeignKey(HealthBoard, on_delete=models.PROTECT, related_name="council_areas")
    is_rural = models.BooleanField("mainly rural", default=False)
    has_islands = models.BooleanField("has island communities", default=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("gss_code"),
        FieldPanel("health_board"),
        FieldPanel("is_rural"),
        FieldPanel("has_islands"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PilotArea(models.Model):
    """A pilot area of the support pathway: a group of council areas that started together."""

    choosable_by_all_editors = True  # public reference data: any admin user may choose it (core.middleware)

    name = models.CharField(max_length=120, unique=True)
    number = models.PositiveSmallIntegerField(unique=True, help_text="The pilot's number in the strategy (1, 2, 3).")
    phase = models.CharField(max_length=60, default="Pilot", help_text="For example 'Pilot' or 'National roll-out'.")
    start_date = models.DateField(null=True, blank=True)
    council_areas = models.ManyToManyField(CouncilArea, related_name="pilot_areas")

    panels = [
        FieldPanel("name"),
        FieldPanel("number"),
        FieldPanel("phase"),
        FieldPanel("start_date"),
        FieldPanel("council_areas"),
    ]

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.name


POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
DISTRICT_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def normalise_postcode(text):
    """Upper-case, no spaces: 'eh1 1aa ' -> 'EH11AA'."""
    return re.sub(r"\s+", "", text or "").upper()


def format_postcode(compact):
    """'EH11AA' -> 'EH1 1AA' (the inward code is always the last three characters)."""
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def postcode_district(postcode):
    """The outward code of a postcode: 'EH1 1AA' -> 'EH1'."""
    compact = normalise_postcode(postcode)
    match = POSTCODE_RE.match(compact)
    return match.group(1) if match else ""


class Postcode(models.Model):
    """A Scottish postcode and the council area it lies in, loaded by import_postcodes."""

    postcode = models.CharField(max_length=8, unique=True, help_text="Upper case without spaces, e.g. EH11AA.")
    district = models.CharField(max_length=4, db_index=True, help_text="The outward code, e.g. EH1.")
    council_area = models.ForeignKey(CouncilArea, on_delete=models.CASCADE, related_name="postcodes")

    class Meta:
        ordering = ["postcode"]

    def __str__(self):
        return format_postcode(self.postcode)
