from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Übersetzungen")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published
        from wagtail_localize.models import TranslationSource

        from translations.counterparts import page_published as counterparts_on_publish
        from translations.signals import source_synced

        post_save.connect(source_synced, sender=TranslationSource, dispatch_uid="source-synced")
        # New pages' counterparts: on publish here, on an explicit admin save by the hooks of
        # translations/wagtail_hooks.py, never on an autosave (translations/counterparts.py).
        page_published.connect(counterparts_on_publish, dispatch_uid="translations-counterparts")

        from translations.slugs import chinese_page_published

        # Pinyin slugs for Chinese translations when first published (translations/slugs.py).
        page_published.connect(chinese_page_published, dispatch_uid="translations-pinyin-slug")
