"""The portal's roles exist, and Wagtail's catch-all default groups do not."""

import pytest
from django.contrib.auth.models import Group

from members.roles import ALL_ROLES


@pytest.mark.django_db
def test_roles_are_created_by_migrations():
    assert set(ALL_ROLES) <= set(Group.objects.values_list("name", flat=True))


@pytest.mark.django_db
def test_default_groups_that_could_bypass_review_are_gone():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
