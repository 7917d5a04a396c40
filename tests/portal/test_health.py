"""The load balancer health check: each component's status, and 503 only when the database is down."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_health_is_200_when_the_database_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], {name: component["status"] for name, component in body["components"].items()}) == (
        "ok",
        {"database": "ok", "cache": "ok", "search": "ok", "tasks": "ok"},
    )
    assert not response.cookies
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_health_is_503_when_the_database_is_unreachable(client):
    with mock.patch("portal.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["components"]["database"] == {"status": "down"}
    assert not response.cookies


@pytest.mark.django_db
def test_health_answers_whatever_host_the_load_balancer_uses(client):
    response = client.get("/health/", HTTP_HOST="10.0.0.12:8000")
    assert response.status_code == 200


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queue_task(enqueued_ago):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from core.mail import send_email_task

    result = send_email_task.enqueue({"subject": "Waiting", "body": "", "to": ["a@example.org"]})
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - enqueued_ago)


@pytest.mark.django_db
def test_health_says_the_task_worker_keeps_up(client, database_tasks):
    queue_task(datetime.timedelta(seconds=30))
    tasks = client.get("/health/").json()["components"]["tasks"]
    assert (tasks["status"], tasks["oldest_task_seconds"] >= 30) == ("ok", True)


@pytest.mark.django_db
def test_health_says_when_tasks_wait_for_a_worker_but_stays_200(client, database_tasks):
    queue_task(datetime.timedelta(minutes=10))
    response = client.get("/health/")
    tasks = response.json()["components"]["tasks"]
    assert (response.status_code, response.json()["status"], tasks["status"], tasks["oldest_task_seconds"] >= 600) == (
        200,
        "degraded",
        "degraded",
        True,
    )


@pytest.mark.django_db
def test_health_without_the_task_table_still_answers(client, database_tasks):
    with mock.patch("portal.health.DBTaskResult.objects.ready", side_effect=OperationalError("no such table")):
        response = client.get("/health/")
    assert (response.status_code, response.json()["components"]["tasks"]) == (200, {"status": "down"})
