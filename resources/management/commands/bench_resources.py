"""Benchmark the library: searches per second and queries per request at volume, and text extraction speed."""

import io
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from resources.extraction import extract
from resources.models import ResourceLibraryPage, ResourcePage
from resources.samples import make_pdf
from resources.volume import WORDS, generate_resources


class Command(BaseCommand):
    help = (
        "Create up to --resources resources (each with a document) if there are fewer, run --searches library "
        "searches in-process (keyword, keyword with filters, filters only) and print p50/p95 times and queries per "
        "request, then time text extraction of a generated 100-page PDF. Not for production databases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--resources", type=int, default=5000, help="How many resources to have (default 5000).")
        parser.add_argument("--searches", type=int, default=200, help="How many searches to run (default 200).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed for generated content.")

    def handle(self, *args, resources, searches, seed, **options):
        added = generate_resources(resources, seed=seed, stdout=self.stdout)
        self.stdout.write(f"{ResourcePage.objects.count()} resources ({added} added).")
        library = ResourceLibraryPage.objects.first()
        if library is None:
            raise CommandError("There is no resource library: run load_initial_data first.")
        urls = self.search_urls(library.url, searches)
        client = Client()
        times, queries = [], []
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            client.get(urls[0])
            for url in urls:
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                queries.append(len(captured))
                if response.status_code != 200:
                    self.stderr.write(f"{url} answered {response.status_code}")
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        self.stdout.write(
            f"{len(urls)} searches: p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms; "
            f"queries per request: median {statistics.median(queries):.0f}, max {max(queries)}"
        )
        self.bench_extraction()

    def search_urls(self, base, count):
        kinds = [
            lambda i: f"{base}?q={WORDS[i % len(WORDS)]}",
            lambda i: f"{base}?q={WORDS[i % len(WORDS)]}&type=guidance&audience=practitioners",
            lambda i: f"{base}?type=toolkit&type=research&sort=newest&page={1 + i % 3}",
        ]
        return [kinds[i % 3](i) for i in range(count)]

    def bench_extraction(self):
        pages = [" ".join(WORDS[(p + i) % len(WORDS)] for i in range(300)) for p in range(100)]
        data = make_pdf(pages)
        start = time.perf_counter()
        result = extract(io.BytesIO(data), "pdf")
        seconds = time.perf_counter() - start
        self.stdout.write(
            f"Text extraction: {result.page_count} pages in {seconds:.2f} s ({result.page_count / seconds:.0f} pages/s)"
        )
