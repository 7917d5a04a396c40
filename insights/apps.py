from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Aggregate returns, demand counts, disclosure control, dashboards and exports."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "insights"
    verbose_name = "Insights"
