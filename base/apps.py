from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_content_locales(**kwargs):
    """Create a Locale for every configured content language, so a new language is a setting."""
    from base.locales import sync_locales

    sync_locales(using=kwargs.get("using", "default"))


class BaseConfig(AppConfig):
    """The page kit every content app builds on: querysets, blocks, fields, locales, headless
    preview, translation status, and the admin behaviour shared by every page type."""

    name = "base"
    verbose_name = "Basis"

    def ready(self):
        post_migrate.connect(sync_content_locales, sender=self)

        from base import translated_names

        translated_names.connect()  # workflow and task names in the admin user's language
