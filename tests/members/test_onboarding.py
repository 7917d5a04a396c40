"""Onboarding gives each organisation its editors, its collection and its directory section, and nothing more."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowTask
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import nested_form_data, rich_text

from directory.models import DirectoryIndexPage, OrganisationDirectoryPage, ProblemReport, ServicePage
from directory.signals import ensure_directory_setup
from members.models import Organisation
from members.onboarding import onboard_organisation
from members.roles import HUB_COORDINATORS, editors_group_name


def make_user(username, *group_names, **fields):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "a-long-password-1", **fields)
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture
def haven(db):
    return Organisation.objects.create(name="Haven Women's Network", slug="haven")


@pytest.fixture
def directory_page(home_page):
    return home_page.add_child(instance=DirectoryIndexPage(title="Find support", slug="directory"))


@pytest.fixture
def haven_editor(haven, directory_page):
    onboard_organisation(haven)
    return make_user("haven-editor", editors_group_name(haven))


def test_editors_can_sign_in_to_the_admin(client, haven_editor):
    client.force_login(haven_editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_organisation_gets_a_published_section_of_the_directory(haven, directory_page):
    onboard_organisation(haven)
    section = OrganisationDirectoryPage.objects.child_of(directory_page).live().get(organisation=haven)
    assert (section.title, section.slug) == ("Haven Women's Network", "haven")


def test_editors_may_add_and_change_pages_in_their_own_section_only(haven, directory_page):
    onboarding = onboard_organisation(haven)
    granted = set(
        GroupPagePermission.objects.filter(group=onboarding.editors).values_list("page", "permission__codename")
    )
    section = OrganisationDirectoryPage.objects.get(organisation=haven)
    assert granted == {(section.pk, "add_page"), (section.pk, "change_page")}


def test_editors_may_upload_and_choose_images_in_their_organisations_collection_only(haven_editor):
    policy = policy_registry.get_by_type(get_image_model())
    collections = policy.collections_user_has_any_permission_for(haven_editor, ["add", "choose"])
    assert [collection.name for collection in collections] == ["Haven Women's Network"]


def test_editors_get_no_reference_data_permissions(haven_editor):
    assert not any(haven_editor.has_perm(f"directory.{p}_councilarea") for p in ("add", "change", "delete", "view"))


def test_onboarding_twice_changes_nothing(haven, directory_page):
    onboard_organisation(haven)
    before = (Group.objects.count(), Page.objects.count(), GroupPagePermission.objects.count())
    onboard_organisation(haven)
    assert (Group.objects.count(), Page.objects.count(), GroupPagePermission.objects.count()) == before


def test_an_organisation_onboarded_before_the_directory_exists_gets_no_section(haven, home_page):
    assert onboard_organisation(haven).sections == []


def test_creating_the_directory_completes_the_onboarding_of_active_organisations(haven, home_page):
    onboard_organisation(haven)
    directory_page = home_page.add_child(instance=DirectoryIndexPage(title="Find support", slug="directory"))
    section = OrganisationDirectoryPage.objects.get(organisation=haven)
    editors = Group.objects.get(name=editors_group_name(haven))
    assert GroupPagePermission.objects.filter(group=editors, page=section).count() == 2
    assert section.get_parent().pk == directory_page.pk


def test_inactive_organisations_get_no_section_when_the_directory_is_created(home_page):
    Organisation.objects.create(name="Closed Charity", slug="closed", active=False)
    home_page.add_child(instance=DirectoryIndexPage(title="Find support", slug="directory"))
    assert not OrganisationDirectoryPage.objects.exists()


def test_a_section_slug_already_in_use_gets_a_free_variant(directory_page):
    other = Organisation.objects.create(name="Other", slug="other")
    directory_page.add_child(instance=OrganisationDirectoryPage(title="Haven", slug="haven", organisation=other))
    haven = Organisation.objects.create(name="Haven Women's Network", slug="haven")
    assert onboard_organisation(haven).sections[0].slug == "haven-2"


def test_renaming_an_organisation_renames_its_editors_group(haven_editor, haven):
    haven.name = "Haven Scotland"
    haven.save()
    assert list(haven_editor.groups.values_list("name", flat=True)) == ["Haven Scotland editors"]


# The directory's set-up


def test_every_listing_in_the_directory_goes_through_the_listing_review(haven, directory_page):
    section = onboard_organisation(haven).sections[0]
    assert section.get_workflow().name == "Directory listing review"


def test_the_listing_review_is_one_co_ordinator_approval(directory_page):
    tasks = WorkflowTask.objects.filter(workflow__name="Directory listing review")
    assert [(t.task.name, list(t.task.specific.groups.values_list("name", flat=True))) for t in tasks] == [
        ("Co-ordinator review", [HUB_COORDINATORS])
    ]


def test_setting_up_the_directory_again_changes_nothing(haven, directory_page):
    onboard_organisation(haven)
    before = (Workflow.objects.count(), WorkflowTask.objects.count(), Page.objects.count())
    ensure_directory_setup(DirectoryIndexPage.objects.get())
    assert (Workflow.objects.count(), WorkflowTask.objects.count(), Page.objects.count()) == before


def test_co_ordinators_may_publish_and_lock_everything_in_the_directory(directory_page):
    coordinators = Group.objects.get(name=HUB_COORDINATORS)
    granted = set(GroupPagePermission.objects.filter(group=coordinators).values_list("page", "permission__codename"))
    assert granted == {
        (directory_page.pk, f"{action}_page")
        for action in ("add", "change", "publish", "bulk_delete", "lock", "unlock")
    }


@pytest.mark.parametrize(
    "permission",
    [
        "directory.change_councilarea",
        "directory.change_healthboard",
        "directory.add_pilotarea",
        "directory.add_taxonomy",
        "directory.delete_taxonomyterm",
        "directory.add_localauthoritycontact",
        "directory.change_problemreport",
        "members.add_organisation",
    ],
)
def test_co_ordinators_keep_the_reference_data(directory_page, permission):
    assert make_user("coordinator", HUB_COORDINATORS).has_perm(permission)


def test_co_ordinators_cannot_delete_council_areas(directory_page):
    assert not make_user("coordinator", HUB_COORDINATORS).has_perm("directory.delete_councilarea")


# In the admin


def test_adding_an_organisation_in_the_admin_onboards_it(client, directory_page):
    client.force_login(make_user("coordinator", HUB_COORDINATORS))
    client.post(
        reverse("wagtailsnippets_members_organisation:add"),
        {"name": "Routes Out", "slug": "routes-out", "kind": "specialist", "active": "on"},
    )
    section = OrganisationDirectoryPage.objects.get(organisation__slug="routes-out")
    assert section.group_permissions.filter(group__name="Routes Out editors").count() == 2


def test_an_organisation_whose_slug_the_directory_uses_gets_a_section_of_another_slug(client, directory_page):
    client.force_login(make_user("coordinator", HUB_COORDINATORS))
    client.post(
        reverse("wagtailsnippets_members_organisation:add"),
        {"name": "Report Scotland", "slug": "report", "kind": "specialist", "active": "on"},
    )
    section = OrganisationDirectoryPage.objects.get(organisation__slug="report")
    assert section.slug == "report-2"


def test_an_organisation_that_cannot_be_onboarded_gets_a_message_not_an_error_page(client, directory_page, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(organisation):
        raise ValidationError("The section's address is taken.")

    monkeypatch.setattr("members.wagtail_hooks.onboard_organisation", refuse)
    client.force_login(make_user("coordinator", HUB_COORDINATORS))
    response = client.post(
        reverse("wagtailsnippets_members_organisation:add"),
        {"name": "Report Scotland", "slug": "report-scotland", "kind": "specialist", "active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    assert "could not be onboarded" in response.content.decode()


def test_saving_an_organisation_in_the_admin_completes_its_onboarding(client, directory_page):
    organisation = Organisation.objects.create(name="Routes Out", slug="routes-out")
    client.force_login(make_user("coordinator", HUB_COORDINATORS))
    client.post(
        reverse("wagtailsnippets_members_organisation:edit", args=[organisation.pk]),
        {"name": "Routes Out", "slug": "routes-out", "kind": "specialist", "active": "on"},
    )
    assert OrganisationDirectoryPage.objects.filter(organisation=organisation).exists()


def test_creating_the_directory_in_the_admin_keeps_the_page_tree_sound(client, haven, home_page):
    client.force_login(make_user("admin", is_superuser=True))
    client.post(
        reverse("wagtailadmin_pages:add", args=["directory", "directoryindexpage", home_page.pk]),
        nested_form_data(
            {"title": "Find support", "slug": "directory", "summary": "", "intro": rich_text(""), "action-publish": "1"}
        ),
    )
    directory_page = DirectoryIndexPage.objects.get()
    assert (directory_page.live, directory_page.numchild, Page.find_problems()) == (True, 1, ([], [], [], [], []))


@pytest.mark.parametrize("model", ["councilarea", "healthboard", "pilotarea", "taxonomy", "taxonomyterm"])
def test_co_ordinators_edit_reference_data_in_the_admin(client, directory_page, model):
    client.force_login(make_user("coordinator", HUB_COORDINATORS))
    assert client.get(reverse(f"wagtailsnippets_directory_{model}:list")).status_code == 200


def test_co_ordinators_see_problem_reports_and_local_authority_contacts(client, directory_page):
    client.force_login(make_user("coordinator", HUB_COORDINATORS))
    statuses = {
        client.get(reverse(f"wagtailsnippets_directory_{model}:list")).status_code
        for model in ("problemreport", "localauthoritycontact")
    }
    assert statuses == {200}


def test_editors_cannot_open_local_authority_contacts(client, haven_editor):
    client.force_login(haven_editor)
    response = client.get(reverse("wagtailsnippets_directory_localauthoritycontact:list"))
    assert response.url == reverse("wagtailadmin_home")


def test_the_problem_reports_list_costs_the_same_queries_however_long_it_is(client, haven, directory_page):
    section = onboard_organisation(haven).sections[0]
    service = section.add_child(instance=ServicePage(title="Haven drop-in"))
    client.force_login(make_user("coordinator", HUB_COORDINATORS))
    url = reverse("wagtailsnippets_directory_problemreport:list")
    ProblemReport.objects.create(service=service, kind="closed")
    client.get(url)  # warm-up: the first signed-in request stores the session's CSRF token
    with CaptureQueriesContext(connection) as short_list:
        client.get(url)
    for _ in range(4):
        ProblemReport.objects.create(service=service, kind="details")
    with CaptureQueriesContext(connection) as long_list:
        client.get(url)
    assert len(long_list) == len(short_list)
