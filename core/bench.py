"""What the search benchmarks share: timing requests in-process, per kind, and failing loudly if any errs."""

import statistics
import time
from dataclasses import dataclass, field

from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

HEADER = f"{'kind':<18} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8} {'max q':>6}"


def percentile(values, fraction):
    """The value at this fraction of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


@dataclass
class Timings:
    """Milliseconds and database queries of each request, by kind, and what went wrong."""

    kinds: list
    times: dict = field(default_factory=dict)
    queries: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    count: int = 0

    def __post_init__(self):
        self.times = {kind: [] for kind in self.kinds}
        self.queries = {kind: [] for kind in self.kinds}

    def warm_up(self, client, url):
        """One request without parameters, as a running server would have answered, which must succeed."""
        try:
            status = client.get(url).status_code
        except Exception as error:  # noqa: BLE001 (turned into the command's error)
            raise CommandError(f"The warm-up request to {url} failed: {type(error).__name__}: {error}") from error
        if status >= 400:
            raise CommandError(f"The warm-up request to {url} answered {status}.")

    def run(self, client, url, requests, **get_options):
        """GET `url` with each (kind, params); a status of 400 or more, or an exception, is a failure."""
        for kind, params in requests:
            self.count += 1
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                try:
                    response = client.get(url, params, **get_options)
                except Exception as error:  # noqa: BLE001 (reported, and the command fails, once all have run)
                    self.failures.append(f"{kind} {params}: {type(error).__name__}: {error}")
                    continue
                elapsed = (time.perf_counter() - start) * 1000
            if response.status_code >= 400:
                self.failures.append(f"{kind} {params}: answered {response.status_code}")
            self.times[kind].append(elapsed)
            self.queries[kind].append(len(captured))

    def rows(self):
        """The table: a header, a row per kind and one for all requests."""
        lines, every_time, every_count = [HEADER], [], []
        for kind in self.kinds:
            if self.times[kind]:
                every_time += self.times[kind]
                every_count += self.queries[kind]
                lines.append(row(kind, self.times[kind], self.queries[kind]))
        if every_time:
            lines.append(row("all", every_time, every_count))
        return lines

    def raise_if_failed(self, stderr):
        """Write every failure to stderr and stop the command with an error if there was any."""
        for failure in self.failures:
            stderr.write(failure)
        if self.failures:
            raise CommandError(
                f"{len(self.failures)} of {self.count} requests failed (status 400 or more, or an exception); "
                f"the timings above are not a valid benchmark. First: {self.failures[0]}"
            )


def row(kind, values, counts):
    return (
        f"{kind:<18} {len(values):>4} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f} "
        f"{max(values):>8.1f} {statistics.mean(counts):>8.1f} {max(counts):>6}"
    )


def write_passes(stdout, first, again):
    """Both passes of a benchmark: the searches as first met (each result card rendered, as just after a change to
    the content), then the same searches again (cards from the cache, as a running server has them between
    changes; every search still runs, as the page cache is off)."""
    stdout.write("First pass: result cards rendered as each result is first met (as just after a content change)")
    for line in first.rows():
        stdout.write(line)
    stdout.write("Second pass, the same searches again: result cards cached, as between content changes")
    for line in again.rows():
        stdout.write(line)
