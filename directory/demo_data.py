"""The directory's demo content, read from the files in ``directory/demo/``: the directory page, the member
organisations and their sections, their services across the pilot areas, and a few real postcodes.

What the files hold is described in each file's "about". Only what depends on the day the demo is loaded
(when a listing was last checked) and the links between rows are worked out here.
"""

import datetime
import importlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps as django_apps
from django.db.models import Q
from django.utils import timezone

from core.indexing import deferred_search_indexing
from core.pages import site_home
from directory.models import (
    RESERVED_SLUGS,
    CouncilArea,
    DirectoryIndexPage,
    OrganisationDirectoryPage,
    Postcode,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
    TaxonomyTerm,
)
from directory.models.geography import normalise_postcode
from directory.signals import ensure_directory_setup
from members.models import Organisation
from members.onboarding import onboard_organisation, section_slug

DEMO = Path(__file__).with_name("demo")
DAYS = {"Mon": 1, "Tue": 2, "Wed": 3, "Thu": 4, "Fri": 5, "Sat": 6, "Sun": 7}
# The text fields of a service, as in the file (absent means empty).
SERVICE_TEXT = [
    "title",
    "summary",
    "description",
    "eligibility",
    "how_to_refer",
    "phone",
    "text_number",
    "email",
    "hours_notes",
]


def read(name):
    return json.loads((DEMO / name).read_text(encoding="utf-8"))


@dataclass
class DemoSummary:
    """What load_directory_demo created this time."""

    directory_created: bool = False
    organisations: int = 0
    sections: int = 0
    services: int = 0
    postcodes: int = 0


def parse_hours(spans):
    """['Mon-Fri 09:30-17:00', 'Sat,Sun 12:00-16:00'] -> [(weekday, opens, closes)]."""
    slots = []
    for span in spans:
        days, times = span.split()
        opens, closes = (datetime.time.fromisoformat(t) for t in times.split("-"))
        for chunk in days.split(","):
            first, _, last = chunk.partition("-")
            slots.extend((day, opens, closes) for day in range(DAYS[first], DAYS[last or first] + 1))
    return slots


def write(stdout, message):
    stdout.write(f"{message}\n")


def ensure_reference_data():
    """Council areas, pilot areas and vocabularies, as migrated; they are gone only after a database flush."""
    if not (CouncilArea.objects.exists() and TaxonomyTerm.objects.exists()):
        importlib.import_module("directory.migrations.0002_reference_data").load(django_apps, None)


def load_directory_demo(stdout):
    """Build the demo directory; safe to run again, as it creates only what is missing."""
    summary = DemoSummary()
    ensure_reference_data()
    directory = ensure_directory(stdout, summary, read("services.json")["directory"])
    if summary.directory_created:
        ensure_directory_setup(directory)
    sections = {}
    for spec in read("organisations.json")["organisations"]:
        organisation, created = ensure_organisation(spec, stdout, summary)
        sections[spec["slug"]] = ensure_section(directory, organisation, summary)
        if created:
            onboard_organisation(organisation)
    terms = {(t.taxonomy.slug, t.slug): t for t in TaxonomyTerm.objects.select_related("taxonomy")}
    councils = {c.gss_code: c for c in CouncilArea.objects.all()}
    existing = set(ServicePage.objects.values_list("organisation__slug", "slug"))
    with deferred_search_indexing(ServicePage):
        for spec in read("services.json")["services"]:
            if (spec["organisation"], spec["slug"]) not in existing:
                add_service(sections[spec["organisation"]], spec, terms, councils)
                summary.services += 1
    if summary.services:
        write(stdout, f"Created {summary.services} demo services in the directory.")
    ensure_demo_postcodes(stdout, summary)
    return summary


def ensure_directory(stdout, summary, fields):
    """The directory page at /directory/ under the home page (there is only ever one)."""
    directory = DirectoryIndexPage.objects.first()
    if directory:
        return directory
    home = site_home()
    if home is None:
        raise ValueError("The home page must exist before the directory: run load_initial_data.")
    directory = home.add_child(instance=DirectoryIndexPage(**fields))
    directory.save_revision().publish()
    summary.directory_created = True
    write(stdout, f"Created the directory at {directory.url_path}")
    return DirectoryIndexPage.objects.get(pk=directory.pk)


def ensure_organisation(spec, stdout, summary):
    """The organisation with this slug or name, created if there is neither; (organisation, created)."""
    organisation = Organisation.objects.filter(Q(slug=spec["slug"]) | Q(name=spec["name"])).order_by("-slug").first()
    if organisation:
        return organisation, False
    organisation = Organisation.objects.create(
        **{**spec, "member_since": datetime.date.fromisoformat(spec["member_since"])}
    )
    summary.organisations += 1
    write(stdout, f"Created the organisation {organisation.name}")
    return organisation, True


def ensure_section(directory, organisation, summary=None):
    """The organisation's page in the directory; onboarding then gives its editors their rights there."""
    section = OrganisationDirectoryPage.objects.filter(organisation=organisation).first()
    if section is None:
        section = directory.add_child(
            instance=OrganisationDirectoryPage(
                title=organisation.name,
                slug=section_slug(directory, organisation, RESERVED_SLUGS),
                organisation=organisation,
                summary=organisation.summary,
            )
        )
        section.save_revision().publish()
        if summary:
            summary.sections += 1
    return section


def add_service(section, spec, terms, councils):
    """Create the service with its locations and opening hours, and publish it."""
    website = section.organisation.website
    page = ServicePage(
        slug=spec["slug"],
        women_only=spec["women_only"],
        minimum_age=spec["minimum_age"],
        scotland_wide=spec.get("scotland_wide", False),
        website=f"{website}/{spec['slug']}" if website else "",
        last_checked=timezone.localdate() - datetime.timedelta(days=spec["checked_days_ago"]),
        **{name: spec.get(name, "") for name in SERVICE_TEXT},
    )
    for location in spec.get("locations", []):
        fields = {key: value for key, value in location.items() if key != "council_area"}
        page.locations.add(ServiceLocation(council_area=councils[location["council_area"]], **fields))
    for weekday, opens, closes in parse_hours(spec.get("hours", [])):
        page.schedules.add(ServiceSchedule(weekday=weekday, opens_at=opens, closes_at=closes))
    section.add_child(instance=page)
    page.terms.set([terms[(taxonomy, slug)] for taxonomy, slugs in spec["terms"].items() for slug in slugs])
    page.council_areas.set([councils[code] for code in spec.get("council_areas", [])])
    page.save_revision().publish()
    return page


def ensure_demo_postcodes(stdout, summary):
    """A few real postcodes per pilot-area council, unless they are there already (from an import)."""
    councils = dict(CouncilArea.objects.values_list("gss_code", "pk"))
    postcodes = read("postcodes.json")["postcodes"]
    existing = set(
        Postcode.objects.filter(postcode__in=[normalise_postcode(p["postcode"]) for p in postcodes]).values_list(
            "postcode", flat=True
        )
    )
    missing = [
        Postcode(
            postcode=normalise_postcode(p["postcode"]),
            district=p["postcode"].split()[0],
            council_area_id=councils[p["council_area"]],
        )
        for p in postcodes
        if normalise_postcode(p["postcode"]) not in existing and p["council_area"] in councils
    ]
    Postcode.objects.bulk_create(missing)
    summary.postcodes = len(missing)
    if missing:
        write(stdout, f"Added {len(missing)} demo postcodes (run import_postcodes for the full set).")
