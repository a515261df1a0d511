"""Keeps Wagtail's Locale rows in step with the configured content languages."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale


def sync_locales(using="default"):
    """Create the Locale of each code in WAGTAIL_CONTENT_LANGUAGES that has none; return them all.

    Locales are never deleted here: removing a language from the settings must not delete content.
    """
    locales = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        language_code = get_supported_content_language_variant(code)
        locale, _created = Locale.objects.using(using).get_or_create(language_code=language_code)
        locales.append(locale)
    return locales


def content_locale_codes():
    """The language codes of the content locales, from ``WAGTAIL_CONTENT_LANGUAGES``."""
    return [
        get_supported_content_language_variant(code)
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]


def default_locale_code():
    """The default content language (``LANGUAGE_CODE``), e.g. ``de``."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)
