"""Postcode to council area. What a visitor types is used for the lookup and never stored or logged."""

import re
from dataclasses import dataclass

from .models.geography import DISTRICT_RE, POSTCODE_RE, CouncilArea, Postcode, format_postcode

# Postcode areas with addresses in Scotland (TD and DG also reach a little into England).
SCOTTISH_AREAS = {"AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "TD", "ZE"}
CHOOSE = "Check it, or choose a council area."


@dataclass(frozen=True)
class PostcodeLookup:
    """The outcome of looking up what a visitor typed: a council area, or a message saying why not."""

    council_area: CouncilArea | None
    message: str = ""


def compact(text):
    """Letters and digits only, upper case: ' eh1-1aa.' -> 'EH11AA'."""
    return re.sub(r"[^A-Za-z0-9]", "", text or "")[:12].upper()


def postcode_area(outward):
    """The letters that start a postcode: 'EH1' -> 'EH', 'G12' -> 'G'."""
    return re.match(r"[A-Z]*", outward).group(0)


def lookup_postcode(text):
    """Find the council area of a full postcode ('EH1 1AA') or of a district ('EH1') lying in one council."""
    typed = compact(text)
    if not typed:
        return PostcodeLookup(None, "Enter a postcode, for example EH1 1AA.")
    full = POSTCODE_RE.match(typed)
    district = full.group(1) if full else typed if DISTRICT_RE.match(typed) else ""
    if not district:
        return PostcodeLookup(
            None, "That does not look like a postcode. Enter one like EH1 1AA, or choose a council area."
        )
    shown = format_postcode(typed) if full else district
    if postcode_area(district) not in SCOTTISH_AREAS:
        return PostcodeLookup(
            None,
            f"We could not find {shown} in Scotland: it looks like a postcode elsewhere in the UK. Many services "
            "here help by phone or online: choose a council area, or search all of Scotland.",
        )
    if full:
        match = Postcode.objects.select_related("council_area").filter(postcode=typed).first()
        if match:
            return PostcodeLookup(match.council_area)
    areas = district_council_areas(district)
    if len(areas) == 1:
        if full:
            return PostcodeLookup(
                areas[0], f"We could not find {shown}, so we used {district}, which is in {areas[0].name}."
            )
        return PostcodeLookup(areas[0])
    if len(areas) > 1:
        if full:
            return PostcodeLookup(
                None, f"We could not find {shown}, and {district} covers more than one council area. {CHOOSE}"
            )
        return PostcodeLookup(
            None, f"{district} covers more than one council area. Enter your full postcode, or choose a council area."
        )
    return PostcodeLookup(None, f"We could not find {shown} in Scotland. {CHOOSE}")


def district_council_areas(district):
    """The council areas a postcode district reaches into; at most two, which is enough to tell."""
    return list(CouncilArea.objects.filter(postcodes__district=district).distinct()[:2])


def council_area_for_postcode(text):
    """The council area of a postcode or district, or None."""
    return lookup_postcode(text).council_area
