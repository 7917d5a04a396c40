"""Resources past their "review by" date: the admin report's list, and one reminder per date to the editors."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import get_admin_base_url

from directory.freshness import ReminderSummary, editor_emails

from .models import ResourceLibraryPage, ResourcePage

logger = logging.getLogger(__name__)


def past_review(today=None):
    """Live resources whose "review by" date has passed, oldest first."""
    return (
        ResourcePage.objects.live()
        .filter(review_by__lt=today or timezone.localdate())
        .select_related("organisation")
        .order_by("review_by", "title", "pk")
    )


class ResourceReminderSummary(ReminderSummary):
    """One line for the send_review_reminders command; none at all on a site without a library."""

    has_library: bool = True

    def __str__(self):
        if not self.has_library:
            return ""
        verb = "would send" if self.dry_run else "sent"
        line = f"{self.name}: {verb} {self.emails} email(s) about {self.overdue} resource(s) past their review date"
        if self.without_editors:
            line += f"; no editor with an email address at {', '.join(self.without_editors)}"
        if self.failed:
            line += f"; {self.failed} email(s) failed and will be tried again on the next run"
        return line + "."


def send_review_reminders(today=None, dry_run=False):
    """Email each organisation's editors about resources past their review date, once per date."""
    today = today or timezone.localdate()
    summary = ResourceReminderSummary("Library resources", dry_run=dry_run)
    summary.has_library = ResourceLibraryPage.objects.exists()
    pending = {}
    not_reminded = Q(review_reminder_sent_for__isnull=True) | ~Q(review_reminder_sent_for=F("review_by"))
    for resource in past_review(today).filter(not_reminded):
        pending.setdefault(resource.organisation, []).append(resource)
    for organisation, resources in sorted(pending.items(), key=lambda item: item[0].name):
        recipients = editor_emails(organisation)
        if not recipients:
            summary.without_editors.append(organisation.name)
            continue
        if not dry_run:
            resources = [
                r
                for r in resources
                if ResourcePage.objects.filter(pk=r.pk, review_by=r.review_by)
                .filter(not_reminded)
                .update(review_reminder_sent_for=r.review_by)
            ]
            if not resources:
                continue
            try:
                reminder_email(organisation, resources, recipients).send()
            except Exception:
                logger.exception("Could not send the resource review reminder to %s's editors", organisation)
                ResourcePage.objects.filter(pk__in=[r.pk for r in resources]).update(review_reminder_sent_for=None)
                summary.failed += 1
                continue
        summary.emails += 1
        summary.overdue += len(resources)
    return summary


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
