from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The delivery API's cross-app endpoints: sitemap and robots.txt, redirects, navigation,
    delta sync (``docs/api.md``)."""

    name = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from api import signals

        signals.connect()
