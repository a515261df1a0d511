"""Translation status: which locale is a page's source, and whether a translation is out of date.

wagtail-localize records a page's source in ``TranslationSource`` (one per translation group and
source locale): ``last_updated_at`` is when the source content was last extracted, i.e. when the
translations were last synced with it. A translation is **out of date** when its source was
published after that sync, or after the translation's own last publication (a sync whose result
is still a draft, such as a machine pre-translation, has not reached readers yet); a translation
that was never published needs work as well. Syncing and publishing the translation makes it
fresh again. A group without a ``TranslationSource`` (pages copied by code, the scale data)
counts the default locale's page as the source.
"""

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.coreutils import get_supported_content_language_variant


def source_annotations(translation_key="translation_key"):
    """``api_source_locale`` and ``api_synced_at`` of each page's translation group (the first
    source recorded for it)."""
    from wagtail_localize.models import TranslationSource

    sources = TranslationSource.objects.filter(object_id=OuterRef(translation_key)).order_by(
        "created_at", "pk"
    )
    return {
        "api_source_locale": Subquery(sources.values("locale__language_code")[:1]),
        "api_synced_at": Subquery(sources.values("last_updated_at")[:1]),
    }


def source_pages(pages):
    """The pages among ``pages`` that are their group's source (one query): the recorded
    source's locale, else the default locale's page, else — a group with no page in the default
    locale and nothing recorded, such as a profile written in Chinese by code — the page itself."""
    from wagtail.models import Page
    from wagtail_localize.models import TranslationSource

    from base.models import locale_id_of

    default_id = locale_id_of(default_language())
    recorded = TranslationSource.objects.filter(object_id=OuterRef("translation_key")).order_by(
        "created_at", "pk"
    )
    in_default = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=default_id
    )
    return pages.annotate(
        api_recorded_locale=Subquery(recorded.values("locale_id")[:1]),
        api_group_has_default=Exists(in_default),
    ).filter(
        Q(api_recorded_locale=F("locale_id"))
        | Q(api_recorded_locale__isnull=True, locale_id=default_id)
        | Q(api_recorded_locale__isnull=True, api_group_has_default=False)
    )


def default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def translation_status(page_locale, page_published, source_locale, synced_at, source_published):
    """The ``translation_status`` of one page (see the module docstring).

    ``source_locale`` is the recorded source (None: the default locale); ``source_published``
    the last publication of the source page (None when it is not live)."""
    source_locale = source_locale or default_language()
    is_source = page_locale == source_locale
    if is_source or source_published is None:
        out_of_date = False
    else:
        out_of_date = (
            page_published is None
            or source_published > page_published
            or (synced_at is not None and source_published > synced_at)
        )
    return {
        "source_locale": source_locale,
        "is_source": is_source,
        "out_of_date": out_of_date,
        "source_last_published_at": source_published,
        "last_published_at": page_published,
        "last_synced_at": synced_at,
    }


def out_of_date(pages):
    """The translations among ``pages`` that are out of date, annotated with ``api_source_locale``,
    ``api_synced_at``, ``api_source_id`` and ``api_source_published`` (the live source page of
    the group and its last publication)."""
    from wagtail.models import Page

    source_locale = Coalesce(F("api_source_locale"), Value(default_language()))
    source = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=OuterRef("api_source_code"),
        live=True,
    )
    return (
        pages.annotate(**source_annotations())
        .annotate(api_source_code=source_locale)
        .exclude(locale__language_code=F("api_source_code"))
        .annotate(
            api_source_id=Subquery(source.values("pk")[:1]),
            api_source_published=Subquery(source.values("last_published_at")[:1]),
        )
        .filter(
            Q(api_source_published__gt=F("api_synced_at"))
            | Q(api_source_published__gt=F("last_published_at"))
            | Q(api_source_published__isnull=False, last_published_at__isnull=True)
        )
    )
