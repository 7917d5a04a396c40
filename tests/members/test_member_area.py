"""The member area answers every role, and shows each person only what they may read."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from group.models import MinutesPage
from members.memberships import remove_membership
from members.models import OrganisationMembership
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db

DEMO_ROLES = ["demo-coordinator", "demo-secretariat", "demo-group-member", "demo-hub-member", "demo-editor"]


def member_area(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client.get(reverse("members:home"))


@pytest.mark.parametrize("username", DEMO_ROLES)
def test_every_role_opens_the_member_area(client, initial_site, username):
    response = member_area(client, username)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def members_only_titles():
    return list(ResourcePage.objects.filter(members_only=True, live=True).values_list("title", flat=True))


def test_hub_members_see_members_only_resources(client, initial_site):
    titles = members_only_titles()
    assert titles
    body = member_area(client, "demo-hub-member").content.decode()
    assert any(title in body for title in titles)


def test_nobody_else_signed_in_sees_members_only_titles(client, initial_site):
    user = get_user_model().objects.create_user("no-organisation", "n@example.org", "a-long-password-1")
    client.force_login(user)
    body = client.get(reverse("members:home")).content.decode()
    assert not any(title in body for title in members_only_titles())


def test_a_former_member_no_longer_sees_members_only_titles(client, initial_site):
    former = get_user_model().objects.get(username="demo-hub-member")
    for membership in OrganisationMembership.objects.filter(user=former):
        remove_membership(membership)
    body = member_area(client, "demo-hub-member").content.decode()
    assert not any(title in body for title in members_only_titles())


def test_draft_minutes_are_listed_for_the_secretariat_only(client, initial_site):
    minutes = MinutesPage.objects.live().first()
    minutes.stage = MinutesPage.Stage.DRAFT
    minutes.save_revision().publish()
    assert minutes.title in member_area(client, "demo-secretariat").content.decode()
    client.logout()
    assert minutes.title not in member_area(client, "demo-group-member").content.decode()


def test_editors_see_their_own_pages_in_review_and_co_ordinators_all(client, initial_site):
    editor = get_user_model().objects.get(username="demo-editor")
    organisation = OrganisationMembership.objects.get(user=editor, role="editor").organisation
    own = ResourcePage.objects.filter(organisation=organisation).first() or organisation.directory_section
    other = ResourcePage.objects.exclude(organisation=organisation).filter(members_only=False).first()
    for page, user in ((own, editor), (other, get_user_model().objects.get(username="demo-coordinator"))):
        page.save_revision(user=user)
        page.get_workflow().start(page, user)
    editor_body = member_area(client, "demo-editor").content.decode()
    assert own.title in editor_body
    assert other.title not in editor_body
    client.logout()
    assert other.title in member_area(client, "demo-coordinator").content.decode()


def test_an_editors_admin_dashboard_starts_at_her_organisations_sections(client, initial_site):
    editor = get_user_model().objects.get(username="demo-editor")
    organisation = OrganisationMembership.objects.get(user=editor, role="editor").organisation
    client.force_login(editor)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your organisation&#x27;s sections" in body or "Your organisation's sections" in body
    assert reverse("wagtailadmin_explore", args=[organisation.directory_section.pk]) in body
    assert reverse("wagtailadmin_explore", args=[organisation.resources_section.pk]) in body
