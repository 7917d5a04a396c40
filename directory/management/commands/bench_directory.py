"""Benchmark the directory search in-process: latency percentiles and queries per request."""

import gc
import random

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from core.bench import Timings, write_passes
from core.privacy import page_restrictions
from directory.models import CouncilArea, DirectoryIndexPage, Postcode, ServicePage, TaxonomyTerm

KEYWORDS = ["housing", "counselling", "trafficking", "outreach", "helpline", "advocacy", "health", "money", "legal"]
KINDS = ["keyword", "area", "area + 2 filters", "postcode"]


class Command(BaseCommand):
    help = (
        "Benchmark /directory/ in-process: creates services up to --services (with generate_demo_volume) if "
        "fewer exist, and with --with-resources N library resources up to N in the same database (about a tenth "
        "members-only), runs --searches mixed searches as an anonymous visitor (keyword; area; area + two "
        "filters; postcode) and prints p50, p95 and maximum latency per kind and overall and the database queries "
        "per request. Fails (exit status 1) if any request answers 400 or more or raises. Run it on PostgreSQL for "
        "the figures that matter; it is not part of the test suite. Refused under production settings."
    )

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=10_000, help="Make sure at least this many services exist.")
        parser.add_argument(
            "--with-resources",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure the library holds at least N resources, each with a document (default 0).",
        )
        parser.add_argument("--searches", type=int, default=200, help="How many searches to run (default 200).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed for the searches and any new content.")

    def handle(self, *args, services, with_resources, searches, seed, **options):
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError("The benchmark adds synthetic services, so it is refused under production settings.")
        if searches < 1:
            raise CommandError("--searches must be at least 1.")
        directory = DirectoryIndexPage.objects.live().first()
        if directory is None:
            call_command("load_initial_data", stdout=self.stdout)
            directory = DirectoryIndexPage.objects.live().first()
        existing = ServicePage.objects.live().count()
        if existing < services:
            self.stdout.write(f"Creating {services - existing} services (there are {existing})...")
            call_command("generate_demo_volume", services=services - existing, seed=seed, stdout=self.stdout)
        if with_resources > 0:
            call_command("generate_demo_volume", resources=with_resources, seed=seed, stdout=self.stdout)
        total = ServicePage.objects.live().count()
        url = directory.url
        rng = random.Random(seed)  # noqa: S311 (benchmark input, not security)
        areas = list(CouncilArea.objects.order_by("gss_code").values_list("gss_code", flat=True))
        terms = list(
            TaxonomyTerm.objects.filter(taxonomy__slug__in=["support", "delivery", "cse"])
            .order_by("taxonomy__slug", "slug")
            .values_list("taxonomy__slug", "slug")
        )
        postcodes = list(Postcode.objects.order_by("postcode").values_list("postcode", flat=True)[:500]) or ["EH11YJ"]

        def make(kind):
            if kind == "keyword":
                return {"q": rng.choice(KEYWORDS)}
            if kind == "area":
                return {"area": rng.choice(areas)}
            if kind == "area + 2 filters":
                (f1, v1), (f2, v2) = rng.sample(terms, 2)
                return [("area", rng.choice(areas)), (f1, v1), (f2, v2)]
            return {"postcode": rng.choice(postcodes)}

        requests = [(KINDS[i % len(KINDS)], make(KINDS[i % len(KINDS)])) for i in range(searches)]
        client = Client()
        timings, again = Timings(KINDS), Timings(KINDS)
        # The page cache off: every request runs its search, as a keyword search or a first visit does.
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"], PAGE_CACHE_SECONDS=0):
            timings.warm_up(client, url)  # warm caches, as a running server would have them
            gc.collect()
            gc.freeze()  # as portal/wsgi.py does after start-up
            try:
                timings.run(client, url, requests, follow=True)
                again.run(client, url, requests, follow=True)
            finally:
                gc.unfreeze()

        self.stdout.write(
            f"Directory search benchmark: {total:,} live services, "
            f"{self.count_other_pages():,} other pages, {len(page_restrictions()):,} page view restrictions, "
            f"{searches} searches, database {connection.vendor}, search backend {self.backend_name()}, page cache off"
        )
        write_passes(self.stdout, timings, again)
        timings.raise_if_failed(self.stderr)
        again.raise_if_failed(self.stderr)

    def count_other_pages(self):
        from wagtail.models import Page

        return Page.objects.count() - ServicePage.objects.count()

    def backend_name(self):
        from wagtail.search.backends import get_search_backend

        return type(get_search_backend()).__name__
