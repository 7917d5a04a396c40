from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Aggregate returns, demand counts, disclosure control, dashboards and exports."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "insights"
    verbose_name = "Insights"

    def ready(self):
        from . import receivers  # noqa: F401  (counts directory searches)
