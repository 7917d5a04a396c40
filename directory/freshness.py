"""Keeping listings fresh: which live services are due or overdue for review, and reminders to their editors.

A listing is *due* from ``DUE_WITHIN_DAYS`` before its ``review_due`` date and *overdue* after it. Each stage is
emailed once per ``review_due`` date: the date it was sent for is recorded in ``due_reminder_sent_for`` or
``overdue_reminder_sent_for``, so a new check (which moves ``review_due``) starts the cycle again.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Case, CharField, F, Q, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import get_admin_base_url

from members.reminders import ReminderSummary, remind_organisations

from .models import ServicePage

logger = logging.getLogger(__name__)

DUE_WITHIN_DAYS = 30
DUE, OVERDUE = "due", "overdue"
SENT_FOR = {DUE: "due_reminder_sent_for", OVERDUE: "overdue_reminder_sent_for"}


def due_soon(today=None, within_days=DUE_WITHIN_DAYS):
    """Live services whose review is due between today and ``within_days`` from now."""
    today = today or timezone.localdate()
    return ServicePage.objects.live().filter(
        review_due__gte=today, review_due__lte=today + datetime.timedelta(days=within_days)
    )


def overdue(today=None):
    """Live services whose review date has passed."""
    return ServicePage.objects.live().filter(review_due__lt=today or timezone.localdate())


def needing_review(today=None, within_days=DUE_WITHIN_DAYS):
    """Due and overdue live services, soonest first, each with ``review_status`` "due" or "overdue"."""
    today = today or timezone.localdate()
    return (
        ServicePage.objects.live()
        .filter(review_due__lte=today + datetime.timedelta(days=within_days))
        .annotate(
            review_status=Case(
                When(review_due__lt=today, then=Value(OVERDUE)), default=Value(DUE), output_field=CharField()
            )
        )
        .select_related("organisation")
        .order_by("review_due", "title", "pk")
    )


def not_reminded(services, stage):
    """The services whose reminder for this stage has not been sent for their current review date."""
    sent_for = SENT_FOR[stage]
    return services.filter(Q(**{f"{sent_for}__isnull": True}) | ~Q(**{sent_for: F("review_due")}))


def send_review_reminders(today=None, dry_run=False):
    """Email each organisation's editors about listings that became due or overdue; never twice per stage."""
    today = today or timezone.localdate()
    summary = ReminderSummary("Directory listings", dry_run=dry_run)
    pending = {}
    for stage, services in ((OVERDUE, overdue(today)), (DUE, due_soon(today))):
        for service in not_reminded(services, stage).select_related("organisation").order_by("review_due", "title"):
            pending.setdefault(service.organisation, {DUE: [], OVERDUE: []})[stage].append(service)

    def claim_stages(stages):
        claimed = {stage: claim(services, stage) for stage, services in stages.items()}
        return claimed if any(claimed.values()) else None

    def release_stages(stages):
        for stage, services in stages.items():
            release(services, stage)

    def count(summary, stages):
        summary.due += len(stages[DUE])
        summary.overdue += len(stages[OVERDUE])

    return remind_organisations(summary, pending, claim_stages, release_stages, reminder_email, count)


def claim(services, stage):
    """Record the reminder as sent, one row at a time, and keep only the services this run recorded.

    The update is conditional, so two runs at once (on two servers) never both send; ``.update()`` writes
    the page's own row and creates no revision.
    """
    sent_for = SENT_FOR[stage]
    return [
        service
        for service in services
        if not_reminded(ServicePage.objects.filter(pk=service.pk, review_due=service.review_due), stage).update(
            **{sent_for: service.review_due}
        )
    ]


def release(services, stage):
    """Undo a claim whose email could not be sent, so that the next run tries again."""
    sent_for = SENT_FOR[stage]
    for service in services:
        ServicePage.objects.filter(pk=service.pk).update(**{sent_for: getattr(service, sent_for)})


def reminder_email(organisation, stages, recipients):
    """One email to the organisation's editors listing what is overdue and what is due (never any address)."""
    base_url = get_admin_base_url() or ""

    def entries(services):
        return [
            {
                "title": service.title,
                "review_due": service.review_due,
                "edit_url": base_url + reverse("wagtailadmin_pages:edit", args=[service.pk]),
            }
            for service in services
        ]

    context = {
        "organisation": organisation,
        "overdue": entries(stages[OVERDUE]),
        "due": entries(stages[DUE]),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = render_to_string("directory/emails/review_reminder_subject.txt", context).strip()
    body = render_to_string("directory/emails/review_reminder.txt", context)
    return EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, recipients, headers={"Auto-Submitted": "auto-generated"}
    )
