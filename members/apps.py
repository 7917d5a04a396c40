from django.apps import AppConfig


class MembersConfig(AppConfig):
    """Member organisations, their people and roles, and the multi-agency group."""

    name = "members"
    verbose_name = "Members"

    def ready(self):
        from . import receivers, signals  # noqa: F401  (group set-up, minutes privacy, editors group names)
