"""Keeping listings fresh: which live services are due or overdue for review, and reminders to their editors.

A listing is *due* from ``DUE_WITHIN_DAYS`` before its ``review_due`` date and *overdue* after it. Each stage is
emailed once per ``review_due`` date: the date it was sent for is recorded in ``due_reminder_sent_for`` or
``overdue_reminder_sent_for``, so a new check (which moves ``review_due``) starts the cycle again.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Case, CharField, F, Q, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import get_admin_base_url

from members.roles import editors_group_name

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


def editor_emails(organisation):
    """The addresses of the organisation's active editors."""
    users = get_user_model().objects.filter(groups__name=editors_group_name(organisation), is_active=True)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


@dataclass
class ReminderSummary:
    """What one run of reminders did (or, in a dry run, would do)."""

    name: str
    dry_run: bool = False
    due: int = 0
    overdue: int = 0
    emails: int = 0
    failed: int = 0
    without_editors: list[str] = field(default_factory=list)

    def __str__(self):
        verb = "would send" if self.dry_run else "sent"
        line = (
            f"{self.name}: {verb} {self.emails} email(s) about {self.due} listing(s) due for review "
            f"and {self.overdue} overdue"
        )
        if self.without_editors:
            line += f"; no editor with an email address at {', '.join(self.without_editors)}"
        if self.failed:
            line += f"; {self.failed} email(s) failed and will be tried again on the next run"
        return line + "."


def send_review_reminders(today=None, dry_run=False):
    """Email each organisation's editors about listings that became due or overdue; never twice per stage."""
    today = today or timezone.localdate()
    summary = ReminderSummary("Directory listings", dry_run=dry_run)
    pending = {}
    for stage, services in ((OVERDUE, overdue(today)), (DUE, due_soon(today))):
        for service in not_reminded(services, stage).select_related("organisation").order_by("review_due", "title"):
            pending.setdefault(service.organisation, {DUE: [], OVERDUE: []})[stage].append(service)

    for organisation, stages in sorted(pending.items(), key=lambda item: item[0].name):
        recipients = editor_emails(organisation)
        if not recipients:
            summary.without_editors.append(organisation.name)
            continue
        if not dry_run:
            stages = {stage: claim(services, stage) for stage, services in stages.items()}
            if not any(stages.values()):
                continue
            try:
                reminder_email(organisation, stages, recipients).send()
            except Exception:
                logger.exception("Could not send the review reminder to %s's editors", organisation)
                for stage, services in stages.items():
                    release(services, stage)
                summary.failed += 1
                continue
        summary.emails += 1
        summary.due += len(stages[DUE])
        summary.overdue += len(stages[OVERDUE])
    return summary


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
