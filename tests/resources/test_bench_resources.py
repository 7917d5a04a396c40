"""The library's benchmark command prints figures and is refused in production."""

import io

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_bench_resources_prints_timings_per_kind_and_extraction_speed(home_page):
    out, err = io.StringIO(), io.StringIO()
    call_command("bench_resources", resources=40, searches=6, stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    kinds = [line.split("  ")[0] for line in lines if line.startswith(("keyword", "filters only", "all "))]
    assert kinds == ["keyword", "keyword + filters", "filters only", "all"] * 2  # both passes
    assert "First pass" in out.getvalue() and "Second pass" in out.getvalue()
    assert "p95 ms" in out.getvalue() and "pages/s" in out.getvalue() and err.getvalue() == ""


@pytest.mark.django_db
def test_bench_resources_is_refused_under_production_settings(settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        call_command("bench_resources", resources=1, searches=1, stdout=io.StringIO())


@pytest.mark.django_db
def test_bench_resources_fails_loudly_when_a_search_errs(home_page, monkeypatch):
    from resources.search import LibrarySearch

    respond = LibrarySearch.respond
    monkeypatch.setattr(LibrarySearch, "respond", lambda self, context: 1 / 0 if self.q else respond(self, context))
    with pytest.raises(CommandError, match="4 of 6 requests failed.*ZeroDivisionError"):
        call_command("bench_resources", resources=40, searches=6, stdout=io.StringIO(), stderr=io.StringIO())
