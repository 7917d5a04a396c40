from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """Geography, the service directory, its search and the Open Referral UK API."""

    name = "directory"
    verbose_name = "Service directory"

    def ready(self):
        from . import (  # noqa: F401  (connect their signal receivers; register the member-area panel)
            panels,
            reference,  # clears the cached areas and filter terms when they change
            signals,  # sets up the directory when its page is created, and each onboarded organisation
        )
