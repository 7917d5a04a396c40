"""Send the reminders that listings (and, as apps add theirs, other content) are due or overdue for review."""

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail import hooks


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date: use YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Email each organisation's editors about their directory listings that have become due for review "
        "(within 30 days) or overdue. Each reminder is sent once per stage and review date, so it is safe to run "
        "as often as you like, on any number of servers: daily from cron is enough. Other apps add their own "
        "reminders with the 'send_review_reminders' Wagtail hook."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be sent, without sending or recording anything."
        )
        parser.add_argument(
            "--date", type=iso_date, default=None, help="Act as if today were this date (YYYY-MM-DD). Default: today."
        )

    def handle(self, *args, dry_run, date, **options):
        today = date or timezone.localdate()
        failed = 0
        for send_reminders in hooks.get_hooks("send_review_reminders"):
            summary = send_reminders(today=today, dry_run=dry_run)
            self.stdout.write(str(summary))
            failed += getattr(summary, "failed", 0)
        if failed:
            raise CommandError(f"{failed} reminder email(s) could not be sent; the next run will try them again.")
