from django.apps import AppConfig


class MembersConfig(AppConfig):
    """Member organisations, their people, roles and invitations, sign-in, onboarding and the member area."""

    name = "members"
    verbose_name = "Members"

    def ready(self):
        from . import panels, signals  # noqa: F401  (editors groups follow renames; the member area's own panel)
