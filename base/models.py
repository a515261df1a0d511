"""The home page (the root of each locale's tree) and the QuerySets the delivery API shares."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


class TaxonomyQuerySet(models.QuerySet):
    """Taxonomy snippets for the API: the default-locale entries, labelled in a given locale.

    Pages point at the default-locale entries (``default_locale_only``), so those are the stable
    ones; ``localised`` annotates each with ``api_<field>`` taken from its translation in the
    requested locale (by ``translation_key``), falling back to the default-locale text, and
    ``api_locale`` with the language the label is in. No extra query per entry.
    """

    localised_fields = ("name",)

    def localised(self, language_code):
        """Entries annotated with ``api_<field>`` and ``api_locale`` for ``language_code``."""
        translation = self.model._default_manager.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=language_code
        )
        annotations = {
            f"api_{field}": Coalesce(Subquery(translation.values(field)[:1]), F(field))
            for field in self.localised_fields
        }
        annotations["api_locale"] = Coalesce(
            Subquery(translation.values("locale__language_code")[:1]),
            F("locale__language_code"),
        )
        return self.annotate(**annotations)

    def for_api(self, language_code):
        """The default-locale entries (the ones pages refer to), labelled in the locale."""
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        return self.filter(locale__language_code=default).localised(language_code)


DEFAULT_API_RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


# Widths of the responsive images' srcset (setting API_SRCSET_WIDTHS).
DEFAULT_API_SRCSET_WIDTHS = (400, 800, 1200, 1600)


def named_renditions():
    """The named image renditions of the API (setting ``API_RENDITIONS``): name → filter spec."""
    return getattr(settings, "API_RENDITIONS", DEFAULT_API_RENDITIONS)


def srcset_renditions():
    """The renditions of an image's ``srcset``: (format, width) → filter spec, each width of
    ``API_SRCSET_WIDTHS`` in WebP and in the original format (never upscaled)."""
    specs = {}
    for width in getattr(settings, "API_SRCSET_WIDTHS", DEFAULT_API_SRCSET_WIDTHS):
        specs[("webp", width)] = f"width-{width}|format-webp"
        specs[("original", width)] = f"width-{width}"
    return specs


def api_renditions():
    """Every image rendition of the API: name → filter spec; the named ones and the srcset
    ones (``srcset-webp-800``).

    Defined once: the API reads these renditions (never generating one during a request), and
    the background task that pre-generates renditions on upload and publish creates them.
    """
    srcset = {f"srcset-{fmt}-{width}": spec for (fmt, width), spec in srcset_renditions().items()}
    return {**named_renditions(), **srcset}


def rendition_prefetch(image_field):
    """A Prefetch of the existing named renditions of the image in the ForeignKey
    ``image_field``, stored where ``Image.find_existing_renditions`` looks for them."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        f"{image_field}__renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=list(api_renditions().values())),
        to_attr="prefetched_renditions",
    )


def visible_q():
    """Pages the public may see: live, not expired, not scheduled, under no view restriction.

    ``expire_at`` and ``go_live_at`` are checked here too, so a page past its expiry is hidden
    even before the ``publish_scheduled`` cron has unpublished it. The view-restriction test is
    a correlated subquery (a restriction covers its page and every descendant), so unlike
    ``PageQuerySet.public()`` it costs no query of its own and also works inside subqueries.
    """
    now = timezone.now()
    # The restricted page's path is a prefix of the page's path.
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return (
        Q(live=True)
        & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        & (Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        & ~Exists(restricted)
    )


# Page ids are 32-bit integers on every database.
MAX_PAGE_ID = 2_147_483_647


def translation_keys_of(model, id_or_slug):
    """A subquery of the translation_key of the ``model`` page given by id or slug in any
    locale; an id or slug that matches no page matches no row."""
    lookup = Q(slug=id_or_slug)
    if id_or_slug.isascii() and id_or_slug.isdigit():
        page_id = int(id_or_slug)
        lookup = Q(pk=page_id) if page_id <= MAX_PAGE_ID else Q(pk__in=[])
    return model._default_manager.filter(lookup).values("translation_key")


_locale_ids = {}


def locale_id_of(language_code):
    """The id of the locale ``language_code`` (remembered per process; a saved or deleted
    Locale clears the memory), or a subquery when there is none. A literal id, unlike a
    subquery, lets the planner use the (content type, locale, title) index for counts."""
    if not _locale_ids:
        _locale_ids.update(Locale.objects.values_list("language_code", "pk"))
    if language_code in _locale_ids:
        return _locale_ids[language_code]
    return Subquery(Locale.objects.filter(language_code=language_code).values("pk")[:1])


def forget_locale_ids(**kwargs):
    _locale_ids.clear()


models.signals.post_save.connect(forget_locale_ids, sender=Locale, dispatch_uid="locale-ids")
models.signals.post_delete.connect(forget_locale_ids, sender=Locale, dispatch_uid="locale-ids-d")


def locale_preference(field="locale__language_code"):
    """An ordering expression: the content languages in the order of the settings."""
    codes = [
        get_supported_content_language_variant(code)
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]
    return Case(
        *(When(**{field: code}, then=Value(position)) for position, code in enumerate(codes)),
        default=Value(len(codes)),
    )


class ApiPageQuerySet(PageQuerySet):
    """Page queries of the delivery API: visibility, locale with fallback, batched references.

    Each page model's QuerySet extends this one with ``for_api()`` (listing: the related rows
    the list needs, fetched in a fixed number of queries) and ``for_api_detail()``.
    """

    def visible(self):
        """Only pages the public may see (see ``visible_q``)."""
        return self.filter(visible_q())

    def in_locale(self, language_code, fallback=False):
        """Visible pages in the locale; with ``fallback``, plus one visible page (preferably the
        translation source) of each translation group that has no visible page in the locale.
        """
        # By locale id (a one-row subquery) and, for a page type, by content type: both are
        # columns of wagtailcore_page, so the (content type, locale, title) index of
        # home/migrations/0002 serves listings without scanning other types and locales.
        own = Q(locale_id=locale_id_of(language_code))
        queryset = self
        if self.model is not Page:
            queryset = queryset.filter(content_type=ContentType.objects.get_for_model(self.model))
        if not fallback:
            return queryset.visible().filter(own)
        translated = Page.objects.filter(
            visible_q(),
            translation_key=OuterRef("translation_key"),
            locale__language_code=language_code,
        )
        best_other = (
            Page.objects.filter(visible_q(), translation_key=OuterRef("translation_key"))
            .exclude(locale__language_code=language_code)
            .annotate(is_source=source_locale_exists(), preference=locale_preference())
            .order_by("-is_source", "preference", "pk")
            .values("pk")[:1]
        )
        return queryset.visible().filter(own | (~Exists(translated) & Q(pk=Subquery(best_other))))

    def count_in_locale(self, language_code, fallback=False):
        """A queryset counting the same pages as an unfiltered ``in_locale`` listing of this
        page type, on wagtailcore_page alone: no join with the type's own table, so the count
        reads only the (content type, locale) rows of the index."""
        pages = ApiPageQuerySet(model=Page).filter(
            content_type=ContentType.objects.get_for_model(self.model)
        )
        return pages.in_locale(language_code, fallback)

    def for_api(self, language_code, fallback=False):
        """Pages of a listing in the locale, with their locale row joined."""
        return self.in_locale(language_code, fallback).select_related("locale")

    def for_api_detail(self, language_code, fallback=False):
        """One page for a detail response: the same rows as ``for_api``, without deferrals."""
        return self.for_api(language_code, fallback)

    def translation_in(self, page_id, language_code, fallback=False):
        """The page of ``page_id``'s translation group in the locale (or, with ``fallback``, the
        page itself when that locale has none visible): ``page_id`` may be any translation.
        """
        group = Page.objects.filter(pk=page_id).values("translation_key")[:1]
        candidates = self.filter(translation_key=Subquery(group))
        if not fallback:
            return candidates.filter(locale__language_code=language_code)
        own_first = Case(When(locale__language_code=language_code, then=Value(0)), default=1)
        return candidates.order_by(own_first, Case(When(pk=page_id, then=0), default=1))

    def references(self, translation_keys=(), page_ids=(), children_of=(), paths=()):
        """One query for every page a response refers to: the visible pages of the given
        translation groups, the pages ``page_ids`` and their visible translations, the
        visible children of the pages ``children_of``, and the pages at ``paths`` (tree
        paths, e.g. the ancestors for breadcrumbs). Each row has ``api_visible``.
        """
        page_ids = list(page_ids)
        groups = Q(translation_key__in=list(translation_keys))
        if page_ids:
            groups |= Q(pk__in=page_ids)
        for parent in children_of:
            groups |= Q(path__startswith=parent.path, depth=parent.depth + 1)
        if paths:
            groups |= Q(path__in=list(paths))
        # The translation groups first (a small subquery on indexed columns), then their
        # pages: an index lookup per group rather than a scan of every page.
        keys = Page.objects.filter(groups).values("translation_key")
        visible = visible_q()
        from base.translation_status import source_annotations

        return (
            self.filter(Q(translation_key__in=keys), visible | Q(pk__in=page_ids))
            .annotate(
                api_visible=Case(When(visible, then=Value(True)), default=Value(False)),
                **source_annotations(),
            )
            .select_related("locale", "content_type")
            .only(
                "id",
                "title",
                "slug",
                "url_path",
                "path",
                "depth",
                "translation_key",
                "last_published_at",
                "locale__language_code",
                "content_type__app_label",
                "content_type__model",
            )
            .order_by("path")
        )


def source_locale_exists():
    """True when wagtail-localize records the row's locale as its group's translation source."""
    from wagtail_localize.models import TranslationSource

    return Exists(
        TranslationSource.objects.filter(
            object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
        )
    )


ApiPageManager = PageManager.from_queryset(ApiPageQuerySet)
