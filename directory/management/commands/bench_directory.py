"""Benchmark the directory search in-process: latency percentiles and queries per request."""

import random
import statistics
import time

from django.core.management import BaseCommand, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from directory.models import CouncilArea, DirectoryIndexPage, Postcode, ServicePage, TaxonomyTerm

KEYWORDS = ["housing", "counselling", "trafficking", "outreach", "helpline", "advocacy", "health", "money", "legal"]
KINDS = ["keyword", "area", "area + 2 filters", "postcode"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = (
        "Benchmark /directory/ in-process: creates services up to --services (with generate_demo_volume) if "
        "fewer exist, runs --searches mixed searches (keyword; area; area + two filters; postcode) and prints "
        "p50 and p95 latency per kind and the database queries per request. Run it on PostgreSQL for the "
        "figures that matter; it is not part of the test suite."
    )

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=10_000, help="Make sure at least this many services exist.")
        parser.add_argument("--searches", type=int, default=200, help="How many searches to run (default 200).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed for the searches and any new services.")

    def handle(self, *args, services, searches, seed, **options):
        directory = DirectoryIndexPage.objects.live().first()
        if directory is None:
            call_command("load_initial_data", stdout=self.stdout)
            directory = DirectoryIndexPage.objects.live().first()
        existing = ServicePage.objects.live().count()
        if existing < services:
            self.stdout.write(f"Creating {services - existing} services (there are {existing})...")
            call_command("generate_demo_volume", services=services - existing, seed=seed, stdout=self.stdout)
        total = ServicePage.objects.live().count()
        url = directory.url
        rng = random.Random(seed)
        areas = list(CouncilArea.objects.values_list("gss_code", flat=True))
        terms = list(
            TaxonomyTerm.objects.filter(taxonomy__slug__in=["support", "delivery", "cse"]).values_list(
                "taxonomy__slug", "slug"
            )
        )
        postcodes = list(Postcode.objects.values_list("postcode", flat=True)[:500]) or ["EH11YJ"]

        def make(kind):
            if kind == "keyword":
                return {"q": rng.choice(KEYWORDS)}
            if kind == "area":
                return {"area": rng.choice(areas)}
            if kind == "area + 2 filters":
                (f1, v1), (f2, v2) = rng.sample(terms, 2)
                return [("area", rng.choice(areas)), (f1, v1), (f2, v2)]
            return {"postcode": rng.choice(postcodes)}

        client = Client(HTTP_HOST="localhost")
        client.get(url)  # warm caches, as a running server would have them
        timings = {kind: [] for kind in KINDS}
        queries = {kind: [] for kind in KINDS}
        for i in range(searches):
            kind = KINDS[i % len(KINDS)]
            params = make(kind)
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url, params, follow=True)
                elapsed = (time.perf_counter() - start) * 1000
            if response.status_code != 200:
                self.stderr.write(f"{kind} {params} answered {response.status_code}")
            timings[kind].append(elapsed)
            queries[kind].append(len(captured))

        self.stdout.write(
            f"Directory search benchmark: {total} live services, {searches} searches, "
            f"database {connection.vendor}, search backend {self.backend_name()}"
        )
        self.stdout.write(f"{'kind':<18} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
        everything = []
        for kind in KINDS:
            values = timings[kind]
            if not values:
                continue
            everything += values
            self.stdout.write(
                f"{kind:<18} {len(values):>4} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f} "
                f"{max(values):>8.1f} {statistics.mean(queries[kind]):>8.1f}"
            )
        self.stdout.write(
            f"{'all':<18} {len(everything):>4} {percentile(everything, 0.5):>8.1f} "
            f"{percentile(everything, 0.95):>8.1f} {max(everything):>8.1f}"
        )

    def backend_name(self):
        from wagtail.search.backends import get_search_backend

        return type(get_search_backend()).__name__
