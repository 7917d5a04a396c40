from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Site-wide pieces: base templates, safety features, search, health check."""

    name = "portal"
    verbose_name = "Portal"
