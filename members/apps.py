from django.apps import AppConfig


class MembersConfig(AppConfig):
    """Member organisations, their people and roles, and the multi-agency group."""

    name = "members"
    verbose_name = "Members"
