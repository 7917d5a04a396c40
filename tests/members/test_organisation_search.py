"""Searching organisations in the admin works on every database (it was a 500 on SQLite)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/members/organisation/?q=haven",
        "/admin/snippets/members/organisation/results/?q=haven",
        "/admin/snippets/choose/members/organisation/?q=haven",
        "/admin/snippets/choose/members/organisation/results/?q=haven",
    ],
)
def test_a_coordinator_finds_an_organisation_by_name(client, coordinator, haven, url):
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert "Haven Women" in response.content.decode()
