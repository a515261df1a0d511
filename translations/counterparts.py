"""New pages reach the other locales as draft translations.

When a page is first published (in the admin or by code) or explicitly saved in the admin, a
background task, queued when the transaction commits, creates its translation in every other
content locale that lacks one: machine pre-translated (``translations.pretranslate``) and
unpublished, so it shows up in the report of translations needing work and nothing untranslated
is ever published. Not on creation as such: Wagtail 8's editor autosaves a new page as soon as
a title is typed (a request that asks for JSON), and an abandoned form then left drafts behind
in both trees. Each later publish or explicit save only fills locales still missing.

Why draft translations and not synchronised aliases: an alias would publish the German text at
once under /zh-hans/ and in the API's Chinese responses, where readers and API consumers take it
for Chinese content; it also stays an alias (no own text) until someone converts it. A draft is
invisible until an editor publishes it, and API consumers ask for ``fallback=true`` meanwhile.

The demo loader translates its pages itself and pauses this (``paused()``); the scale loader
inserts both languages in bulk. ``TRANSLATIONS_AUTO_COUNTERPARTS`` switches it off (the test
settings do, except for the tests of this feature).
"""

import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page

_state = threading.local()


@contextmanager
def paused():
    """No counterparts for pages created inside this block (in this thread), and no pinyin
    slugs for pages published in it (``translations/slugs.py``): a bulk loader such as
    ``load_demo`` writes both languages and their slugs itself."""
    previous = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous


def is_paused():
    return getattr(_state, "paused", False)


def enabled():
    return getattr(settings, "TRANSLATIONS_AUTO_COUNTERPARTS", True) and not getattr(
        _state, "paused", False
    )


def schedule(page):
    """Queue the counterparts of ``page`` for when the current transaction commits."""
    if not enabled() or page.depth is None or page.depth <= 1 or page.alias_of_id:
        return
    from translations.tasks import create_counterparts_task

    page_id = page.pk
    transaction.on_commit(lambda: create_counterparts_task.enqueue(page_id))


def page_published(sender, instance, **kwargs):
    """Wagtail's page_published signal: a published page gets its missing counterparts."""
    schedule(instance)


def explicitly_saved(request, page):
    """The after_create_page / after_edit_page hooks: a save the editor asked for (an HTML
    form post) gets the counterparts; an autosave (which asks for JSON) does not."""
    if request.accepts("text/html"):
        schedule(page)


def create_counterparts(page):
    """Draft translations of ``page``'s group in every content locale without one; returns
    the outcomes (``translations.pretranslate.Outcome``)."""
    from base.locales import content_locale_codes
    from translations.pretranslate import machine_translate_page, source_of, translator

    existing = set(
        Page.objects.filter(translation_key=page.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    source = source_of(page)
    machine = translator()
    outcomes = []
    for locale in Locale.objects.filter(language_code__in=content_locale_codes()):
        if locale.language_code in existing:
            continue
        outcomes.append(machine_translate_page(source, locale, machine=machine))
    return outcomes
