"""Invitations: who may send them, and accepting them, including expired, reused and forged links."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.memberships import add_membership, remove_membership
from members.models import Invitation, OrganisationMembership, Role
from members.onboarding import onboard_organisation
from members.roles import GROUP_MEMBERS, HUB_MEMBERS
from tests.members.conftest import make_user

PASSWORD = "violet-harbour-lantern-42"


@pytest.fixture
def invitation(haven, coordinator):
    return Invitation.create(
        email="new.person@example.org", organisation=haven, role=Role.GROUP_MEMBER, invited_by=coordinator
    )


def accept_url(token):
    return reverse("members:accept_invitation", args=[token])


def form_data(**overrides):
    return {"first_name": "Morag", "last_name": "Reid", "password1": PASSWORD, "password2": PASSWORD, **overrides}


def test_accepting_creates_an_account_in_the_role_groups(client, invitation):
    _, token = invitation
    client.post(accept_url(token), form_data())
    user = get_user_model().objects.get(email="new.person@example.org")
    assert set(user.groups.values_list("name", flat=True)) == {HUB_MEMBERS, GROUP_MEMBERS}


def test_accepting_records_the_membership(client, invitation, haven):
    _, token = invitation
    client.post(accept_url(token), form_data())
    assert OrganisationMembership.objects.filter(organisation=haven, role=Role.GROUP_MEMBER).count() == 1


def test_only_a_hash_of_the_token_is_stored(invitation):
    stored, token = invitation
    assert token not in {stored.token_hash, str(Invitation.objects.values_list("token_hash", flat=True).get())}


def test_a_weak_password_is_refused_with_a_message(client, invitation):
    _, token = invitation
    response = client.post(accept_url(token), form_data(password1="password", password2="password"))
    assert response.status_code == 400 and "too short" in response.content.decode()


def test_a_used_link_says_so(client, invitation):
    _, token = invitation
    client.post(accept_url(token), form_data())
    client.logout()
    response = client.get(accept_url(token))
    assert (response.status_code, "already been used" in response.content.decode()) == (410, True)


def test_an_expired_link_says_so(client, invitation):
    stored, token = invitation
    Invitation.objects.filter(pk=stored.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(accept_url(token), form_data())
    assert (response.status_code, "expired" in response.content.decode()) == (410, True)


def test_a_forged_link_is_not_found(client, invitation):
    response = client.get(accept_url("not-a-real-token"))
    assert (response.status_code, "not valid" in response.content.decode()) == (404, True)


def test_an_existing_account_is_asked_to_sign_in(client, invitation):
    make_user("existing", email="new.person@example.org")
    _, token = invitation
    response = client.get(accept_url(token))
    assert "already an account" in response.content.decode()


def test_an_existing_account_accepts_after_signing_in(client, invitation, haven):
    user = make_user("existing", email="new.person@example.org")
    _, token = invitation
    client.force_login(user)
    client.post(accept_url(token))
    assert OrganisationMembership.objects.filter(user=user, organisation=haven).exists()


def test_another_signed_in_account_cannot_accept(client, invitation, hub_member):
    make_user("existing", email="new.person@example.org")
    _, token = invitation
    client.force_login(hub_member)
    assert client.post(accept_url(token)).status_code == 403


def test_the_acceptance_page_is_not_cached(client, invitation):
    _, token = invitation
    assert "no-store" in client.get(accept_url(token))["Cache-Control"]


def test_a_coordinator_invites_by_email(client, coordinator, haven, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members_people"), {"email": "a@example.org", "organisation": haven.pk, "role": "editor"})
    assert mail.outbox[0].to == ["a@example.org"]


def test_the_email_carries_a_working_link(client, coordinator, haven, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members_people"), {"email": "a@example.org", "organisation": haven.pk, "role": "editor"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/members/invitation/" in line)
    client.logout()
    assert client.get(link.strip()).status_code == 200


@pytest.fixture
def haven_editor(haven):
    onboard_organisation(haven)
    user = make_user("haven-editor")
    add_membership(user, haven, Role.EDITOR)
    return user


def test_editors_may_not_invite_the_secretariat(client, haven_editor, haven):
    client.force_login(haven_editor)
    data = {"email": "a@example.org", "organisation": haven.pk, "role": "group_secretariat"}
    client.post(reverse("members_people"), data)
    assert not Invitation.objects.exists()


def test_editors_may_not_invite_to_another_organisation(client, haven_editor):
    from members.models import Organisation

    other = Organisation.objects.create(name="Other Org", slug="other")
    client.force_login(haven_editor)
    client.post(reverse("members_people"), {"email": "a@example.org", "organisation": other.pk, "role": "hub_member"})
    assert not Invitation.objects.exists()


def test_editors_invite_to_their_own_organisation(client, haven_editor, haven):
    client.force_login(haven_editor)
    client.post(reverse("members_people"), {"email": "a@example.org", "organisation": haven.pk, "role": "hub_member"})
    assert Invitation.objects.filter(organisation=haven).count() == 1


def test_hub_members_cannot_open_people(client, hub_member):
    client.force_login(hub_member)
    assert client.get(reverse("members_people")).status_code in (302, 403)


def test_an_editor_removes_a_person_and_their_permissions(client, haven_editor, haven):
    person = make_user("person")
    membership = add_membership(person, haven, Role.GROUP_MEMBER)
    client.force_login(haven_editor)
    client.post(reverse("members_remove_person", args=[membership.pk]))
    assert list(person.groups.values_list("name", flat=True)) == []


def test_leaving_one_role_keeps_groups_another_role_gives(haven):
    person = make_user("person")
    add_membership(person, haven, Role.HUB_MEMBER)
    remove_membership(add_membership(person, haven, Role.GROUP_MEMBER))
    assert list(person.groups.values_list("name", flat=True)) == [HUB_MEMBERS]


def test_editors_may_not_give_a_role_in_the_group_even_with_a_tampered_form(client, haven_editor, haven):
    client.force_login(haven_editor)
    data = {"email": "a@example.org", "organisation": haven.pk, "role": "group_member"}
    response = client.post(reverse("members_people"), data)
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_nobody_invites_themselves(client, haven_editor, haven):
    client.force_login(haven_editor)
    data = {"email": haven_editor.email.upper(), "organisation": haven.pk, "role": "editor"}
    response = client.post(reverse("members_people"), data)
    assert response.status_code == 400
    assert "You cannot invite yourself" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.fixture
def secretariat(db):
    from members.onboarding import grant_admin_access
    from members.permissions import secretariat_group

    user = make_user("secretary")
    grant_admin_access(secretariat_group())
    user.groups.add(secretariat_group())
    return user


def test_the_secretariat_gives_group_roles_only_to_organisations_with_a_seat(client, secretariat, haven):
    from group.models import GroupSeat
    from members.models import Organisation

    GroupSeat.objects.create(organisation=haven, role=GroupSeat.SeatRole.MEMBER, since=timezone.localdate())
    seatless = Organisation.objects.create(name="No Seat Org", slug="no-seat")
    client.force_login(secretariat)
    client.post(reverse("members_people"), {"email": "a@example.org", "organisation": haven.pk, "role": "group_member"})
    response = client.post(
        reverse("members_people"), {"email": "b@example.org", "organisation": seatless.pk, "role": "group_member"}
    )
    assert response.status_code == 400
    assert list(Invitation.objects.values_list("email", flat=True)) == ["a@example.org"]


def test_each_grant_is_audit_logged_and_group_grants_are_told_to_the_secretariat(
    haven, secretariat, django_capture_on_commit_callbacks
):
    from wagtail.models import ModelLogEntry

    person = make_user("new-member")
    with django_capture_on_commit_callbacks(execute=True):
        add_membership(person, haven, Role.GROUP_MEMBER, invited_by=secretariat)
    entry = ModelLogEntry.objects.get(action="members.role_granted")
    assert entry.data["person"] == "new-member" and entry.data["role"] == "group_member"
    assert any("new-member" in message.subject or "new-member" in message.body for message in mail.outbox)


def test_a_membership_deleted_anywhere_takes_its_groups_at_once(haven):
    """The Memberships snippet (administrators) deletes rows directly: the groups go all the same."""
    person = make_user("person")
    membership = add_membership(person, haven, Role.GROUP_MEMBER)
    OrganisationMembership.objects.filter(pk=membership.pk).delete()
    assert list(person.groups.values_list("name", flat=True)) == []


def test_a_changed_role_changes_the_groups(haven):
    person = make_user("person")
    membership = add_membership(person, haven, Role.GROUP_MEMBER)
    membership.role = Role.HUB_MEMBER
    membership.save()
    assert list(person.groups.values_list("name", flat=True)) == [HUB_MEMBERS]


def test_deleting_an_organisation_ends_the_groups_its_memberships_gave(haven):
    person = make_user("person")
    add_membership(person, haven, Role.GROUP_MEMBER)
    add_membership(person, haven, Role.HUB_MEMBER)
    haven.delete()
    assert list(person.groups.values_list("name", flat=True)) == []
