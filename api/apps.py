from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The delivery API: its machinery (parameters, envelope, schemas, the batch context,
    serialisers, cache and invalidation, rate limits) and the endpoints that belong to no app
    (pages/resolve, preview, sitemap and robots.txt, redirects, navigation, delta sync;
    ``docs/api.md``)."""

    name = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from api import invalidation, signals

        invalidation.connect()  # API cache invalidation and rendition pre-generation
        signals.connect()  # the change log of the delta sync, redirects
