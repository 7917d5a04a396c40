"""Resources past their "review by" date: the admin report's list, and one reminder per date to the editors."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import get_admin_base_url

from members.reminders import ReminderSummary, remind_organisations

from .models import ResourceLibraryPage, ResourcePage


def past_review(today=None):
    """Live resources whose "review by" date has passed, oldest first."""
    return (
        ResourcePage.objects.live()
        .filter(review_by__lt=today or timezone.localdate())
        .select_related("organisation")
        .order_by("review_by", "title", "pk")
    )


NOT_REMINDED = Q(review_reminder_sent_for__isnull=True) | ~Q(review_reminder_sent_for=F("review_by"))


def claim(resources):
    """Record the reminder as sent, one conditional update a row, keeping only what this run recorded."""
    return [
        r
        for r in resources
        if ResourcePage.objects.filter(pk=r.pk, review_by=r.review_by)
        .filter(NOT_REMINDED)
        .update(review_reminder_sent_for=r.review_by)
    ]


def release(resources):
    ResourcePage.objects.filter(pk__in=[r.pk for r in resources]).update(review_reminder_sent_for=None)


def count(summary, resources):
    summary.overdue += len(resources)


def send_review_reminders(today=None, dry_run=False):
    """Email each organisation's editors about resources past their review date, once per date."""
    today = today or timezone.localdate()
    summary = ReminderSummary(
        "Library resources",
        dry_run=dry_run,
        describe="{overdue} resource(s) past their review date",
        applies=ResourceLibraryPage.objects.exists(),
    )
    pending = {}
    for resource in past_review(today).filter(NOT_REMINDED):
        pending.setdefault(resource.organisation, []).append(resource)
    return remind_organisations(summary, pending, claim, release, reminder_email, count)


def reminder_email(organisation, resources, recipients):
    base_url = get_admin_base_url() or ""
    context = {
        "organisation": organisation,
        "resources": [
            {
                "title": r.title,
                "review_by": r.review_by,
                "edit_url": base_url + reverse("wagtailadmin_pages:edit", args=[r.pk]),
            }
            for r in resources
        ],
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = f"{len(resources)} resource(s) of {organisation.name} are due for review"
    body = render_to_string("resources/emails/review_reminder.txt", context)
    return EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, recipients, headers={"Auto-Submitted": "auto-generated"}
    )
