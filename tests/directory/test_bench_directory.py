"""The directory's benchmark command prints figures per kind of search, fails loudly when a search errs, and is
refused in production."""

import io

import pytest
from django.core.management import CommandError, call_command

from directory.search import DirectorySearch


def bench(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("bench_directory", services=4, searches=8, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_bench_directory_prints_timings_per_kind(directory):
    out, err = bench()
    kinds = [line[:18].strip() for line in out.splitlines() if line.startswith(("keyword", "area", "postcode", "all "))]
    assert kinds == ["keyword", "area", "area + 2 filters", "postcode", "all"] * 2  # cards first rendered, then cached
    assert "First pass" in out and "Second pass" in out
    assert "p50 ms" in out and "p95 ms" in out and "4 live services" in out and err == ""


def refuse_searches(failure):
    """A `respond` that answers the page without parameters (the warm-up) but fails every search."""
    respond = DirectorySearch.respond

    def failing(self, context):
        return failure() if self.request.GET else respond(self, context)

    return failing


@pytest.mark.parametrize(
    "failure, message",
    [(lambda: (400, None), "answered 400"), (lambda: 1 / 0, "ZeroDivisionError")],
    ids=["status 400", "exception"],
)
def test_bench_directory_fails_loudly_when_a_search_errs(directory, monkeypatch, failure, message):
    monkeypatch.setattr(DirectorySearch, "respond", refuse_searches(failure))
    with pytest.raises(CommandError, match="8 of 8 requests failed") as raised:
        bench()
    assert message in str(raised.value)


def test_bench_directory_fails_loudly_when_the_directory_errs(directory, monkeypatch):
    monkeypatch.setattr(DirectorySearch, "respond", lambda self, context: 1 / 0)
    with pytest.raises(CommandError, match="warm-up request to /directory/ failed: ZeroDivisionError"):
        bench()


def test_bench_directory_is_refused_under_production_settings(db, settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        bench()
