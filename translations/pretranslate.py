"""Machine pre-translation of pages: the result is always a draft for an editor to review.

``machine_translate_page`` extracts the page's current content (a sync), fills every string
that has no translation yet with the configured machine translator, and saves the target page
without publishing: a new translation is created unpublished, an existing live one gets a new
draft revision and stays as it is for readers. Ancestors without a translation in the locale
are pre-translated first (a page needs its parent there).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from base.translation_status import source_pages
from translations.machine import MachineTranslationError, OfflineTranslator


@dataclass
class Outcome:
    page: Page  # the source page
    target: Page  # its translation (a draft revision)
    created: bool
    strings: int


def translator():
    return get_machine_translator() or OfflineTranslator({})


def source_of(page):
    """The page ``page``'s group is translated from (``base.translation_status.source_pages``)."""
    group = Page.objects.filter(translation_key=page.translation_key)
    return source_pages(group).order_by("pk").first() or page


def missing_strings(translation):
    """{StringValue: [(string id, context id)]} of the segments without a translation."""
    segments = list(translation.source.stringsegment_set.select_related("string"))
    done = set(
        StringTranslation.objects.filter(
            locale=translation.target_locale,
            translation_of_id__in={segment.string_id for segment in segments},
        ).values_list("translation_of_id", "context_id")
    )
    missing = defaultdict(list)
    for segment in segments:
        if (segment.string_id, segment.context_id) not in done:
            missing[segment.string.as_value()].append((segment.string_id, segment.context_id))
    return missing


def machine_translate_page(page, locale, user=None, machine=None):
    """Pre-translate ``page`` (a source page) into ``locale`` as a draft; returns an Outcome."""
    page = page.specific
    machine = machine or translator()
    parent = page.get_parent()
    if parent.depth > 1 and parent.get_translation_or_none(locale) is None:
        machine_translate_page(source_of(parent), locale, user=user, machine=machine)
    if not machine.can_translate(page.locale, locale):
        raise MachineTranslationError(f"{machine.display_name} cannot translate into {locale}.")
    with transaction.atomic():
        source, _created = TranslationSource.update_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        created = page.get_translation_or_none(locale) is None
        missing = missing_strings(translation)
        if missing:
            results = machine.translate(source.locale, locale, list(missing))
            for string, occurrences in missing.items():
                value = results.get(string)
                if not isinstance(value, StringValue) or value.data is None:
                    continue
                for string_id, context_id in occurrences:
                    StringTranslation.objects.update_or_create(
                        translation_of_id=string_id,
                        locale=locale,
                        context_id=context_id,
                        defaults={
                            "data": value.data,
                            "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                            "tool_name": machine.display_name,
                            "last_translated_by": user,
                            "has_error": False,
                            "field_error": "",
                        },
                    )
        translation.save_target(user=user, publish=False)
    target = page.get_translation(locale)
    return Outcome(page=page, target=target, created=created, strings=len(missing))


def pages_to_translate(root, locale):
    """Source pages in ``root``'s subtree (``root`` included, parents first) whose translation
    into ``locale`` is missing or out of date."""
    from base.translation_status import out_of_date

    pages = Page.objects.descendant_of(root, inclusive=True).exclude(locale=locale)
    stale_keys = set(
        out_of_date(Page.objects.filter(locale=locale)).values_list("translation_key", flat=True)
    )
    translated_keys = set(
        Page.objects.filter(locale=locale, alias_of__isnull=True).values_list(
            "translation_key", flat=True
        )
    )
    for page in source_pages(pages.filter(depth__gt=1)).order_by("path").iterator():
        if page.translation_key not in translated_keys or page.translation_key in stale_keys:
            yield page


def machine_translate_subtree(root, locale, user=None):
    machine = translator()
    return [
        machine_translate_page(page, locale, user=user, machine=machine)
        for page in pages_to_translate(root, locale)
    ]
