"""The route x role privacy matrix: every route, as every role, against the one declared policy table.

For each role the test requests every enumerated address (routes.py) and checks, for every response:

1. it is not a server error (no status of 500 or more);
2. it shows no canary that the role may not see (policy.POLICY), unless the address itself carries a credential;
3. it says `Cache-Control: private, no-store` if the request was signed in or the response shows restricted content;
4. it sets no cookie if the request was anonymous;
5. with the page cache on (core.page_cache): a signed-in request stores nothing in it, and an anonymous request for
   an address whose signed-in response showed a canary does not see it (nothing of it was served from the cache);
   as anonymous, every address is requested a second time (answered from the cache where it was stored) and checked
   again, and nothing stored shows a canary;

and, for each canary whose witness is this role, that the canary appeared somewhere (proof it can be found, so the
test can fail). All failures are collected and reported together, grouped by route pattern and problem.

Set MATRIX_REPORT_DIR to also write each role's results there as JSON.
"""

import io
import json
import os
import re
import time
import zipfile
from collections import defaultdict

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client

from core.page_cache import CACHE_ALIAS
from tests.page_cache_support import stored_entries

from . import policy
from .routes import KINDS, enumerate_targets


@pytest.fixture(scope="module")
def enumeration(planted):
    return enumerate_targets(planted)


def body_text(response):
    """The response's text (file and zip contents included), upper case, with calendar lines unfolded."""
    data = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    # Reading streaming content to the end closes the response as the test client intends (without the
    # request_finished handler that would close the database connection in the middle of the test's transaction).
    if data[:4] == b"PK\x03\x04":  # xlsx, docx: search the XML inside too
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data += b"".join(archive.read(name) for name in archive.namelist())
        except zipfile.BadZipFile:
            pass
    text = data.decode("utf-8", errors="replace")
    return re.sub(r"\r?\n[ \t]", "", text)


def canaries_in(text, url, canaries):
    """The kinds of canary the text shows. Lower-case copies of the canaries that are in the address (a search
    query, a page's slug) are echoes of the request, not leaks, and are left out first."""
    for word in canaries.values():
        if word.lower() in url.lower():
            text = text.replace(word.lower(), "")
    upper = text.upper()
    return {kind for kind, word in canaries.items() if word in upper}


def is_private(response):
    value = response.get("Cache-Control", "").lower()
    return "private" in value and "no-store" in value


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_HEADER = True


def check_page_cache_after_signed_in_request(target, response, shown, failures, anonymous):
    """Nothing a signed-in request got is stored in the page cache, nor given to an anonymous visitor after it."""
    if stored_entries():
        failures[(target.pattern, "a signed-in response was stored in the page cache")].append(target.url)
    if response.status_code == 200 and shown:
        again = anonymous.get(target.url, secure=True)
        if again.get("X-Cache") == "hit":
            problem = "an anonymous request after a signed-in one was answered from the page cache"
            failures[(target.pattern, problem)].append(target.url)
        leaked = canaries_in(body_text(again), target.url, shown)
        leaked = {kind for kind in leaked if not policy.allowed(kind, policy.ANONYMOUS, target.grants)}
        if leaked:
            problem = f"an anonymous request after a signed-in one shows {sorted(leaked)}"
            failures[(target.pattern, problem)].append(target.url)
        caches[CACHE_ALIAS].clear()  # what that anonymous request stored is not the signed-in role's doing


@pytest.mark.parametrize("role", policy.ROLES)
def test_route_role_matrix(role, planted, enumeration, db, quiet_request_log, capsys, page_cache_on):
    client = Client(raise_request_exception=False)
    anonymous = Client(raise_request_exception=False)
    user = planted.users[role]
    if user is not None:
        client.force_login(user)
    started = time.monotonic()
    failures = defaultdict(list)  # (pattern, problem) -> urls
    seen = defaultdict(list)  # canary kind -> urls
    results = []
    hits = 0
    passes = 2 if user is None else 1  # anonymous: the second pass is answered from the page cache
    for target in [target for _ in range(passes) for target in enumeration.targets]:
        before = time.monotonic()
        response = client.get(target.url, secure=True)
        hits += response.get("X-Cache") == "hit"
        text = body_text(response)
        shown = canaries_in(text, target.url, planted.canaries)
        if user is not None:
            words = {kind: planted.canaries[kind] for kind in shown}
            check_page_cache_after_signed_in_request(target, response, words, failures, anonymous)
        results.append(
            {
                "url": target.url,
                "kind": target.kind,
                "pattern": target.pattern,
                "status": response.status_code,
                "shown": sorted(shown),
                "cache_control": response.get("Cache-Control", ""),
                "ms": round((time.monotonic() - before) * 1000),
            }
        )
        if response.status_code >= 500 and target.pattern not in policy.DELIBERATE_ERRORS:
            failures[(target.pattern, f"answers {response.status_code}")].append(target.url)
        for kind in shown:
            seen[kind].append(target.url)
            if not policy.allowed(kind, role, target.grants):
                failures[(target.pattern, f"shows {kind} ({planted.canaries[kind]})")].append(target.url)
        if policy.must_be_private(role, shown) and not is_private(response):
            value = response.get("Cache-Control", "(none)")
            failures[(target.pattern, f"Cache-Control is not private, no-store: {value}")].append(target.url)
        if user is None and response.cookies:
            failures[(target.pattern, f"sets cookies for an anonymous visitor: {sorted(response.cookies)}")].append(
                target.url
            )
        session_cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        if user is not None and (session_cookie is None or not session_cookie.value):
            client.force_login(user)  # the address signed out (admin sign-out, quick exit): sign in again
    seconds = time.monotonic() - started

    stored = [
        canaries_in(entry["content"].decode("utf-8", errors="replace"), "", planted.canaries)
        for entry in stored_entries()
    ]
    for kinds in stored:
        for kind in kinds:
            failures[("(page cache)", f"an entry stored in the page cache shows {kind}")].append("-")
    if user is None and not hits:
        failures[
            ("(page cache)", "no anonymous request was answered from the page cache, so it proves nothing")
        ].append("-")

    unseen = [kind for kind, rule in policy.POLICY.items() if rule.witness == role and kind not in seen]
    for kind in unseen:
        failures[("(any route)", f"never shows {kind} to its witness role, so it proves nothing")].append("-")

    if os.environ.get("MATRIX_REPORT_DIR"):
        path = os.path.join(os.environ["MATRIX_REPORT_DIR"], f"matrix-{role}.json")
        with open(path, "w") as out:
            json.dump({"role": role, "seconds": seconds, "results": results}, out, indent=1)

    with capsys.disabled():
        print(
            f"\nmatrix {role}: {len(enumeration.targets) * passes} requests in {seconds:.1f} s "
            f"({hits} from the page cache, {len(stored)} stored); "
            f"canaries seen: {', '.join(sorted(seen)) or 'none'}; failing cells: {len(failures)}"
        )

    if failures:
        lines = [f"{len(failures)} failing cells for role {role}:"]
        for (pattern, problem), urls in sorted(failures.items()):
            more = f" (+{len(urls) - 3} more)" if len(urls) > 3 else ""
            lines.append(f"  {pattern} | {role} | {problem} | e.g. {', '.join(urls[:3])}{more}")
        pytest.fail("\n".join(lines), pytrace=False)


def test_every_route_kind_is_requested_and_the_matrix_is_summarised(planted, enumeration, db, capsys):
    """No kind of route is skipped; the summary says how big the matrix is and what could not be filled."""
    by_kind = defaultdict(int)
    for target in enumeration.targets:
        by_kind[target.kind] += 1
    with capsys.disabled():
        print(
            f"\nmatrix: {enumeration.patterns} URL patterns -> {len(enumeration.targets)} addresses x "
            f"{len(policy.ROLES)} roles = {len(enumeration.targets) * len(policy.ROLES)} requests; "
            f"{len(planted.canaries)} canaries; site built in {planted.build_seconds:.1f} s"
        )
        print("  by kind: " + ", ".join(f"{kind} {count}" for kind, count in sorted(by_kind.items())))
        print(f"  filled from the page tree and documents: {len(enumeration.tree_patterns)} patterns")
        for route in enumeration.tree_patterns:
            print(f"    {route}")
        unfilled = sorted(set(enumeration.unfilled))
        print(f"  requested only with a placeholder (no real object to fill them with): {len(unfilled)} patterns")
        for route in unfilled:
            print(f"    {route}")
    missing = [kind for kind in KINDS if not by_kind.get(kind)]
    assert not missing, f"whole kinds of route were not requested: {missing}"
