from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Übersetzungen")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail_localize.models import TranslationSource

        from translations.counterparts import page_created
        from translations.signals import source_synced

        post_save.connect(source_synced, sender=TranslationSource, dispatch_uid="source-synced")
        post_save.connect(page_created, dispatch_uid="translations-page-created")
