from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project package as an app: its models (cache bookkeeping), management commands
    (worker, recovery, cache invalidation) and templates (the 503 pages)."""

    name = "cms"
    verbose_name = "CMS"
    default_auto_field = "django.db.models.BigAutoField"
