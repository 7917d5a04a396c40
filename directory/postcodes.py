"""Postcode to council area. What a visitor types is used for the lookup and never stored or logged."""

from dataclasses import dataclass

from .models.geography import DISTRICT_RE, POSTCODE_RE, CouncilArea, Postcode, format_postcode, normalise_postcode


@dataclass(frozen=True)
class PostcodeLookup:
    """The outcome of looking up what a visitor typed: a council area, or a message saying why not."""

    council_area: CouncilArea | None
    message: str = ""


def lookup_postcode(text):
    """Find the council area of a full postcode ('EH1 1AA') or of a district ('EH1') lying in one council."""
    compact = normalise_postcode(text)[:10]
    if not compact:
        return PostcodeLookup(None, "Enter a postcode, for example EH1 1AA.")
    if POSTCODE_RE.match(compact):
        match = Postcode.objects.select_related("council_area").filter(postcode=compact).first()
        if match:
            return PostcodeLookup(match.council_area)
        return PostcodeLookup(
            None,
            f"We could not find {format_postcode(compact)} in Scotland. Check the postcode, or choose a council area.",
        )
    if DISTRICT_RE.match(compact):
        area_ids = list(Postcode.objects.filter(district=compact).values_list("council_area", flat=True).distinct()[:2])
        if len(area_ids) == 1:
            return PostcodeLookup(CouncilArea.objects.get(pk=area_ids[0]))
        if len(area_ids) > 1:
            return PostcodeLookup(
                None,
                f"{compact} covers more than one council area. Enter your full postcode, or choose a council area.",
            )
        return PostcodeLookup(None, f"We could not find {compact} in Scotland. Check it, or choose a council area.")
    return PostcodeLookup(None, "That does not look like a postcode. Enter one like EH1 1AA, or choose a council area.")


def council_area_for_postcode(text):
    """The council area of a postcode or district, or None."""
    return lookup_postcode(text).council_area
