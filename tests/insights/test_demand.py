"""Directory searches are counted per day, area, filters and found-nothing, and nothing identifying is kept."""

import logging

from django.db import DatabaseError
from django.forms.models import model_to_dict
from django.utils import timezone

from insights import demand
from insights.models import DemandCount
from tests.directory.conftest import build_directory


def test_searches_are_counted_without_anything_identifying(home_page, client):
    build_directory(home_page)
    searches = [
        "/directory/?q=zanzibarsecret&area=S12000036&support=housing",
        "/directory/?q=anotherwhisper&area=S12000036&support=housing",
        "/directory/?area=S12000036&support=housing",
        "/directory/?postcode=EH1+1AA",
        "/directory/?q=nothingmatchesthisatall",
        "/directory/?area=S12000017&cse=trafficking",
    ]
    for address in searches:
        client.get(address, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="SecretBrowser/1.0", follow=True)
    rows = [model_to_dict(row) for row in DemandCount.objects.order_by("pk")]
    allowed = {"id", "date", "area_code", "filters", "found_nothing", "searches"}
    assert all(set(row) == allowed for row in rows)
    stored = repr(rows)
    for secret in ("zanzibarsecret", "anotherwhisper", "nothingmatches", "EH1", "203.0.113.9", "SecretBrowser"):
        assert secret not in stored
    assert sum(row["searches"] for row in rows) >= len(searches) - 1
    for row in rows:
        assert row["date"] == timezone.localdate()
        assert row["area_code"] in {"", "S12000036", "S12000017"}
        assert all(
            pair.split(":")[0] in {"support", "cse", "delivery", "referral", "language", "women_only"}
            for pair in row["filters"].split(",")
            if pair
        )
    housing = DemandCount.objects.filter(area_code="S12000036", filters="support:housing")
    assert sum(row.searches for row in housing) == 3


def test_zero_result_searches_are_marked(home_page, client):
    build_directory(home_page)
    client.get("/directory/?q=nothingmatchesthisatall")
    assert DemandCount.objects.get().found_nothing is True


def test_a_counting_failure_never_breaks_the_search(home_page, client, monkeypatch, caplog):
    build_directory(home_page)

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(demand.DemandCount.objects, "filter", broken)
    with caplog.at_level(logging.WARNING, logger="insights.demand"):
        response = client.get("/directory/?q=zanzibarsecret")
    assert response.status_code == 200
    assert "Could not count" in caplog.text and "zanzibarsecret" not in caplog.text
