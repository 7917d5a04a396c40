from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    """The resource library: resource pages, topics, and the portal's document model with extracted text."""

    name = "resources"
    verbose_name = "Resource library"

    def ready(self):
        from . import panels, signals  # noqa: F401  (library set-up, organisation sections, the member-area panel)
