"""The multi-agency group in a real browser: accepting an invitation, reading minutes, and accessibility."""

import io

import pytest
from django.contrib.auth import get_user_model

from group.demo_data import load_group_demo
from group.models import MinutesPage
from members.memberships import add_membership
from members.models import Invitation, Organisation, Role

from .conftest import new_context
from .test_accessibility import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "violet-harbour-lantern-42"


@pytest.fixture
def group_site(site):
    load_group_demo(io.StringIO())
    return site


@pytest.fixture
def member(group_site):
    user = get_user_model().objects.create_user("e2e-member", "e2e@example.org", PASSWORD)
    add_membership(user, Organisation.objects.order_by("pk").first(), Role.GROUP_MEMBER)
    return user


def sign_in(page, base_url, username, password):
    page.goto(f"{base_url}/_util/login/?next=/members/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base_url}/members/")


def test_accepting_an_invitation_signs_the_person_in(group_site, page):
    _, token = Invitation.create(
        email="new.person@example.org",
        organisation=Organisation.objects.order_by("pk").first(),
        role=Role.GROUP_MEMBER,
        invited_by=None,
    )
    page.goto(f"{group_site.url}/members/invitation/{token}/")
    page.fill("#id_first_name", "Morag")
    page.fill("#id_last_name", "Reid")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{group_site.url}/members/")
    assert "Multi-agency group" in page.inner_text("main")


def test_a_group_member_reads_approved_minutes(group_site, page, member):
    minutes = MinutesPage.objects.filter(stage="approved").first()
    sign_in(page, group_site.url, "e2e-member", PASSWORD)
    page.goto(f"{group_site.url}{minutes.url}")
    assert "Approved at" in page.inner_text("main")


def test_group_pages_have_no_axe_violations(group_site, browser, member):
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    meeting = MinutesPage.objects.filter(stage="approved").first().get_parent()
    sign_in(page, group_site.url, "e2e-member", PASSWORD)
    found = {}
    for name, path in {"group": "/group/", "meeting": meeting.url, "member area": "/members/"}.items():
        page.goto(f"{group_site.url}{path}")
        found[name] = axe_violations(page)
    context.close()
    assert found == {"group": [], "meeting": [], "member area": []}
