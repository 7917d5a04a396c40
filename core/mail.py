"""Every email the portal sends: queued once the work that asked for it commits, sent by one background task.

``send_email`` is what the apps call. Email sent through Django's own API (Wagtail's moderation notices,
password resets) takes the same road, because ``EMAIL_BACKEND`` is ``BackgroundEmailBackend``, which only queues.
The task, ``send_email_task``, hands the message to ``EMAIL_DELIVERY_BACKEND`` (SMTP or the console). Tests set
``EMAIL_BACKEND`` to Django's in-memory backend, and the task then delivers there, so ``mail.outbox`` sees it.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django_tasks import task

BACKGROUND_BACKEND = f"{__name__}.BackgroundEmailBackend"


def send_email(subject, body, recipients, *, from_email=None, reply_to=(), headers=None, using=None):
    """Send a plain-text email from the background task once the current transaction commits.

    Nothing is sent for work that rolls back. Outside a transaction the email is queued at once.
    """
    recipients = list(recipients)
    if not recipients:
        return
    message = {
        "subject": str(subject),
        "body": str(body),
        "to": recipients,
        "from_email": from_email,
        "reply_to": list(reply_to),
        "headers": dict(headers or {}),
    }
    transaction.on_commit(lambda: send_email_task.enqueue(message), using=using)


@task()
def send_email_task(message):
    """Send one email, given as plain JSON values (see ``as_json``)."""
    deliver(from_json(message))


def deliver(message):
    """Hand a message to the real email backend now, raising if it cannot be sent."""
    backend = settings.EMAIL_BACKEND
    if backend == BACKGROUND_BACKEND:
        backend = settings.EMAIL_DELIVERY_BACKEND
    with get_connection(backend) as connection:
        message.connection = connection
        return message.send()


def as_json(message):
    """An EmailMessage as JSON values (attachments are not supported: the portal sends none)."""
    if message.attachments:
        raise ValueError("Emails with attachments cannot be sent in the background.")
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "from_email": message.from_email,
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "content_subtype": message.content_subtype,
    }


def from_json(data):
    """The EmailMessage that ``as_json`` described."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data.get("from_email"),
        to=data.get("to", []),
        cc=data.get("cc", []),
        bcc=data.get("bcc", []),
        reply_to=data.get("reply_to", []),
        headers=data.get("headers") or {},
    )
    for content, mimetype in data.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    message.content_subtype = data.get("content_subtype", "plain")
    return message


class BackgroundEmailBackend(BaseEmailBackend):
    """Queues each message for ``send_email_task`` once the current transaction commits; sends nothing itself."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = as_json(message)
            transaction.on_commit(lambda data=data: send_email_task.enqueue(data))
            queued += 1
        return queued
