from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Home page, standard content pages, shared blocks and site settings."""

    name = "home"
    verbose_name = "Home and content pages"
