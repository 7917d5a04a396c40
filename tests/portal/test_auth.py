"""Demo accounts are refused where settings forbid them, including for existing sessions."""

import pytest
from django.contrib.auth.models import Group


@pytest.fixture
def demo_user(django_user_model, settings):
    user = django_user_model.objects.create_superuser("demo", "demo@example.org", "a-demo-password-1")
    user.groups.add(Group.objects.create(name=settings.DEMO_ACCOUNTS_GROUP))
    return user


@pytest.mark.django_db
def test_demo_account_signs_in_locally(client, demo_user):
    assert client.login(username="demo", password="a-demo-password-1")


@pytest.mark.django_db
def test_demo_account_is_refused_under_production_rules(client, demo_user, settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    assert not client.login(username="demo", password="a-demo-password-1")


@pytest.mark.django_db
def test_existing_demo_session_is_dropped_under_production_rules(client, demo_user, settings):
    client.force_login(demo_user)
    settings.DEMO_ACCOUNTS_ALLOWED = False
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
