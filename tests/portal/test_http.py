"""Which client address the portal believes, with and without trusted proxies."""

import pytest
from django.test import RequestFactory

from core.http import client_address


def request(remote="10.0.0.2", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "198.51.100.7", "10.0.0.2"),  # no proxy configured: the header is the client's to forge
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the forged left entry is ignored
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.2"),  # too short: it did not come through both proxies
        (1, None, "10.0.0.2"),
        (1, " , ", "10.0.0.2"),
        ("nonsense", "198.51.100.7", "10.0.0.2"),
        (-3, "198.51.100.7", "10.0.0.2"),
    ],
)
def test_client_address(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request(forwarded=forwarded)) == expected


def test_no_request_has_no_address():
    assert client_address(None) == ""


def test_a_rate_limit_counts_hits_per_name_and_clears():
    from core.http import RateLimit

    limit = RateLimit("test-limit", 2, 60)
    assert not limit.exceeded("a")
    limit.hit("a")
    limit.hit("a")
    assert limit.exceeded("a")
    assert not limit.exceeded("b")
    limit.clear("a")
    assert not limit.exceeded("a")


def test_address_hashes_hide_the_address_and_differ_by_purpose():
    from django.test import RequestFactory

    from core.http import client_address_hash

    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    sign_in, report = client_address_hash(request, "sign-in"), client_address_hash(request, "problem-report")
    assert "203.0.113.9" not in sign_in
    assert sign_in != report
