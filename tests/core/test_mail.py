"""Every email goes through one background task, queued once the work that asked for it commits."""

import pytest
from django.core import mail
from django.db import transaction

from core.mail import send_email

pytestmark = pytest.mark.django_db


def test_an_email_is_sent_once_the_work_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_email("Problem reported", "The drop-in has closed.", ["coord@example.org"], reply_to=["r@example.org"])
        assert mail.outbox == []
    message = mail.outbox[0]
    assert (message.subject, message.body, message.to, message.reply_to) == (
        "Problem reported",
        "The drop-in has closed.",
        ["coord@example.org"],
        ["r@example.org"],
    )


def test_nothing_is_sent_for_work_that_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_email("Invitation", "Join us.", ["a@example.org"])
        raise RuntimeError("the invitation could not be saved")
    assert mail.outbox == []


def test_an_email_without_recipients_is_not_queued(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        send_email("Nobody", "No one to tell.", [])
    assert callbacks == []


def test_django_and_wagtail_emails_are_queued_by_the_email_backend(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "core.mail.BackgroundEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from wagtail.admin.mail import send_mail

    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Page approved", "Your page was approved.", ["editor@example.org"], html_message="<p>Approved</p>")
        assert mail.outbox == []
    message = mail.outbox[0]
    assert (message.subject, message.to, message.alternatives[0][1]) == (
        "Page approved",
        ["editor@example.org"],
        "text/html",
    )
