"""Listings due or overdue for review, and the reminders their organisation's editors get: once per stage."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from wagtail import hooks
from wagtail.models import Revision

from directory import freshness
from directory.models import DirectoryIndexPage, OrganisationDirectoryPage, ServiceLocation, ServicePage
from members.models import Organisation
from members.roles import editors_group_name

TODAY = datetime.date(2026, 6, 1)
HIDDEN_STREET = "17 Quillfeather Lane"


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server is down.")


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def haven(home_page):
    """Haven, onboarded into the directory, with one editor."""
    organisation = Organisation.objects.create(name="Haven Women's Network", slug="haven")
    home_page.add_child(instance=DirectoryIndexPage(title="Find support", slug="directory"))
    editor = get_user_model().objects.create_user("haven-editor", "editor@haven.example.org", "a-long-password-1")
    editor.groups.add(Group.objects.get(name=editors_group_name(organisation)))
    return OrganisationDirectoryPage.objects.get(organisation=organisation)


def add_service(section, title, review_due, *, live=True, **fields):
    service = section.add_child(
        instance=ServicePage(
            title=title, last_checked=review_due - datetime.timedelta(days=182), review_due=review_due, **fields
        )
    )
    if live:
        service.save_revision().publish()
    else:
        service.unpublish()
    return ServicePage.objects.get(pk=service.pk)


def titles(services):
    return sorted(service.title for service in services)


def sent_for(service):
    service = ServicePage.objects.get(pk=service.pk)
    return (service.due_reminder_sent_for, service.overdue_reminder_sent_for)


# Which listings need review


def test_due_soon_is_live_listings_due_within_30_days(haven):
    add_service(haven, "Due in 10 days", days(10))
    add_service(haven, "Due today", TODAY)
    add_service(haven, "Due in 40 days", days(40))
    add_service(haven, "Overdue", days(-1))
    add_service(haven, "Draft due in 10 days", days(10), live=False)
    assert titles(freshness.due_soon(TODAY)) == ["Due in 10 days", "Due today"]


def test_overdue_is_live_listings_past_their_review_date(haven):
    add_service(haven, "Due today", TODAY)
    add_service(haven, "Overdue", days(-1))
    add_service(haven, "Draft overdue", days(-1), live=False)
    assert titles(freshness.overdue(TODAY)) == ["Overdue"]


def test_needing_review_labels_each_listing(haven):
    add_service(haven, "Due in 10 days", days(10))
    add_service(haven, "Overdue", days(-1))
    assert [(s.title, s.review_status) for s in freshness.needing_review(TODAY)] == [
        ("Overdue", "overdue"),
        ("Due in 10 days", "due"),
    ]


# Reminders


def test_editors_are_emailed_when_a_listing_becomes_due(haven):
    add_service(haven, "Haven drop-in", days(10))
    freshness.send_review_reminders(TODAY)
    assert [(m.to, "Haven drop-in" in m.body) for m in mail.outbox] == [(["editor@haven.example.org"], True)]


def test_the_due_reminder_is_recorded_for_the_review_date(haven):
    service = add_service(haven, "Haven drop-in", days(10))
    freshness.send_review_reminders(TODAY)
    assert sent_for(service) == (days(10), None)


def test_a_reminder_is_never_sent_twice_for_the_same_stage_and_date(haven):
    add_service(haven, "Haven drop-in", days(10))
    freshness.send_review_reminders(TODAY)
    freshness.send_review_reminders(days(1))
    assert len(mail.outbox) == 1


def test_an_overdue_reminder_follows_the_due_reminder(haven):
    service = add_service(haven, "Haven drop-in", days(10))
    freshness.send_review_reminders(TODAY)
    freshness.send_review_reminders(days(11))
    assert ([m.subject.startswith("Overdue") for m in mail.outbox], sent_for(service)) == (
        [False, True],
        (days(10), days(10)),
    )


def test_a_new_review_date_starts_the_reminders_again(haven):
    service = add_service(haven, "Haven drop-in", days(10))
    freshness.send_review_reminders(TODAY)
    ServicePage.objects.filter(pk=service.pk).update(review_due=days(20))
    freshness.send_review_reminders(TODAY)
    assert len(mail.outbox) == 2


def test_one_email_per_organisation_lists_all_its_listings(haven):
    add_service(haven, "Haven drop-in", days(10))
    add_service(haven, "Haven helpline", days(-3))
    freshness.send_review_reminders(TODAY)
    assert [("Haven drop-in" in m.body, "Haven helpline" in m.body) for m in mail.outbox] == [(True, True)]


def test_recording_a_reminder_creates_no_revision(haven):
    add_service(haven, "Haven drop-in", days(10))
    before = Revision.objects.count()
    freshness.send_review_reminders(TODAY)
    assert Revision.objects.count() == before


def test_the_email_never_includes_a_hidden_address(haven):
    service = ServicePage(title="Haven safe house", last_checked=days(-172), review_due=days(10))
    service.locations.add(
        ServiceLocation(town="Edinburgh", address_1=HIDDEN_STREET, postcode="EH9 9ZZ", visibility="hidden")
    )
    haven.add_child(instance=service)
    service.save_revision().publish()
    freshness.send_review_reminders(TODAY)
    message = mail.outbox[0]
    assert not any(secret in message.subject + message.body for secret in (HIDDEN_STREET, "EH9 9ZZ", "EH9"))


def test_the_email_links_to_the_listing_in_the_admin(haven):
    service = add_service(haven, "Haven drop-in", days(10))
    freshness.send_review_reminders(TODAY)
    assert f"http://testserver/admin/pages/{service.pk}/edit/" in mail.outbox[0].body


def test_other_organisations_editors_and_inactive_editors_are_not_emailed(haven):
    north = Organisation.objects.create(name="Northern Lights Outreach", slug="northern-lights")
    north_editors = Group.objects.create(name=editors_group_name(north))
    get_user_model().objects.create_user("north", "editor@north.example.org").groups.add(north_editors)
    get_user_model().objects.create_user("gone", "gone@haven.example.org", is_active=False).groups.add(
        Group.objects.get(name=editors_group_name(haven.organisation))
    )
    add_service(haven, "Haven drop-in", days(10))
    freshness.send_review_reminders(TODAY)
    assert [m.to for m in mail.outbox] == [["editor@haven.example.org"]]


def test_without_an_editor_to_email_nothing_is_recorded_so_the_reminder_waits(haven):
    get_user_model().objects.filter(username="haven-editor").update(email="")
    service = add_service(haven, "Haven drop-in", days(10))
    summary = freshness.send_review_reminders(TODAY)
    assert (sent_for(service), summary.without_editors) == ((None, None), ["Haven Women's Network"])


def test_a_reminder_that_cannot_be_sent_is_tried_again_next_time(haven, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"
    service = add_service(haven, "Haven drop-in", days(10))
    summary = freshness.send_review_reminders(TODAY)
    assert (summary.failed, sent_for(service)) == (1, (None, None))


def test_a_dry_run_sends_and_records_nothing(haven):
    service = add_service(haven, "Haven drop-in", days(10))
    summary = freshness.send_review_reminders(TODAY, dry_run=True)
    assert (len(mail.outbox), sent_for(service), summary.emails) == (0, (None, None), 1)


# The command


def test_the_command_prints_a_summary(haven):
    add_service(haven, "Haven drop-in", datetime.date.today() + datetime.timedelta(days=5))
    out = StringIO()
    call_command("send_review_reminders", stdout=out)
    assert "Directory listings: sent 1 email(s) about 1 listing(s) due for review and 0 overdue." in out.getvalue()


def test_the_command_can_act_for_another_date_as_a_dry_run(haven):
    add_service(haven, "Haven drop-in", days(10))
    out = StringIO()
    call_command("send_review_reminders", "--dry-run", "--date", "2026-06-01", stdout=out)
    assert (out.getvalue().strip(), len(mail.outbox)) == (
        "Directory listings: would send 1 email(s) about 1 listing(s) due for review and 0 overdue.",
        0,
    )


def test_the_command_fails_when_emails_could_not_be_sent(haven, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"
    add_service(haven, "Haven drop-in", datetime.date.today() + datetime.timedelta(days=5))
    with pytest.raises(CommandError, match="could not be sent"):
        call_command("send_review_reminders", stdout=StringIO())


def test_the_command_rejects_a_date_it_cannot_read(db):
    with pytest.raises(CommandError, match="use YYYY-MM-DD"):
        call_command("send_review_reminders", "--date", "1 June", stdout=StringIO())


def test_other_apps_add_their_reminders_with_a_hook(db):
    out = StringIO()
    with hooks.register_temporarily("send_review_reminders", lambda today, dry_run: "Resources: sent 0 email(s)."):
        call_command("send_review_reminders", stdout=out)
    assert "Resources: sent 0 email(s)." in out.getvalue()


def test_publishing_a_draft_made_before_a_reminder_keeps_the_record_of_it(haven):
    service = add_service(haven, "Haven drop-in", days(10))
    service.title = "Haven drop-in centre"
    draft = service.save_revision()
    freshness.send_review_reminders(TODAY)
    draft.publish()
    freshness.send_review_reminders(TODAY)
    assert len(mail.outbox) == 1


def test_a_new_listing_starts_without_reminder_records(haven):
    service = add_service(haven, "Haven drop-in", days(10), due_reminder_sent_for=days(10))
    assert sent_for(service) == (None, None)
