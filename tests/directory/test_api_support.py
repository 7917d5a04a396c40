"""A directory for the Open Referral API tests: helpers only, used by the other test_api modules.

It plants a refuge address (hidden) and a town-only drop-in whose street, inward postcode, name
and precise coordinates must never appear in any response.
"""

import datetime

from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from directory.models import (
    CouncilArea,
    DirectoryIndexPage,
    OrganisationDirectoryPage,
    Postcode,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
    TaxonomyTerm,
)
from members.models import Organisation

HIDDEN = {
    "name": "Thistlebrae Refuge",
    "address_1": "9 Zephyrine Close",
    "town": "Craigentinny",
    "postcode": "EH9 9QW",
    "latitude": "55.93751",
    "longitude": "-3.17773",
    "visibility": "hidden",
}
TOWN_ONLY = {
    "name": "Brackenholm drop-in",
    "address_1": "14 Brackenholm Terrace",
    "address_2": "Quernhaugh Lane",
    "town": "Glasgow",
    "postcode": "G41 7XJ",
    "latitude": "55.84567",
    "longitude": "-4.27891",
    "visibility": "town",
}
PUBLIC = {
    "name": "Paisley office",
    "address_1": "12 Causeyside Street",
    "town": "Paisley",
    "postcode": "PA1 1TJ",
    "latitude": "55.84321",
    "longitude": "-4.42345",
    "visibility": "public",
}
# Text that must appear in no response: the hidden location entirely, the town-only one's street, name,
# inward postcode and precise coordinates.
SECRETS = [
    "Thistlebrae",
    "Zephyrine",
    "Craigentinny",
    "EH9 9QW",
    "EH99QW",
    "9QW",
    "55.9375",
    "-3.1777",
    "Brackenholm",
    "Quernhaugh",
    "G41 7XJ",
    "G417XJ",
    "7XJ",
    "55.8456",
    "55.84567",
    "-4.2789",
]


def term(taxonomy, slug):
    return TaxonomyTerm.objects.select_related("taxonomy").get(taxonomy__slug=taxonomy, slug=slug)


def area(name):
    return CouncilArea.objects.get(name=name)


def add_service(parent, title, *, terms=(), areas=(), locations=(), schedules=(), publish=True, **fields):
    """A service under an organisation's page with its locations, opening times, terms and areas; published."""
    fields.setdefault("summary", f"About {title}.")
    service = ServicePage(title=title, **fields)
    for order, location in enumerate(locations):
        service.locations.add(ServiceLocation(sort_order=order, **location))
    for weekday, opens, closes in schedules:
        service.schedules.add(
            ServiceSchedule(weekday=weekday, opens_at=datetime.time(*opens), closes_at=datetime.time(*closes))
        )
    parent.add_child(instance=service)
    service.terms.set([term(*t) for t in terms])
    service.council_areas.set([area(name) for name in areas])
    revision = service.save_revision()
    if publish:
        revision.publish()
    return ServicePage.objects.get(pk=service.pk)


def add_postcodes():
    """Postcode look-ups for the planted addresses and a few others."""
    for code, district, name in [
        ("EH99QW", "EH9", "City of Edinburgh"),
        ("EH11AA", "EH1", "City of Edinburgh"),
        ("G417XJ", "G41", "Glasgow City"),
        ("PA11TJ", "PA1", "Renfrewshire"),
        ("G21AA", "G2", "Glasgow City"),
    ]:
        Postcode.objects.get_or_create(postcode=code, defaults={"district": district, "council_area": area(name)})


def build_directory(home_page):
    """/directory/ with two organisations, four live public services, a draft and a private one."""
    add_postcodes()
    index = home_page.add_child(instance=DirectoryIndexPage(title="Find support", slug="directory"))
    haven = Organisation.objects.create(
        name="Heatherbell Women's Trust",
        slug="heatherbell",
        summary="Support for women across the west of Scotland.",
        website="https://heatherbell.example.org/",
        email="hello@heatherbell.example.org",
        charity_number="SC012345",
    )
    north = Organisation.objects.create(name="Northern Lights Outreach", slug="northern-lights")
    haven_page = index.add_child(
        instance=OrganisationDirectoryPage(title=haven.name, slug="heatherbell", organisation=haven)
    )
    north_page = index.add_child(
        instance=OrganisationDirectoryPage(title=north.name, slug="northern-lights", organisation=north)
    )
    services = {
        "refuge": add_service(
            haven_page,
            "Heatherbell safe housing",
            description="<p>Safe accommodation &amp; support for women leaving exploitation.</p>",
            phone="0141 496 0001",
            text_number="07700 900001",
            email="housing@heatherbell.example.org",
            eligibility="Women aged 18 and over.",
            minimum_age=18,
            maximum_age=65,
            women_only=True,
            hours_notes="Closed on public holidays.",
            terms=[("support", "housing"), ("cse", "prostitution"), ("language", "polish"), ("access", "step-free")],
            areas=["Glasgow City", "Renfrewshire"],
            locations=[HIDDEN, TOWN_ONLY, PUBLIC],
            schedules=[(1, (9, 0), (17, 0)), (3, (10, 0), (14, 30))],
        ),
        "dropin": add_service(
            haven_page,
            "Heatherbell evening drop-in",
            phone="0131 496 0002",
            minimum_age=16,
            maximum_age=25,
            terms=[("support", "outreach"), ("delivery", "in-person")],
            areas=["City of Edinburgh"],
            locations=[
                {
                    "name": "Leith hub",
                    "address_1": "3 Constitution Street",
                    "town": "Edinburgh",
                    "postcode": "EH1 1AA",
                    "visibility": "public",
                    "council_area": area("City of Edinburgh"),
                }
            ],
            schedules=[(2, (18, 0), (21, 0))],
        ),
        "helpline": add_service(
            north_page,
            "Northern Lights helpline",
            phone="0808 157 0003",
            scotland_wide=True,
            terms=[("support", "counselling"), ("delivery", "phone")],
            schedules=[(5, (8, 0), (20, 0))],
        ),
        "online": add_service(
            north_page,
            "Northern Lights online chat",
            website="https://chat.northern-lights.example.org/",
            terms=[("delivery", "chat"), ("language", "english")],
            areas=["Highland"],
        ),
    }
    draft = add_service(
        haven_page, "Unpublished outreach plan", terms=[("support", "outreach")], publish=False, live=False
    )
    private = add_service(north_page, "Members-only referral notes", terms=[("support", "outreach")])
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="Hub members")[0])
    return {
        "index": index,
        "organisations": {"haven": haven, "north": north},
        "pages": {"haven": haven_page, "north": north_page},
        "services": services,
        "draft": draft,
        "private": private,
    }


def add_many_services(parent, count, word):
    """Services with a location, an opening time, two terms and an area each, for query counts."""
    for i in range(count):
        add_service(
            parent,
            f"{word} service {i}",
            phone="0141 496 0100",
            terms=[("support", "advocacy"), ("language", "english")],
            areas=["Glasgow City"],
            locations=[
                {
                    "name": f"{word} {i}",
                    "address_1": f"{i} High Street",
                    "town": "Glasgow",
                    "postcode": "G2 1AA",
                    "visibility": "public",
                }
            ],
            schedules=[(1, (9, 0), (17, 0))],
        )
