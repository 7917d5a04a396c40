"""The load balancer health check."""

from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_health_is_200_when_the_database_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert not response.cookies
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_health_is_503_when_the_database_is_unreachable(client):
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert not response.cookies


@pytest.mark.django_db
def test_health_answers_whatever_host_the_load_balancer_uses(client):
    response = client.get("/health/", HTTP_HOST="10.0.0.12:8000")
    assert response.status_code == 200
