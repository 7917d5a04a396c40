"""A small directory: two organisations, services across areas, and a hidden refuge address."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from directory.models import (
    CouncilArea,
    DirectoryIndexPage,
    OrganisationDirectoryPage,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
    TaxonomyTerm,
)
from members.models import Organisation

HIDDEN_STREET = "17 Quillfeather Lane"
HIDDEN_POSTCODE = "EH9 9ZZ"
TOWN_ONLY_STREET = "4 Marrowbone Court"


def term(taxonomy, slug):
    return TaxonomyTerm.objects.get(taxonomy__slug=taxonomy, slug=slug)


def area(name):
    return CouncilArea.objects.get(name=name)


def add_service(org_page, title, *, terms=(), areas=(), locations=(), **fields):
    """Create and publish a service with its terms, areas, locations and opening hours."""
    fields.setdefault("summary", f"{title} summary")
    service = ServicePage(title=title, **fields)
    for location in locations:
        service.locations.add(ServiceLocation(**location))
    service.schedules.add(ServiceSchedule(weekday=1, opens_at=datetime.time(9), closes_at=datetime.time(17)))
    org_page.add_child(instance=service)
    service.terms.set([term(*t) for t in terms])
    service.council_areas.set([area(name) for name in areas])
    service.save_revision().publish()
    return ServicePage.objects.get(pk=service.pk)


@pytest.fixture
def directory(home_page):
    """/directory/ with two organisations and four services."""
    return build_directory(home_page)


def build_directory(home_page):
    """Build /directory/ with two organisations and four services under the home page."""
    index = home_page.add_child(instance=DirectoryIndexPage(title="Find support", slug="directory"))
    haven = Organisation.objects.create(name="Haven Women's Network", slug="haven")
    north = Organisation.objects.create(name="Northern Lights Outreach", slug="northern-lights")
    haven_page = index.add_child(instance=OrganisationDirectoryPage(title=haven.name, slug="haven", organisation=haven))
    north_page = index.add_child(
        instance=OrganisationDirectoryPage(title=north.name, slug="northern-lights", organisation=north)
    )
    services = {
        "refuge": add_service(
            haven_page,
            "Haven safe accommodation",
            phone="0131 496 0001",
            women_only=True,
            terms=[
                ("support", "housing"),
                ("cse", "prostitution"),
                ("delivery", "in-person"),
                ("referral", "professional"),
            ],
            areas=["City of Edinburgh"],
            locations=[
                {"town": "Edinburgh", "address_1": HIDDEN_STREET, "postcode": HIDDEN_POSTCODE, "visibility": "hidden"}
            ],
        ),
        "dropin": add_service(
            haven_page,
            "Haven drop-in",
            phone="0131 496 0002",
            terms=[
                ("support", "outreach"),
                ("support", "health"),
                ("delivery", "in-person"),
                ("referral", "self"),
                ("language", "bsl"),
            ],
            areas=["City of Edinburgh", "Scottish Borders"],
            locations=[
                {"town": "Galashiels", "address_1": TOWN_ONLY_STREET, "postcode": "TD1 1AA", "visibility": "town"}
            ],
        ),
        "helpline": add_service(
            north_page,
            "Northern Lights helpline",
            phone="0808 157 0003",
            scotland_wide=True,
            terms=[("support", "counselling"), ("delivery", "phone"), ("referral", "self")],
        ),
        "highland": add_service(
            north_page,
            "Highland outreach",
            text_number="07700 900003",
            terms=[("support", "outreach"), ("cse", "trafficking"), ("delivery", "outreach"), ("referral", "self")],
            areas=["Highland", "Na h-Eileanan Siar"],
            last_checked=datetime.date.today() - relativedelta(months=8),
        ),
    }
    return {"index": index, "organisations": {"haven": haven_page, "north": north_page}, "services": services}
