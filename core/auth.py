"""Authentication that refuses demo accounts where settings say they are not allowed."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


def is_demo_account(user):
    """True if load_initial_data created this user for local use."""
    return user.groups.filter(name=settings.DEMO_ACCOUNTS_GROUP).exists()


class PortalModelBackend(ModelBackend):
    """Django's model backend, but demo accounts cannot sign in under production settings."""

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        return settings.DEMO_ACCOUNTS_ALLOWED or not is_demo_account(user)

    def get_user(self, user_id):
        user = super().get_user(user_id)
        if user is not None and not settings.DEMO_ACCOUNTS_ALLOWED and is_demo_account(user):
            return None
        return user
