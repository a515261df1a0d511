from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_content_locales(**kwargs):
    """Create a Locale for every configured content language, so a new language is a setting."""
    from home.locales import sync_locales

    sync_locales(using=kwargs.get("using", "default"))


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Start"

    def ready(self):
        post_migrate.connect(sync_content_locales, sender=self)

        from home import signals

        signals.connect()  # API cache invalidation and rendition pre-generation

        from home import translated_names

        translated_names.connect()  # workflow and task names in the admin user's language
