"""Add many plausible synthetic services to the directory, for testing search and listings at volume."""

import datetime
import random
import time
from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.search.models import IndexEntry
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.bulk import add_live_children, child_slugs, refresh_statistics
from core.indexing import deferred_search_indexing
from directory.demo_data import ensure_section
from directory.models import (
    CouncilArea,
    DirectoryIndexPage,
    OrganisationDirectoryPage,
    PilotArea,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
    TaxonomyTerm,
)
from directory.models.services import review_due_from
from members.models import Organisation
from members.onboarding import onboard_organisation

PROGRESS_EVERY = 1000
ORGANISATION_PLACES = ["Firth", "Glen", "Strath", "Kyle", "Carse", "Brae", "Machair", "Loch", "Ben", "Burn"]
ORGANISATION_KINDS = ["Women's Support", "Women's Network", "Outreach Trust", "Women's Project"]

# (town, latitude, longitude) of a few towns in each council area, to two decimal places.
TOWNS = {
    "Aberdeen City": [("Aberdeen", 57.15, -2.09), ("Dyce", 57.20, -2.17)],
    "Aberdeenshire": [("Peterhead", 57.51, -1.79), ("Fraserburgh", 57.69, -2.00), ("Inverurie", 57.28, -2.38)],
    "Angus": [("Arbroath", 56.56, -2.58), ("Forfar", 56.64, -2.89), ("Montrose", 56.71, -2.47)],
    "Argyll and Bute": [("Oban", 56.41, -5.47), ("Dunoon", 55.95, -4.93), ("Rothesay", 55.84, -5.06)],
    "City of Edinburgh": [("Edinburgh", 55.95, -3.19), ("Leith", 55.97, -3.17), ("Portobello", 55.95, -3.11)],
    "Clackmannanshire": [("Alloa", 56.12, -3.79), ("Tillicoultry", 56.15, -3.74)],
    "Dumfries and Galloway": [("Dumfries", 55.07, -3.61), ("Stranraer", 54.90, -5.02), ("Annan", 54.99, -3.26)],
    "Dundee City": [("Dundee", 56.46, -2.97), ("Broughty Ferry", 56.47, -2.87)],
    "East Ayrshire": [("Kilmarnock", 55.61, -4.50), ("Cumnock", 55.45, -4.26), ("Stewarton", 55.68, -4.51)],
    "East Dunbartonshire": [("Kirkintilloch", 55.94, -4.15), ("Bearsden", 55.92, -4.33)],
    "East Lothian": [("Haddington", 55.96, -2.78), ("Musselburgh", 55.94, -3.05), ("Dunbar", 56.00, -2.52)],
    "East Renfrewshire": [("Barrhead", 55.80, -4.39), ("Newton Mearns", 55.77, -4.33)],
    "Falkirk": [("Falkirk", 56.00, -3.78), ("Grangemouth", 56.01, -3.72)],
    "Fife": [("Kirkcaldy", 56.11, -3.16), ("Dunfermline", 56.07, -3.46), ("Glenrothes", 56.20, -3.18)],
    "Glasgow City": [("Glasgow", 55.86, -4.25), ("Govan", 55.86, -4.31), ("Easterhouse", 55.86, -4.11)],
    "Highland": [("Inverness", 57.48, -4.22), ("Fort William", 56.82, -5.11), ("Portree", 57.41, -6.20)],
    "Inverclyde": [("Greenock", 55.95, -4.76), ("Port Glasgow", 55.93, -4.69)],
    "Midlothian": [("Dalkeith", 55.89, -3.07), ("Penicuik", 55.83, -3.22)],
    "Moray": [("Elgin", 57.65, -3.32), ("Forres", 57.61, -3.61), ("Buckie", 57.68, -2.96)],
    "Na h-Eileanan Siar": [("Stornoway", 58.21, -6.39), ("Balivanich", 57.47, -7.38)],
    "North Ayrshire": [("Irvine", 55.61, -4.67), ("Saltcoats", 55.64, -4.79), ("Brodick", 55.58, -5.15)],
    "North Lanarkshire": [("Motherwell", 55.79, -3.99), ("Airdrie", 55.87, -3.98), ("Cumbernauld", 55.95, -3.99)],
    "Orkney Islands": [("Kirkwall", 58.98, -2.96), ("Stromness", 58.96, -3.30)],
    "Perth and Kinross": [("Perth", 56.40, -3.43), ("Crieff", 56.37, -3.84), ("Pitlochry", 56.70, -3.73)],
    "Renfrewshire": [("Paisley", 55.85, -4.42), ("Renfrew", 55.87, -4.39), ("Johnstone", 55.83, -4.51)],
    "Scottish Borders": [("Galashiels", 55.62, -2.81), ("Hawick", 55.42, -2.79), ("Peebles", 55.65, -3.19)],
    "Shetland Islands": [("Lerwick", 60.15, -1.15), ("Brae", 60.40, -1.35)],
    "South Ayrshire": [("Ayr", 55.46, -4.63), ("Girvan", 55.24, -4.86), ("Troon", 55.54, -4.66)],
    "South Lanarkshire": [("Hamilton", 55.78, -4.05), ("East Kilbride", 55.76, -4.18), ("Lanark", 55.67, -3.78)],
    "Stirling": [("Stirling", 56.12, -3.94), ("Callander", 56.24, -4.21)],
    "West Dunbartonshire": [("Dumbarton", 55.94, -4.57), ("Clydebank", 55.90, -4.40)],
    "West Lothian": [("Livingston", 55.88, -3.52), ("Bathgate", 55.90, -3.64), ("Linlithgow", 55.98, -3.60)],
}

# Ways of naming a service after the main type of support it gives.
SUPPORT_PHRASES = {
    "advocacy": ["advocacy service", "women's advocacy project"],
    "counselling": ["counselling service", "trauma support service"],
    "health": ["women's health outreach", "sexual health outreach"],
    "housing": ["housing support", "women's accommodation service"],
    "money": ["money and benefits advice", "financial support service"],
    "legal": ["legal advocacy", "justice support service"],
    "exiting": ["moving on project", "exiting support service"],
    "outreach": ["women's drop-in", "outreach service"],
    "trafficking": ["trafficking support service", "anti-trafficking project"],
    "substance-use": ["recovery support for women", "substance use outreach"],
    "peer-support": ["peer support group", "women's peer network"],
    "children-families": ["family support service", "mothers' support project"],
}
STREETS = ["Rowanbank", "Heatherlea", "Thistle", "Kirkbrae", "Burnside", "Hawthorn", "Millbank", "Ashgrove"]
STREET_KINDS = ["Court", "Road", "Wynd", "Place", "Lane", "Gardens"]
OPENING_TIMES = [("09:00", "17:00"), ("10:00", "16:00"), ("09:30", "13:00"), ("13:00", "17:00"), ("18:00", "21:00")]


class Command(BaseCommand):
    help = (
        "Add synthetic but plausible services to the directory for volume testing: spread over a set of "
        "synthetic organisations (made if missing), council areas (pilot areas more often) and vocabulary "
        "terms, with locations (some town-only, some hidden) and opening hours. The same --seed gives the same "
        "services. Pages are live without revisions; the search index is updated once at the end. The "
        "directory must exist (run load_initial_data first). --resources N adds generated resources, each "
        "with a PDF, to the library. Refused under production settings."
    )

    def add_arguments(self, parser):
        content = parser.add_argument_group("what to generate")
        content.add_argument("--services", type=int, default=0, metavar="N", help="How many services to add.")
        content.add_argument(
            "--resources",
            type=int,
            default=0,
            metavar="N",
            help="Make sure there are at least N resources in the library, each with a generated PDF.",
        )
        options = parser.add_argument_group("how")
        options.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")
        options.add_argument(
            "--organisations",
            type=int,
            default=12,
            metavar="K",
            help="How many synthetic organisations to spread the services over (default 12).",
        )

    def handle(self, *args, **options):
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError("Synthetic demo data is refused under production settings.")
        if options["services"] < 0 or options["resources"] < 0 or options["organisations"] < 1:
            raise CommandError("--services and --resources must be 0 or more and --organisations at least 1.")
        if not options["services"] and not options["resources"]:
            raise CommandError("Nothing to do: give --services N and/or --resources N.")
        if options["resources"]:
            from resources.volume import generate_resources

            added = generate_resources(options["resources"], seed=options["seed"], stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS(f"Added {added:,} synthetic resources."))
        if not options["services"]:
            return
        directory = DirectoryIndexPage.objects.first()
        if directory is None:
            raise CommandError("There is no directory page yet: run 'python manage.py load_initial_data' first.")
        rng = random.Random(options["seed"])
        started = time.monotonic()
        with transaction.atomic():
            sections = self.ensure_organisations(directory, options["organisations"])
            count = self.generate_services(rng, sections, options["services"])
        self.stdout.write(
            self.style.SUCCESS(f"Added {count:,} synthetic services in {time.monotonic() - started:.1f}s.")
        )

    def ensure_organisations(self, directory, count):
        """The synthetic organisations and their directory sections, made if missing, in a stable order."""
        sections = []
        for number in range(count):
            place = ORGANISATION_PLACES[number % len(ORGANISATION_PLACES)]
            kind = ORGANISATION_KINDS[(number // len(ORGANISATION_PLACES)) % len(ORGANISATION_KINDS)]
            round_ = number // (len(ORGANISATION_PLACES) * len(ORGANISATION_KINDS))
            name = f"{place} {kind}" + (f" {round_ + 1}" if round_ else "")
            organisation, created = Organisation.objects.get_or_create(
                slug=f"volume-{slugify(name)}",
                defaults={
                    "name": f"{name} (synthetic)",
                    "summary": "A synthetic organisation made by generate_demo_volume for volume testing.",
                    "email": f"{slugify(name)}@example.org",
                },
            )
            section = ensure_section(directory, organisation)
            if created:
                onboard_organisation(organisation)
            sections.append(OrganisationDirectoryPage.objects.get(pk=section.pk))
        return sections

    def generate_services(self, rng, sections, count):
        """Make count services, saving pages one by one and their parts in bulk; index them once."""
        vocabulary = self.vocabulary()
        areas, weights = self.area_weights()
        plans = [self.plan_service(rng, sections, vocabulary, areas, weights) for _ in range(count)]
        started = time.monotonic()
        with disable_reference_index_auto_update(), deferred_search_indexing(ServicePage):
            self.create_pages(plans)
            self.create_parts(plans)
            created = time.monotonic()
            self.stdout.write(f"Created {count:,} pages in {created - started:.1f}s; updating the search index...")
        self.stdout.write(f"Indexed them in {time.monotonic() - created:.1f}s.")
        refresh_statistics(
            [
                Page,
                ServicePage,
                ServiceLocation,
                ServiceSchedule,
                ServicePage.terms.through,
                ServicePage.council_areas.through,
                IndexEntry,
            ]
        )
        return count

    def vocabulary(self):
        """{taxonomy slug: [terms]} in a stable order."""
        terms = defaultdict(list)
        for term in TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__slug", "sort_order", "slug"):
            terms[term.taxonomy.slug].append(term)
        return terms

    def area_weights(self):
        """Council areas that have towns listed, pilot areas three times as likely as the rest."""
        pilot = set(PilotArea.objects.values_list("council_areas", flat=True))
        areas = [area for area in CouncilArea.objects.order_by("gss_code") if area.name in TOWNS]
        if not areas:
            raise CommandError("No council areas found: run 'python manage.py migrate' first.")
        return areas, [3 if area.pk in pilot else 1 for area in areas]

    def plan_service(self, rng, sections, vocabulary, areas, weights):
        """Everything about one synthetic service, drawn from rng in a fixed order."""
        section = rng.choice(sections)
        area = rng.choices(areas, weights)[0]
        town, latitude, longitude = rng.choice(TOWNS[area.name])
        scotland_wide = rng.random() < 0.06
        main = rng.choice(vocabulary["support"])
        phrase = rng.choice(SUPPORT_PHRASES.get(main.slug, ["support service"]))
        title = f"National {phrase}" if scotland_wide else f"{town} {phrase}"

        def some(slug, low, high, always=()):
            pool = vocabulary.get(slug, [])
            chosen = rng.sample(pool, min(len(pool), rng.randint(low, high)))
            return list(dict.fromkeys([*always, *chosen]))

        english = [t for t in vocabulary.get("language", []) if t.slug == "english"]
        terms = (
            some("support", 0, 2, always=[main])
            + some("cse", 1, 3)
            + some("delivery", 1, 2)
            + some("referral", 1, 2)
            + some("language", 0, 2, always=english)
            + some("access", 0, 3)
        )
        covered = [area] + ([] if scotland_wide else rng.sample(areas, rng.randint(0, 2)))
        locations = []
        for position in range(0 if scotland_wide and rng.random() < 0.5 else rng.randint(0, 2)):
            visibility = rng.choices(["public", "town", "hidden"], [6, 3, 2])[0]
            locations.append(
                {
                    "sort_order": position,
                    "visibility": visibility,
                    "name": f"{town} office" if visibility == "public" else "",
                    "address_1": f"{rng.randint(1, 120)} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}",
                    "town": town,
                    "latitude": round(latitude + rng.uniform(-0.02, 0.02), 5),
                    "longitude": round(longitude + rng.uniform(-0.02, 0.02), 5),
                    "council_area": area,
                }
            )
        days = sorted(rng.sample(range(1, 8), rng.randint(1, 5)))
        opens, closes = rng.choice(OPENING_TIMES)
        return {
            "section": section,
            "title": title,
            "summary": f"{phrase.capitalize()} for women affected by commercial sexual exploitation"
            + (" anywhere in Scotland." if scotland_wide else f" in and around {town}."),
            "scotland_wide": scotland_wide,
            "women_only": rng.random() < 0.8,
            "minimum_age": rng.choice([16, 16, 18, None]),
            "phone": f"01632 960{rng.randint(0, 999):03d}",
            "text_number": f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.4 else "",
            "last_checked": timezone.localdate() - datetime.timedelta(days=rng.randint(0, 400)),
            "terms": terms,
            "areas": list(dict.fromkeys(covered)),
            "locations": locations,
            "schedules": [(day, opens, closes) for day in days],
        }

    def create_pages(self, plans):
        """Save each page in its organisation's section, placing it in the tree as treebeard would."""
        by_section = defaultdict(list)
        for plan in plans:
            by_section[plan["section"].pk].append(plan)
        done = 0

        def progress(count):
            if (done + count) % PROGRESS_EVERY == 0:
                self.stdout.write(f"  {done + count:,} pages")

        for section_plans in by_section.values():
            section = section_plans[0]["section"]
            slugs = Slugs(child_slugs(section))
            for plan in section_plans:
                plan["page"] = ServicePage(
                    title=plan["title"],
                    slug=slugs.new(slugify(plan["title"])),
                    summary=plan["summary"],
                    organisation_id=section.organisation_id,
                    scotland_wide=plan["scotland_wide"],
                    women_only=plan["women_only"],
                    minimum_age=plan["minimum_age"],
                    phone=plan["phone"],
                    text_number=plan["text_number"],
                    email="info@example.org",
                    how_to_refer="Call or text, or ask a professional to refer you.",
                    last_checked=plan["last_checked"],
                    review_due=review_due_from(plan["last_checked"]),
                )
            add_live_children(section, [plan["page"] for plan in section_plans], progress)
            done += len(section_plans)

    def create_parts(self, plans):
        """Locations, opening hours, terms and council areas of every new page, in bulk."""
        locations, schedules, terms, areas = [], [], [], []
        term_link = ServicePage.terms.through
        area_link = ServicePage.council_areas.through
        for plan in plans:
            page = plan["page"]
            locations += [ServiceLocation(service=page, **fields) for fields in plan["locations"]]
            schedules += [
                ServiceSchedule(
                    service=page,
                    sort_order=position,
                    weekday=day,
                    opens_at=datetime.time.fromisoformat(opens),
                    closes_at=datetime.time.fromisoformat(closes),
                )
                for position, (day, opens, closes) in enumerate(plan["schedules"])
            ]
            terms += [term_link(servicepage_id=page.pk, taxonomyterm_id=term.pk) for term in plan["terms"]]
            areas += [area_link(servicepage_id=page.pk, councilarea_id=area.pk) for area in plan["areas"]]
        ServiceLocation.objects.bulk_create(locations, batch_size=1000)
        ServiceSchedule.objects.bulk_create(schedules, batch_size=1000)
        term_link.objects.bulk_create(terms, batch_size=1000)
        area_link.objects.bulk_create(areas, batch_size=1000)


class Slugs:
    """The slugs taken under one parent page, handing out free ones: base, base-2, base-3..."""

    def __init__(self, taken):
        self.taken = set(taken)
        self.next_number = defaultdict(lambda: 2)

    def new(self, base):
        base = base[:230] or "service"
        slug = base
        while slug in self.taken:
            slug = f"{base}-{self.next_number[base]}"
            self.next_number[base] += 1
        self.taken.add(slug)
        return slug
