from django.apps import AppConfig


class MembersConfig(AppConfig):
    """Member organisations, their people and roles, and the multi-agency group."""

    name = "members"
    verbose_name = "Members"

    def ready(self):
        from . import signals  # noqa: F401  (keeps editors groups named after their organisations)
