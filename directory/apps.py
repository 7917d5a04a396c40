from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """Geography, the service directory, its search and the Open Referral UK API."""

    name = "directory"
    verbose_name = "Service directory"
