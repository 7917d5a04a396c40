"""In production, background work is stored by the database task backend and done by the worker (db_worker)."""

import signal
from unittest import mock

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from core.mail import send_email
from core.models import PortalDocument
from home.models import StandardPage

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_tasks(settings, tmp_path):
    """Production's task backend. The worker's between-task close_old_connections() would close the test's
    connection, in its transaction (on PostgreSQL), so it is left out here."""
    settings.TASKS = DATABASE_TASKS
    settings.MEDIA_ROOT = tmp_path / "media"
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        yield


def run_worker():
    """What `manage.py db_worker --batch` does: every task that is ready, then stop (without its signal handlers)."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def queued(task_path):
    return DBTaskResult.objects.filter(task_path=task_path)


def test_an_email_waits_in_the_database_for_the_worker(database_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_email("Problem reported", "The drop-in has closed.", ["coord@example.org"])
    assert (queued("core.mail.send_email_task").count(), mail.outbox) == (1, [])
    run_worker()
    assert (queued("core.mail.send_email_task").get().status, mail.outbox[0].subject) == (
        "SUCCESSFUL",
        "Problem reported",
    )


def test_a_document_is_read_by_the_worker(database_tasks):
    document = PortalDocument(title="Guide", file=ContentFile(b"Safety planning with women.", name="guide.txt"))
    document.save()
    assert queued("core.tasks.extract_document_text").count() == 1
    assert PortalDocument.objects.get(pk=document.pk).extracted_text == ""
    run_worker()
    assert "Safety planning" in PortalDocument.objects.get(pk=document.pk).extracted_text


def test_search_is_updated_by_the_worker_after_a_save(database_tasks, home_page):
    page = home_page.add_child(instance=StandardPage(title="Kelpiewater guidance", slug="kelpie"))
    assert queued("modelsearch.tasks.insert_or_update_object_task").exists()
    run_worker()
    assert list(StandardPage.objects.search("Kelpiewater")) == [page]


@pytest.fixture
def keep_signal_handlers():
    """db_worker installs its own SIGINT, SIGTERM and SIGQUIT handlers: give pytest its own back."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


def test_the_worker_command_runs_what_is_queued(
    database_tasks, keep_signal_handlers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_email("Invitation", "Join us.", ["a@example.org"])
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    assert mail.outbox[0].subject == "Invitation"
