from django.apps import AppConfig


class GroupConfig(AppConfig):
    """The multi-agency group: its page, meetings, papers, minutes, actions, declarations and calendars."""

    name = "group"
    verbose_name = "Multi-agency group"

    def ready(self):
        from . import panels, receivers  # noqa: F401  (group set-up, minutes privacy, the member-area panel)
