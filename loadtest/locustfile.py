"""The portal's real visitors, as Locust users: run by `make loadtest` (loadtest/run.py), never by `make test`.

It reads the plan `prepare_loadtest` wrote (LOADTEST_PLAN) and appends one line per request to LOADTEST_EVENTS.
"""

import itertools
import json
import os
import random
import time

import gevent
from locust import HttpUser, between, events, task

from loadtest.html import choices, document_links, field_value, form_fields
from loadtest.otp import totp
from loadtest.report import event_line

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"], encoding="utf-8").read())  # noqa: SIM115
EVENTS = open(os.environ["LOADTEST_EVENTS"], "a", encoding="utf-8", buffering=1)  # noqa: SIM115
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"
)
DIRECTORY_FILTERS = ("support", "cse", "delivery", "referral", "language")
SIGN_IN = "/_util/login/"
# Words a visitor types: keyword searches go to the search backend (Elasticsearch, or its database fallback).
KEYWORDS = ["housing", "advocacy", "counselling", "trafficking", "outreach", "health", "refuge", "support"]


@events.request.add_listener
def record(name, response_time, exception, **kwargs):
    EVENTS.write(event_line(time.time(), name, exception is None, response_time or 0.0, exception or ""))


class Visitor(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)

    def fetch(self, name, url, method="GET", expect=(200,), **kwargs):
        """One request, failed unless its status is expected; errors are named by status or exception only (no
        addresses: they may hold a postcode)."""
        with self.client.request(method, url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code in expect:
                response.success()
            elif not response.status_code:
                response.failure(type(response.error).__name__ if response.error else "no answer")
            else:
                response.failure(f"HTTP {response.status_code}")
        return response


class Searcher(Visitor):
    """A woman on her phone: the directory by postcode, then by area and a filter, then a service."""

    weight = 6

    def on_start(self):
        self.client.headers["User-Agent"] = PHONE
        page = self.fetch("searcher: directory", PLAN["directory"])
        self.filters = choices(page.text, DIRECTORY_FILTERS) or [("women_only", "1")]

    @task
    def search(self):
        self.fetch("searcher: postcode", PLAN["directory"], params={"postcode": random.choice(PLAN["postcodes"])})
        gevent.sleep(random.uniform(0.5, 2))
        params = [("area", random.choice(PLAN["areas"])), random.choice(self.filters)]
        self.fetch("searcher: area + filter", PLAN["directory"], params=params)
        gevent.sleep(random.uniform(0.5, 2))
        self.fetch("searcher: keyword", PLAN["directory"], params={"q": random.choice(KEYWORDS)})
        gevent.sleep(random.uniform(0.5, 2))
        self.fetch("searcher: service page", random.choice(PLAN["services"]))


class ResourceReader(Visitor):
    """A visitor reading the library: filtered listings, resources and their documents."""

    weight = 3

    def on_start(self):
        page = self.fetch("reader: library", PLAN["library"])
        self.filters = choices(page.text, ("topic", "audience", "kind", "type", "format")) or [("sort", "title")]

    @task
    def read(self):
        self.fetch("reader: library filtered", PLAN["library"], params=[random.choice(self.filters)])
        gevent.sleep(random.uniform(0.5, 2))
        self.fetch("reader: library keyword", PLAN["library"], params={"q": random.choice(KEYWORDS)})
        gevent.sleep(random.uniform(0.5, 2))
        page = self.fetch("reader: resource page", random.choice(PLAN["resources"]))
        links = document_links(page.text or "")
        if links:
            gevent.sleep(random.uniform(0.5, 2))
            self.fetch("reader: document", random.choice(links))


class SignedIn(Visitor):
    abstract = True
    accounts = ()
    counter = None

    def on_start(self):
        self.account = self.accounts[next(self.counter) % len(self.accounts)]
        self.sign_in()

    def sign_in(self):
        form = self.fetch(f"{self.role}: sign in form", SIGN_IN)
        data = {
            "csrfmiddlewaretoken": field_value(form.text, "csrfmiddlewaretoken"),
            "username": self.account["username"],
            "password": PLAN["password"],
        }
        return self.fetch(f"{self.role}: sign in", SIGN_IN, method="POST", data=data, headers={"Referer": form.url})

    def signed_out(self, response):
        return SIGN_IN in (response.url or "")


class MemberReadingMinutes(SignedIn):
    """A member of the multi-agency group reading the minutes of its meetings (no second step for this role)."""

    weight = 1
    role = "member"
    accounts = PLAN["members"]
    counter = itertools.count()

    @task
    def read_minutes(self):
        page = self.fetch("member: minutes", random.choice(PLAN["minutes"]))
        if self.signed_out(page):  # the session was lost: sign in again
            self.sign_in()


class EditorSavingDraft(SignedIn):
    """An organisation's editor saving a draft of her own service, after a code from her authenticator app."""

    weight = 1
    role = "editor"
    accounts = PLAN["editors"]
    counter = itertools.count()
    last_step = {}

    def sign_in(self):
        page = super().sign_in()
        if "two-factor" not in (page.url or ""):
            return page
        # A code works once: wait for the next one if this account used the current one.
        step = int(time.time() // 30)
        if self.last_step.get(self.account["username"]) == step:
            gevent.sleep(30 - time.time() % 30 + 0.5)
            step = int(time.time() // 30)
        self.last_step[self.account["username"]] = step
        data = {
            "csrfmiddlewaretoken": field_value(page.text, "csrfmiddlewaretoken"),
            "code": totp(self.account["totp_key"]),
        }
        return self.fetch("editor: two-factor code", page.url, method="POST", data=data, headers={"Referer": page.url})

    @task
    def save_draft(self):
        edit_url = f"/admin/pages/{self.account['page_id']}/edit/"
        page = self.fetch("editor: edit form", edit_url)
        if self.signed_out(page) or "two-factor" in (page.url or ""):
            self.sign_in()
            return
        fields = form_fields(page.text, "page-edit-form")
        if not fields:
            return
        gevent.sleep(random.uniform(1, 3))
        fields = [(name, value) for name, value in fields if name != "hours_notes"]
        fields.append(("hours_notes", f"Checked by the load test at {time.strftime('%H:%M:%S')}."))
        self.fetch(
            "editor: save draft",
            edit_url,
            method="POST",
            data=fields,
            expect=(302,),
            allow_redirects=False,
            headers={"Referer": page.url},
        )
