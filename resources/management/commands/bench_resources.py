"""Benchmark the library: search latency per kind of search and queries per request at volume, and text extraction."""

import gc
import io
import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from core.bench import Timings, write_passes
from core.extraction import extract
from core.models import PortalDocument
from core.privacy import page_restrictions
from core.samples import make_pdf
from resources.models import Audience, ResourceLibraryPage, ResourcePage, ResourceTopic, ResourceType
from resources.volume import DOCUMENT_WORDS, WORDS, generate_resources

KINDS = ["keyword", "keyword + filters", "filters only"]
EXTRACTION_PAGES = 100


class Command(BaseCommand):
    help = (
        "Benchmark /resources/ in-process: creates resources (each with a PDF) up to --resources if there are "
        "fewer, runs --searches library searches as an anonymous visitor (keyword; keyword with filters; filters "
        "only, newest first) and prints p50 and p95 latency per kind and overall and the database queries per "
        "request, then times text extraction of a generated 100-page PDF. Fails (exit status 1) if any search "
        "answers 400 or more or raises. Run it on PostgreSQL for the figures that matter. Not for production "
        "databases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--resources", type=int, default=5000, help="How many resources to have (default 5000).")
        parser.add_argument("--searches", type=int, default=200, help="How many searches to run (default 200).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed for the searches and new resources.")
        parser.add_argument(
            "--no-gc-freeze",
            action="store_true",
            help="Leave what start-up loaded to the garbage collector, rather than freeze it as portal/wsgi.py does.",
        )

    def handle(self, *args, resources, searches, seed, no_gc_freeze=False, **options):
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError("The benchmark adds synthetic resources, so it is refused under production settings.")
        if searches < 1:
            raise CommandError("--searches must be at least 1.")
        started = time.monotonic()
        added = generate_resources(resources, seed=seed, stdout=self.stdout)
        if added:
            self.stdout.write(f"Generated {added:,} resources in {time.monotonic() - started:.1f}s.")
        library = ResourceLibraryPage.objects.live().first()
        if library is None:
            raise CommandError("There is no resource library: run load_initial_data first.")
        rng = random.Random(seed)  # noqa: S311 (benchmark input, not security)
        requests = [(KINDS[i % len(KINDS)], self.make_params(rng, KINDS[i % len(KINDS)])) for i in range(searches)]

        client = Client()
        timings, again = Timings(KINDS), Timings(KINDS)
        # The page cache off: every request runs its search, as a keyword search or a first visit does.
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"], PAGE_CACHE_SECONDS=0):
            timings.warm_up(client, library.url)  # warm caches, as a running server would have them
            if not no_gc_freeze:
                gc.collect()
                gc.freeze()
            try:
                timings.run(client, library.url, requests)
                again.run(client, library.url, requests)
            finally:
                gc.unfreeze()

        self.stdout.write(
            f"Library search benchmark: {ResourcePage.objects.live().count():,} live resources, "
            f"{PortalDocument.objects.count():,} documents, {len(page_restrictions()):,} page view restrictions, "
            f"{searches} searches, database {connection.vendor}, search backend {self.backend_name()}, "
            "page cache off, start-up "
            + ("objects left to the garbage collector" if no_gc_freeze else "objects frozen (gc.freeze, as wsgi.py)")
        )
        write_passes(self.stdout, timings, again)
        timings.raise_if_failed(self.stderr)
        again.raise_if_failed(self.stderr)
        self.bench_extraction()

    def make_params(self, rng, kind):
        """GET parameters of one search of this kind: keywords from titles or from inside documents, and filters."""
        topics = self.topic_slugs()
        keyword = rng.choice(WORDS if rng.random() < 0.5 else DOCUMENT_WORDS)
        if kind == "keyword":
            return {"q": keyword}
        if kind == "keyword + filters":
            audience = rng.choice(self.audience_slugs())
            return [("q", keyword), ("type", rng.choice(ResourceType.values)), ("audience", audience)]
        params = [("type", value) for value in rng.sample(ResourceType.values, 2)]
        if topics:
            params.append(("topic", rng.choice(topics)))
        return [*params, ("sort", "newest")]

    def audience_slugs(self):
        if not hasattr(self, "_audiences"):
            self._audiences = [audience.slug for audience in Audience.ensure_all()]
        return self._audiences

    def topic_slugs(self):
        if not hasattr(self, "_topics"):
            self._topics = list(ResourceTopic.objects.order_by("slug").values_list("slug", flat=True))
        return self._topics

    def bench_extraction(self):
        pages = [" ".join(WORDS[(p + i) % len(WORDS)] for i in range(300)) for p in range(EXTRACTION_PAGES)]
        data = make_pdf(pages)
        start = time.perf_counter()
        result = extract(io.BytesIO(data), "pdf")
        seconds = time.perf_counter() - start
        self.stdout.write(
            f"Text extraction: {result.page_count} pages in {seconds:.2f} s ({result.page_count / seconds:.0f} pages/s)"
        )

    def backend_name(self):
        from wagtail.search.backends import get_search_backend

        return type(get_search_backend()).__name__
