"""No admin form answers a malformed POST with a server error (issue 11, part 8).

Every admin address that takes a form, enumerated like the matrix's (routes.py) rather than listed: page, snippet,
document, image, collection, user and group edit and create views, privacy and workflow forms. Each gets an empty
body and a body of nonsense in the fields such forms have, from an organisation's editor, the secretariat and a
co-ordinator. A refusal (4xx) or the form again with its errors is fine; a 500 is not.
"""

import re
from collections import defaultdict

import pytest
from django.core.signals import got_request_exception
from django.test import Client

from . import policy
from .routes import enumerate_targets

# Admin addresses of forms that change nothing until their data is valid. Deleting, unpublishing, moving, locking
# and the like act on an empty POST by design and are left out.
FORM_ADDRESS = re.compile(r"/(edit|add|create|privacy|set_privacy|copy|workflow|history|revisions/\d+/revert)/")
NOT_FORMS = re.compile(r"/(delete|unpublish|move|lock|unlock|convert_alias|cancel|disable|enable)/")

GARBAGE = {
    "title": "",
    "slug": "%%% not a slug",
    "name": "",
    "body-count": "not a number",
    "body-0-type": "no-such-block",
    "body-0-value": "{not json",
    "comments-TOTAL_FORMS": "lots",
    "comments-INITIAL_FORMS": "-1",
    "documents-TOTAL_FORMS": "x",
    "restriction_type": "nonsense",
    "groups": ["not-an-id", "99999999999999999999"],
    "collection": "not-an-id",
    "parent": "99999999999999999999",
    "page": "abc",
    "organisation": "abc",
    "go_live_at": "not a date",
    "expire_at": "2026-13-45",
    "tags": "x" * 300,
    "next": "word",
    "action-publish": "action-publish",
    "action-submit": "action-submit",
    "workflow_action_form-comment": "x",
}

ROLES = [policy.EDITOR_A, policy.SECRETARIAT, policy.COORDINATOR]


@pytest.fixture(scope="module")
def form_addresses(planted):
    urls = []
    for target in enumerate_targets(planted).targets:
        path = target.url.split("?")[0]
        if target.kind.startswith("admin") and FORM_ADDRESS.search(path) and not NOT_FORMS.search(path):
            urls.append(target.url)
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_malformed_admin_posts_never_answer_500(role, planted, form_addresses, db, quiet_request_log):
    assert len(form_addresses) > 20, form_addresses
    client = Client(raise_request_exception=False)
    client.force_login(planted.users[role])
    errors = {}

    def remember(sender, request=None, **kwargs):
        import sys

        errors[request.path] = repr(sys.exc_info()[1])[:200]

    got_request_exception.connect(remember, dispatch_uid="admin-posts")
    failures = defaultdict(list)
    try:
        for url in form_addresses:
            for name, body in (("empty", {}), ("garbage", GARBAGE)):
                response = client.post(url, body)
                if response.status_code >= 500:
                    failures[f"{name} body answers {response.status_code}"].append(
                        f"{url} {errors.get(url.split('?')[0], '')}"
                    )
            client.force_login(planted.users[role])  # in case a form signed out
    finally:
        got_request_exception.disconnect(dispatch_uid="admin-posts")
    assert not failures, "\n".join(f"{problem}:\n  " + "\n  ".join(urls) for problem, urls in failures.items())
