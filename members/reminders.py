"""One reminder loop for every part of the portal that asks organisations' editors to review their content.

An app says what each organisation has pending, how to claim an item (record that its reminder was sent, so two
runs at once never both send), how to release a claim when the email fails, and what the email says; this module
does the rest and returns a summary for the send_review_reminders command.

The emails go through the portal's email task (core.mail), called here rather than queued: the command already
runs in the background (from a scheduler), and it must know at once whether a send failed, to release the claim
so that the next run tries again.
"""

import logging
from dataclasses import dataclass, field

from core.mail import as_json, send_email_task

from .permissions import editor_users

logger = logging.getLogger(__name__)


def editor_emails(organisation):
    """The addresses of the organisation's active editors."""
    return sorted(set(editor_users(organisation).exclude(email="").values_list("email", flat=True)))


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
    #: How a line describes the items: "{due} listing(s) due for review and {overdue} overdue".
    describe: str = "{due} listing(s) due for review and {overdue} overdue"
    #: False when the part of the portal does not exist on this site: the summary then says nothing.
    applies: bool = True

    def __str__(self):
        if not self.applies:
            return ""
        verb = "would send" if self.dry_run else "sent"
        line = f"{self.name}: {verb} {self.emails} email(s) about " + self.describe.format(
            due=self.due, overdue=self.overdue
        )
        if self.without_editors:
            line += f"; no editor with an email address at {', '.join(self.without_editors)}"
        if self.failed:
            line += f"; {self.failed} email(s) failed and will be tried again on the next run"
        return line + "."


def remind_organisations(summary, pending, claim, release, build_email, count):
    """Email each organisation's editors once about what it has pending.

    ``pending`` maps organisations to their items (any shape); ``claim(items)`` returns the items this run
    recorded as reminded (empty if another run got there first); ``release(items)`` undoes that after a failed
    send; ``build_email(organisation, items, recipients)`` makes the message; ``count(summary, items)`` adds the
    items to the summary's figures.
    """
    for organisation, items in sorted(pending.items(), key=lambda item: item[0].name):
        recipients = editor_emails(organisation)
        if not recipients:
            summary.without_editors.append(organisation.name)
            continue
        if not summary.dry_run:
            items = claim(items)
            if not items:
                continue
            try:
                send_email_task.call(as_json(build_email(organisation, items, recipients)))
            except Exception:
                logger.exception("Could not send the %s reminder to %s's editors", summary.name, organisation)
                release(items)
                summary.failed += 1
                continue
        summary.emails += 1
        count(summary, items)
    return summary
