"""Shared machinery of the delivery API.

- parameters: ``locale`` (validated against the configured content languages, so a third
  language is a settings change only), ``fallback``, ``limit``/``offset``;
- the list envelope ``{"count": N, "items": [...]}`` and the error format ``{"detail": "..."}``;
- serialisation: page items with their translations, images as named renditions, rich text with
  localised links, StreamField blocks as ``{"type", "id", "value"}``;
- ``ApiContext``: everything a response refers to (translations, related pages, images, embeds,
  documents) is collected while serialising and fetched in one batch per kind at the end, so
  the number of queries does not grow with the number of items;
- the endpoints that are not tied to one app: ``pages/resolve`` and ``preview``.
"""

import json
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar, Union
from urllib.parse import urljoin

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone, translation
from django.utils.html import escape
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from pydantic import StringConstraints, field_validator, model_validator
from wagtail import blocks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.images.models import Filter
from wagtail.models import Page, Revision, Site
from wagtail.rich_text.rewriters import (
    FIND_A_TAG,
    FIND_EMBED_TAG,
    EmbedRewriter,
    LinkRewriter,
    extract_attrs,
)

from cms.cache import PAGES, declare, declare_page_type
from home.blocks import CallToActionBlock
from home.fields import COUNTRY_CHOICES
from home.models import (
    ApiPageQuerySet,
    HomePage,
    api_renditions,
    named_renditions,
    srcset_renditions,
)
from home.preview import PreviewTokenError, read_preview_token
from translations.status import default_language, translation_status

MAX_LIMIT = 100
# Attributes of the rich text editor's own (Draftail's block keys) that no frontend needs.
EDITOR_ATTRIBUTES = re.compile(r'\s+data-block-key="[^"]*"')
DEFAULT_LIMIT = 20
# Far beyond any real offset, and small enough for every database's integer type.
MAX_OFFSET = 1_000_000
# Page ids are 32-bit integers on every database; larger values are a 400, not a 500.
MAX_ID = 2_147_483_647

# A short text parameter without control characters (PostgreSQL rejects NUL bytes).
SafeStr = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=255, pattern=r"^[^\x00-\x1f]*$")
]
# A page slug or id as given in a filter: letters (any script), digits, "-" and "_".
SlugOrId = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=255, pattern=r"^[-\w]+$")
]
PageId = Annotated[int, Field(ge=1, le=MAX_ID)]
CountryCode = Literal[tuple(code for code, _label in COUNTRY_CHOICES)]

T = TypeVar("T")


# --- Settings ----------------------------------------------------------------------------------


def content_locale_codes():
    """The language codes of the content locales, from ``WAGTAIL_CONTENT_LANGUAGES``."""
    return [
        get_supported_content_language_variant(code)
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]


def default_locale_code():
    """The default content language (``LANGUAGE_CODE``), e.g. ``de``."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def rendition_filter_specs():
    """The filter specs of the named renditions, for ``prefetch_renditions``."""
    return list(api_renditions().values())


def validate_locale(value):
    """Return the canonical code of a content locale, or raise ValueError naming the valid ones."""
    codes = content_locale_codes()
    normalised = (value or "").strip().lower()
    if normalised not in codes:
        raise ValueError(f"Unknown locale '{value}'. Valid locales: {', '.join(codes)}.")
    return normalised


# --- Parameters and envelopes ------------------------------------------------------------------


class OutSchema(Schema):
    """Base of the response schemas. The serialisers build plain dicts, which pydantic
    validates natively; ninja's wrapper for ORM objects (a getter per field of every nested
    object) cost ~20 ms on a 20-item list, so a dict skips it. Anything else (an ORM object)
    still goes through ninja."""

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values, handler, info):
        if isinstance(values, dict) and not cls._ninja_resolvers:
            return handler(values)
        return super()._run_root_validator(values, handler, info)


class LocaleParams(Schema):
    """The ``locale`` and ``fallback`` query parameters of every content endpoint."""

    locale: str = Field(
        default_factory=default_locale_code,
        description=(
            "Content language: one of the configured locales "
            f"({', '.join(code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES)}); "
            "default: the default language."
        ),
        max_length=20,
    )
    fallback: bool = Field(
        False,
        description=(
            "Also return items that have no live translation in `locale`, in their source "
            'language and marked `"fallback": true`.'
        ),
    )

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value):
        return validate_locale(value)


class PaginationParams(Schema):
    """``limit`` and ``offset`` of a list endpoint."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (1–100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


class ListResponse(OutSchema, Generic[T]):
    """The envelope of every list: the total count and one page of items."""

    count: int
    items: list[T]


class ErrorResponse(OutSchema):
    """Every error: a human-readable message, and for invalid parameters the fields at fault."""

    detail: str
    errors: list[dict] | None = None


def paginate(queryset, pagination, count_queryset=None):
    """The total count and one page of ``queryset``: one COUNT and one SELECT.

    ``count_queryset`` counts the same rows more cheaply where a caller knows one (see
    ``ApiPageQuerySet.count_in_locale``)."""
    count = (queryset if count_queryset is None else count_queryset).count()
    start = pagination.offset
    items = list(queryset[start : start + pagination.limit]) if start < count else []
    return count, items


def order_queryset(queryset, order, orderings):
    """Apply the whitelisted ordering ``order`` (a key of ``orderings``: name → fields)."""
    return queryset.order_by(*orderings[order], "pk")


# --- Rendering and errors ----------------------------------------------------------------------


class UnicodeJSONRenderer(JSONRenderer):
    """JSON with Chinese text as UTF-8 rather than \\u escapes."""

    encoder_class = NinjaJSONEncoder
    json_dumps_params = {"ensure_ascii": False}


def error_response(api, request, status, detail, errors=None):
    """A JSON error response in the one error format of the API."""
    body = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


def format_validation_errors(exc: ValidationError):
    """Ninja's validation errors as a message naming each field, plus one entry per field."""
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("query", "limit") → "limit"; a whole-body error keeps its source as the field name.
        field = ".".join(location[1:]) or (location[0] if location else "request")
        message = error.get("msg", "Invalid value")
        errors.append(
            {"field": field, "location": location[0] if location else "", "message": message}
        )
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "Invalid request."
    return detail, errors


def api_view(view):
    """Wrap an API view: HEAD is answered like GET, a 405 answer becomes JSON, and a 404
    stays a 404.

    Without the second part, LocaleMiddleware would answer a 404 under ``/api/v1/`` with a
    redirect to ``/de/api/v1/...``, because the Wagtail page route under ``/de/`` matches any
    path; it consults ``request.urlconf``, which here becomes the API's own URLconf.
    """

    def wrapper(request, *args, **kwargs):
        head = request.method == "HEAD"
        if head:  # HEAD is a GET without the body, as everywhere else in Django
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if head:
            request.method = "HEAD"
            response.content = b""
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            body = {"detail": f"Method {request.method} not allowed. Allowed: {allowed}."}
            json_response = HttpResponse(
                json.dumps(body), status=405, content_type="application/json; charset=utf-8"
            )
            json_response["Allow"] = allowed
            return json_response
        if response.status_code == 404:
            request.urlconf = "cms.api"
        return response

    wrapper.csrf_exempt = getattr(view, "csrf_exempt", False)
    return wrapper


# --- Output schemas ----------------------------------------------------------------------------


class TranslationLink(OutSchema):
    """Another live translation of a page, for a language switcher."""

    locale: str
    id: int
    title: str
    url: str | None


class PageRef(OutSchema):
    """A compact reference to a page, in the requested locale where it is translated."""

    id: int
    type: str = Field(description='The page model, e.g. "regions.RegionPage".')
    locale: str
    title: str
    slug: str
    url: str | None = Field(description="Public path, e.g. /zh-hans/regionen/yangzhou/.")
    fallback: bool = Field(description="True when the page is not in the requested locale.")


class RenditionOut(OutSchema):
    """One named rendition of an image."""

    url: str
    width: int
    height: int


class SrcsetOut(OutSchema):
    """``srcset`` attribute values (``url 400w, url 800w, …``) of the widths generated so far."""

    webp: str = Field(description='For <source type="image/webp">.')
    original: str = Field(description="In the original format, the fallback for the <img>.")


class FocalPoint(OutSchema):
    """The focal point editors set, in pixels of the original: centre and size."""

    x: int
    y: int
    width: int
    height: int


class ImageOut(OutSchema):
    """An image: its alt text, original size, the named renditions and the srcset."""

    id: int
    title: str
    alt: str
    width: int
    height: int
    renditions: dict[str, RenditionOut] = Field(
        description="thumbnail, medium, large: those generated so far (never generated here)."
    )
    srcset: SrcsetOut = Field(
        description="Widths of API_SRCSET_WIDTHS (never wider than the original) in WebP and "
        "in the original format."
    )
    focal_point: FocalPoint | None = Field(description="For cropping on the client.")


class DocumentOut(OutSchema):
    """A document with its absolute download URL."""

    id: int
    title: str
    url: str


class EmbedOut(OutSchema):
    """An embedded medium (video, post) with its HTML from the embed cache."""

    url: str
    html: str
    title: str
    provider_name: str
    thumbnail_url: str


class StreamBlockOut(OutSchema):
    """One StreamField block. ``value`` by block type: rich text is HTML, images are ImageOut,
    page choosers PageRef, embeds EmbedOut, call_to_action has the resolved ``href``."""

    type: str
    id: str | None
    value: Any


class TaxonomyItem(OutSchema):
    """A taxonomy entry: the id pages refer to, its stable key and its label in the locale."""

    id: int = Field(description="Id of the default-locale entry; filters take this id.")
    key: str = Field(description="translation_key, the same in every locale.")
    locale: str = Field(description="The language of the label (the default one if untranslated).")
    name: str


class TranslationStatus(OutSchema):
    """Where a page stands against its translation source (``translations/status.py``)."""

    source_locale: str = Field(description="The locale the group's content is translated from.")
    is_source: bool = Field(description="True when this item is the source.")
    out_of_date: bool = Field(
        description="True when the source was published after this translation was last synced."
    )
    source_last_published_at: datetime | None
    last_published_at: datetime | None = Field(description="This item's last publication.")
    last_synced_at: datetime | None = Field(
        description="When the translations were last synced with the source (wagtail-localize)."
    )


class PageItem(OutSchema):
    """The fields every page item has, in lists and details."""

    id: int
    type: str
    locale: str
    title: str
    slug: str
    url: str | None = Field(description="Public path, e.g. /zh-hans/regionen/yangzhou/.")
    translations: list[TranslationLink] = Field(
        description="The other live translations of this page."
    )
    translation_status: TranslationStatus
    first_published_at: datetime | None
    last_published_at: datetime | None
    fallback: bool = Field(
        description="True when the item is not in the requested locale (fallback=true)."
    )


class PageDetailFields(OutSchema):
    """The fields a page detail adds to its list item."""

    seo_title: str = Field(description="The title for search engines; empty: use `title`.")
    search_description: str = Field(description="The meta description.")
    social_image: ImageOut | None = Field(
        None, description="The image for social media previews: the hero image or logo."
    )
    breadcrumbs: list[PageRef] = Field(
        [], description="The visible ancestors from the home page down to the parent."
    )


# --- Serialisation: deferred values and the request context -----------------------------------


class Deferred:
    """A value that needs data fetched in a batch; ``ApiContext.resolve`` replaces it."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[], Any]):
        self.func = func


# A resolved list entry that is left out (a reference to a page the public may not see).
OMIT = object()


class ApiContext:
    """Per-request serialisation state: the locale, and the batched lookups.

    Serialisers return dicts that may hold ``Deferred`` values; they register what they need
    (translation groups, page ids, images, embeds, documents). ``resolve`` then runs one query
    per kind of thing needed and fills the values in.
    """

    def __init__(self, request, language_code, fallback=False):
        self.request = request
        self.language_code = language_code
        self.fallback = fallback
        # A preview serialises a page built from a revision: relations come from the object.
        self.preview = False
        self.now = timezone.now()
        self._translation_keys = set()
        self._page_ids = set()
        self._parents = {}
        self._ancestor_paths = set()
        self._image_ids = set()
        self._embed_urls = set()
        self._document_ids = set()
        self._rows_by_id = {}
        self._rows_by_key = defaultdict(list)
        self._images = {}
        self._embeds = {}
        self._documents = {}
        self._preference = {code: i for i, code in enumerate(content_locale_codes())}

    # Registration ---------------------------------------------------------------------------

    def translations(self, page):
        """The other visible translations of ``page`` (a deferred list of TranslationLink)."""
        self._translation_keys.add(page.translation_key)
        own = page.locale.language_code
        return Deferred(lambda: self._translation_links(page.translation_key, own))

    def translation_status(self, page):
        """The deferred ``translation_status`` of ``page`` (``translations.status``)."""
        self._translation_keys.add(page.translation_key)
        return Deferred(lambda: self._translation_status(page))

    def page_ref(self, page_id):
        """A deferred PageRef to ``page_id`` in the requested locale, None if not visible."""
        if not page_id:
            return None
        self._page_ids.add(page_id)
        return Deferred(lambda: self._page_ref(page_id))

    def page_refs(self, page_ids):
        """Deferred PageRefs of several pages; the ones not visible are left out."""
        refs = []
        for page_id in page_ids:
            self._page_ids.add(page_id)
            refs.append(Deferred(lambda page_id=page_id: self._page_ref(page_id) or OMIT))
        return refs

    def children(self, parent, model):
        """Deferred PageRefs of the visible children of ``parent`` of type ``model``."""
        declare_page_type(self.request, model._meta.label_lower)
        self._parents[parent.pk] = parent
        return Deferred(lambda: self._children(parent, model))

    def breadcrumbs(self, page):
        """Deferred PageRefs of the visible ancestors of ``page`` below the tree root, from
        the home page down (fetched with the other references, no query of their own)."""
        steplen = page.steplen
        paths = [page.path[:end] for end in range(2 * steplen, len(page.path), steplen)]
        self._ancestor_paths.update(paths)
        return Deferred(lambda: self._breadcrumbs(paths))

    def image(self, image=None, image_id=None, alt=None):
        """An ImageOut: immediately for an image with prefetched renditions, else deferred."""
        if image is not None:
            return self._image_out(image, alt)
        if not image_id:
            return None
        self._image_ids.add(image_id)
        return Deferred(lambda: self._image_by_id(image_id, alt))

    def document(self, document_id):
        if not document_id:
            return None
        self._document_ids.add(document_id)
        return Deferred(lambda: self._document_out(document_id))

    def embed(self, url):
        if not url:
            return None
        self._embed_urls.add(url)
        return Deferred(lambda: self._embed_out(url))

    def rich_text(self, html):
        """Rich text as HTML: internal links as public URLs in the locale, images as renditions."""
        if not html:
            return ""
        for attr_string in FIND_A_TAG.findall(html):
            attrs = extract_attrs(attr_string)
            if attrs.get("linktype") == "page":
                self._page_ids.update(_int_ids([attrs.get("id")]))
            elif attrs.get("linktype") == "document":
                self._document_ids.update(_int_ids([attrs.get("id")]))
        for attr_string in FIND_EMBED_TAG.findall(html):
            attrs = extract_attrs(attr_string)
            if attrs.get("embedtype") == "image":
                self._image_ids.update(_int_ids([attrs.get("id")]))
            elif attrs.get("embedtype") == "media" and attrs.get("url"):
                self._embed_urls.add(attrs["url"])
        return Deferred(lambda: self._render_rich_text(html))

    def url(self, page):
        """The public path of a page (``/zh-hans/regionen/yangzhou/``), None if not routable."""
        parts = page.get_url_parts(self.request)
        return parts[2] if parts else None

    def absolute(self, url):
        """An absolute URL for a media or document path: ``API_MEDIA_BASE_URL`` or the request."""
        if url.startswith(("http://", "https://", "//")):
            return url
        base = getattr(settings, "API_MEDIA_BASE_URL", "") or self.request.build_absolute_uri("/")
        return urljoin(base, url)

    # Resolution -------------------------------------------------------------------------------

    def resolve(self, data):
        """Fetch what was registered (one query per kind) and fill in the deferred values."""
        self._load()
        return self._walk(data)

    def _walk(self, value):
        if isinstance(value, Deferred):
            return self._walk(value.func())
        if isinstance(value, dict):
            return {key: self._walk(item) for key, item in value.items()}
        if isinstance(value, list):
            walked = (self._walk(item) for item in value)
            return [item for item in walked if item is not OMIT]
        return value

    def _load(self):
        if self._translation_keys or self._page_ids or self._parents or self._ancestor_paths:
            rows = ApiPageQuerySet(model=Page).references(
                self._translation_keys,
                self._page_ids,
                self._parents.values(),
                self._ancestor_paths,
            )
            for row in rows:
                self._rows_by_id[row.pk] = row
                if row.api_visible:
                    self._rows_by_key[row.translation_key].append(row)
            for group in self._rows_by_key.values():
                group.sort(key=lambda row: self._preference.get(row.locale.language_code, 99))
            self._translation_keys.clear()
            self._page_ids.clear()
            self._parents.clear()
            self._ancestor_paths.clear()
        if self._image_ids:
            self._load_images()
        if self._document_ids:
            documents = get_document_model().objects.filter(pk__in=self._document_ids)
            self._documents.update({document.pk: document for document in documents})
            self._document_ids.clear()
        if self._embed_urls:
            from wagtail.embeds.models import Embed

            embeds = (
                Embed.objects.filter(url__in=self._embed_urls)
                .exclude(cache_until__lte=timezone.now())
                .order_by("max_width")
            )
            for embed in embeds:
                self._embeds.setdefault(embed.url, embed)
            self._embed_urls.clear()

    def _load_images(self):
        """The registered images with their existing named renditions: one query for the
        renditions with their images, and one more only for images that have none yet."""
        image_model = get_image_model()
        renditions = (
            image_model.get_rendition_model()
            .objects.filter(image_id__in=self._image_ids, filter_spec__in=rendition_filter_specs())
            .select_related("image")
        )
        for rendition in renditions:
            image = self._images.get(rendition.image_id)
            if image is None:
                image = self._images[rendition.image_id] = rendition.image
                image.prefetched_renditions = []
            rendition.image = image
            image.prefetched_renditions.append(rendition)
        missing = self._image_ids - self._images.keys()
        if missing:
            for image in image_model.objects.filter(pk__in=missing):
                image.prefetched_renditions = []
                self._images[image.pk] = image
        self._image_ids.clear()

    def _translation_links(self, translation_key, own_locale):
        return [
            {
                "locale": row.locale.language_code,
                "id": row.pk,
                "title": row.title,
                "url": self.url(row),
            }
            for row in self._rows_by_key.get(translation_key, ())
            if row.locale.language_code != own_locale
        ]

    def _translation_status(self, page):
        group = self._rows_by_key.get(page.translation_key, ())
        own = self._rows_by_id.get(page.pk)
        source_locale = getattr(own, "api_source_locale", None) or (
            group[0].api_source_locale if group else None
        )
        synced_at = getattr(own, "api_synced_at", None) or (
            group[0].api_synced_at if group else None
        )
        source_code = source_locale or default_language()
        source = next((row for row in group if row.locale.language_code == source_code), None)
        return translation_status(
            page.locale.language_code,
            page.last_published_at,
            source_locale,
            synced_at,
            source.last_published_at if source is not None else None,
        )

    def _localised_row(self, page_id):
        """The visible page of ``page_id``'s group in the locale, else the page itself if
        visible, else its first visible translation; None if the group has none visible.

        The response cache (``cms/cache.py``) learns what the response depends on: the type of
        the page found, or any page (a publish may make a hidden one visible)."""
        row = self._find_localised_row(page_id)
        if row is None:
            declare(self.request, PAGES)
        else:
            declare_page_type(
                self.request, f"{row.content_type.app_label}.{row.content_type.model}"
            )
        return row

    def _find_localised_row(self, page_id):
        row = self._rows_by_id.get(page_id)
        if row is None:
            return None
        group = self._rows_by_key.get(row.translation_key, ())
        for candidate in group:
            if candidate.locale.language_code == self.language_code:
                return candidate
        if row.api_visible:
            return row
        return group[0] if group else None

    def _page_ref(self, page_id):
        row = self._localised_row(page_id)
        return self.page_ref_out(row) if row is not None else None

    def page_ref_out(self, row):
        locale = row.locale.language_code
        return {
            "id": row.pk,
            "type": page_type(row),
            "locale": locale,
            "title": row.title,
            "slug": row.slug,
            "url": self.url(row),
            "fallback": locale != self.language_code,
        }

    def _children(self, parent, model):
        content_type = model._meta.label_lower
        children = [
            row
            for row in self._rows_by_id.values()
            if row.api_visible
            and row.depth == parent.depth + 1
            and row.path.startswith(parent.path)
            and row.content_type.app_label + "." + row.content_type.model == content_type
        ]
        return [self.page_ref_out(row) for row in sorted(children, key=lambda row: row.path)]

    def _breadcrumbs(self, paths):
        by_path = {row.path: row for row in self._rows_by_id.values() if row.api_visible}
        crumbs = []
        for path in paths:
            row = by_path.get(path)
            if row is None:  # an ancestor the public may not see: no link to it
                continue
            crumbs.append(self.page_ref_out(row))
        return crumbs

    def _image_by_id(self, image_id, alt):
        image = self._images.get(image_id)
        return self._image_out(image, alt) if image is not None else None

    def _image_out(self, image, alt=None):
        named = {name: Filter(spec=spec) for name, spec in named_renditions().items()}
        srcset = {key: Filter(spec=spec) for key, spec in srcset_renditions().items()}
        # Reads prefetched renditions only: an API request never generates one.
        existing = image.find_existing_renditions(*named.values(), *srcset.values())
        renditions = {}
        for name, image_filter in named.items():
            rendition = existing.get(image_filter)
            if rendition is not None:
                renditions[name] = {
                    "url": self.absolute(rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                }
        candidates = {"webp": {}, "original": {}}
        for (fmt, _width), image_filter in sorted(srcset.items(), key=lambda item: item[0][1]):
            rendition = existing.get(image_filter)
            if rendition is not None:  # an image narrower than a width: one entry per size
                candidates[fmt].setdefault(rendition.width, self.absolute(rendition.url))
        focal_point = None
        if image.has_focal_point():
            focal_point = {
                "x": image.focal_point_x,
                "y": image.focal_point_y,
                "width": image.focal_point_width,
                "height": image.focal_point_height,
            }
        return {
            "id": image.pk,
            "title": image.title,
            "alt": image.default_alt_text if alt is None else alt,
            "width": image.width,
            "height": image.height,
            "renditions": renditions,
            "srcset": {
                fmt: ", ".join(f"{url} {width}w" for width, url in entries.items())
                for fmt, entries in candidates.items()
            },
            "focal_point": focal_point,
        }

    def _document_out(self, document_id):
        document = self._documents.get(document_id)
        if document is None:
            return None
        return {"id": document.pk, "title": document.title, "url": self.absolute(document.url)}

    def _embed_out(self, url):
        embed = self._embeds.get(url)
        return {
            "url": url,
            "html": embed.html if embed else "",
            "title": embed.title if embed else "",
            "provider_name": embed.provider_name if embed else "",
            "thumbnail_url": embed.thumbnail_url if embed else "",
        }

    def _render_rich_text(self, html):
        rewrite_links = LinkRewriter(
            rules={"page": self._page_link, "document": self._document_link}
        )
        rewrite_embeds = EmbedRewriter(rules={"image": self._image_tag, "media": self._media_tag})
        return EDITOR_ATTRIBUTES.sub("", rewrite_embeds(rewrite_links(html)))

    def _page_link(self, attrs):
        page_ids = _int_ids([attrs.get("id")])
        row = self._localised_row(page_ids[0]) if page_ids else None
        url = self.url(row) if row is not None else None
        if not url:
            return "<a>"
        language = row.locale.language_code
        if language != self.language_code:  # no visible translation: marked, as on the site
            return f'<a href="{escape(url)}" hreflang="{escape(language)}">'
        return f'<a href="{escape(url)}">'

    def _document_link(self, attrs):
        document_ids = _int_ids([attrs.get("id")])
        document = self._document_out(document_ids[0]) if document_ids else None
        return f'<a href="{escape(document["url"])}">' if document else "<a>"

    def _image_tag(self, attrs):
        image_ids = _int_ids([attrs.get("id")])
        image = self._images.get(image_ids[0]) if image_ids else None
        if image is None:
            return ""
        out = self._image_out(image, attrs.get("alt"))
        renditions = out["renditions"]
        # The medium rendition suits the text column; otherwise any that exists.
        rendition = renditions.get("medium") or next(iter(renditions.values()), None)
        if rendition is None:
            return ""
        css_class = f"richtext-image {attrs.get('format', '')}".strip()
        return (
            f'<img alt="{escape(out["alt"])}" class="{escape(css_class)}" '
            f'height="{rendition["height"]}" src="{escape(rendition["url"])}" '
            f'width="{rendition["width"]}">'
        )

    def _media_tag(self, attrs):
        url = attrs.get("url", "")
        embed = self._embeds.get(url)
        if embed is not None and embed.html:
            return f'<div class="responsive-object">{embed.html}</div>'
        return f'<a href="{escape(url)}">{escape(url)}</a>' if url else ""


def _int_ids(values):
    ids = []
    for value in values:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    return ids


def page_type(page):
    """The API type of a page: its model as ``app_label.ModelName``."""
    model = type(page)
    if model is Page:
        model = page.content_type.model_class() or Page
    return f"{model._meta.app_label}.{model.__name__}"


# --- Serialisation: pages, StreamField --------------------------------------------------------


def page_item(page, ctx):
    """The fields every page item has (PageItem)."""
    locale = page.locale.language_code
    return {
        "id": page.pk,
        "type": page_type(page),
        "locale": locale,
        "title": page.title,
        "slug": page.slug,
        "url": ctx.url(page),
        "translations": ctx.translations(page),
        "translation_status": ctx.translation_status(page),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "fallback": locale != ctx.language_code,
    }


def page_detail_fields(page):
    """The fields every page detail adds (PageDetailFields)."""
    return {"seo_title": page.seo_title, "search_description": page.search_description}


def stream_out(stream_value, ctx):
    """A StreamField as a list of ``{"type", "id", "value"}``, from its raw JSON.

    Working on the raw data rather than the block values avoids one query per chooser block:
    pages, images, embeds and documents go through the context's batches.
    """
    if stream_value is None:
        return []
    return _stream_children(stream_value.stream_block, stream_value.raw_data, ctx)


def _stream_children(stream_block, raw_items, ctx):
    out = []
    for raw in raw_items or ():
        block = stream_block.child_blocks.get(raw.get("type"))
        if block is None:
            continue
        out.append(
            {
                "type": raw["type"],
                "id": raw.get("id"),
                "value": block_out(block, raw.get("value"), ctx),
            }
        )
    return out


def block_out(block, raw, ctx):
    """The API value of one block from its raw JSON value."""
    if isinstance(block, blocks.StreamBlock):
        return _stream_children(block, raw, ctx)
    if isinstance(block, blocks.ListBlock):
        items = raw or []
        return [
            block_out(
                block.child_block,
                item.get("value") if isinstance(item, dict) and "type" in item else item,
                ctx,
            )
            for item in items
        ]
    if isinstance(block, ImageBlock):
        if isinstance(raw, dict):
            alt = "" if raw.get("decorative") else (raw.get("alt_text") or None)
            return ctx.image(image_id=raw.get("image"), alt=alt)
        return ctx.image(image_id=raw)
    if isinstance(block, CallToActionBlock):
        raw = raw or {}
        page = ctx.page_ref(raw.get("page"))
        external = raw.get("url") or None
        return {
            "text": raw.get("text", ""),
            "page": page,
            "url": external,
            "href": Deferred(lambda: (ctx._walk(page) or {}).get("url") or external),
        }
    if isinstance(block, blocks.StructBlock):
        raw = raw or {}
        return {
            name: block_out(child, raw.get(name), ctx) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return ctx.rich_text(raw)
    if isinstance(block, ImageChooserBlock):
        return ctx.image(image_id=raw)
    if isinstance(block, blocks.PageChooserBlock):
        return ctx.page_ref(raw)
    if isinstance(block, DocumentChooserBlock):
        return ctx.document(raw)
    if isinstance(block, EmbedBlock):
        return ctx.embed(raw)
    if isinstance(block, blocks.StaticBlock):
        return None
    return raw


def localised_entries(entries, language_code):
    """Taxonomy entries with their ``api_*`` labels: as prefetched by ``for_api`` (no query),
    or, for a page built from a revision (preview), looked up in one query."""
    entries = list(entries)
    if not entries or all(hasattr(entry, "api_name") for entry in entries):
        return entries
    model = type(entries[0])
    by_id = model.objects.localised(language_code).in_bulk([entry.pk for entry in entries])
    return [by_id[entry.pk] for entry in entries if entry.pk in by_id]


def taxonomy_item(entry):
    """The common fields of a taxonomy entry annotated by ``TaxonomyQuerySet.localised``."""
    return {
        "id": entry.pk,
        "key": str(entry.translation_key),
        "locale": entry.api_locale,
        "name": entry.api_name,
    }


class Choice(OutSchema):
    """A choice value and its label in the requested locale."""

    value: str
    label: str


def choice_out(field, value, language_code):
    """``{"value", "label"}`` of a model field's choice, labelled in the locale."""
    if not value:
        return None
    with translation.override(language_code):
        return {"value": value, "label": str(dict(field.flatchoices).get(value, value))}


# --- Details by page type ----------------------------------------------------------------------

# Page model → (detail schema, serialiser); filled by each app's api module.
DETAIL_TYPES = {}


def register_detail(model, schema, serialiser):
    """Declare how pages of ``model`` are serialised for detail, resolve and preview."""
    DETAIL_TYPES[model] = (schema, serialiser)


# Page model → function(pages, language_code) that fetches at once what the serialiser would
# fetch per page, for responses with many details (the sync endpoint).
DETAIL_BATCH_PREPARERS = {}


def register_detail_batch(model, prepare):
    """Declare how the details of many ``model`` pages fetch their per-page data at once."""
    DETAIL_BATCH_PREPARERS[model] = prepare


# Answers of pages/resolve for a path where no page is: (schema, function(request, path) →
# dict or None); the api app registers the redirects.
RESOLVE_FALLBACKS = []


def register_resolve_fallback(schema, answer):
    """Let ``pages/resolve`` answer a path without a page with ``answer(request, path)``."""
    RESOLVE_FALLBACKS.append((schema, answer))


# The detail fields whose image serves as the social media image, in order of preference.
SOCIAL_IMAGE_FIELDS = ("hero_image", "logo")


def serialise_detail(page, ctx):
    """The detail dict of any registered page type, with its breadcrumbs and social image."""
    _schema, serialiser = DETAIL_TYPES[type(page)]
    data = serialiser(page, ctx)
    data["breadcrumbs"] = ctx.breadcrumbs(page)
    images = [data.get(name) for name in SOCIAL_IMAGE_FIELDS]
    data["social_image"] = Deferred(
        lambda: next((image for image in map(ctx._walk, images) if image), None)
    )
    return data


def detail_response(request, model, page_id, params):
    """The detail of page ``page_id`` (any of its translations) in the requested locale; with
    ``fallback``, the page itself when the locale has no visible translation."""
    queryset = model.objects if hasattr(model.objects, "for_api_detail") else None
    if queryset is None:  # an index page: no relations to fetch
        queryset = ApiPageQuerySet(model=model)
    page = (
        queryset.for_api_detail(params.locale, params.fallback)
        .translation_in(page_id, params.locale, params.fallback)
        .first()
    )
    if page is None:
        raise Http404(f"No {model.__name__} {page_id} in locale {params.locale}.")
    ctx = ApiContext(request, params.locale, params.fallback)
    return ctx.resolve(serialise_detail(page, ctx))


# --- Pages: resolve a public path, preview a draft ----------------------------------------------


class GenericPageDetail(PageDetailFields, PageItem):
    """The home page and the index pages: their introduction (and content, if any)."""

    type: Literal[
        "home.HomePage",
        "regions.RegionIndexPage",
        "companies.OrganisationIndexPage",
        "news.NewsIndexPage",
        "news.EventIndexPage",
    ]
    intro: str
    hero_image: ImageOut | None = None
    body: list[StreamBlockOut] = []


def generic_page_detail(page, ctx):
    hero_image = getattr(page, "hero_image", None)
    return {
        **page_item(page, ctx),
        **page_detail_fields(page),
        "intro": getattr(page, "intro", ""),
        "hero_image": ctx.image(hero_image) if hero_image is not None else None,
        "body": stream_out(getattr(page, "body", None), ctx),
    }


class PathParams(Schema):
    """The public path to resolve."""

    path: SafeStr = Field(
        description="A public page path with its language prefix, e.g. /zh-hans/regionen/yangzhou/."
    )


class PreviewParams(Schema):
    """The signed preview token from the Wagtail admin's "Frontend" preview mode."""

    token: SafeStr = Field(description="Token from the admin's preview redirect.")


def resolve_path(request, path):
    """The id and model of the visible page at a public path, or Http404."""
    parts = [part for part in path.split("/") if part]
    codes = content_locale_codes()
    if not parts or parts[0].lower() not in codes:
        raise Http404(
            f"No page at {path}: a path starts with a locale prefix ({', '.join(codes)})."
        )
    language_code = parts[0].lower()
    # The root paths of the site trees in that locale ("/start/", "/start-zh-hans/"): one
    # cached lookup, the same Wagtail uses to build page URLs.
    roots = [
        root.root_path for root in Site.get_site_root_paths() if root.language_code == language_code
    ]
    url_paths = [root + "".join(f"{part}/" for part in parts[1:]) for root in roots]
    page = (
        ApiPageQuerySet(model=Page)
        .visible()
        .filter(url_path__in=url_paths, locale__language_code=language_code)
        .select_related("content_type")
        .only("id", "content_type")
        .first()
    )
    model = page.content_type.model_class() if page is not None else None
    if model not in DETAIL_TYPES:
        raise Http404(f"No page at {path}.")
    return language_code, page.pk, model


def pages_router():
    """The router of ``pages/resolve`` and ``preview``; built once every app module has
    registered its detail types, since their responses are the union of those types."""
    detail_union = Annotated[
        Union[  # noqa: UP007
            tuple(schema for schema, _serialiser in DETAIL_TYPES.values())
            + tuple(schema for schema, _answer in RESOLVE_FALLBACKS)
        ],
        Field(discriminator="type"),
    ]
    router = Router()

    @router.get(
        "/pages/resolve",
        response={200: detail_union, 400: ErrorResponse, 404: ErrorResponse},
        summary="The page at a public path, typed like its detail endpoint",
        description=(
            "For frontend routing: `path` is the public path with its language prefix; the "
            "locale of the answer is the one of the path. A path that redirects answers "
            '`{"type": "redirect", "redirect": {...}}`. 404 when no visible page is there.'
        ),
    )
    def resolve_page(request, params: Query[PathParams]):
        try:
            language_code, page_id, model = resolve_path(request, params.path)
        except Http404:
            for _schema, answer in RESOLVE_FALLBACKS:
                found = answer(request, params.path)
                if found is not None:
                    return found
            raise
        return detail_response(
            request, model, page_id, LocaleParams(locale=language_code, fallback=False)
        )

    @router.get(
        "/preview",
        response={200: detail_union, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse},
        summary="The draft a preview token names, serialised like the detail endpoint",
        description=(
            'The token comes from the Wagtail admin (preview mode "Frontend"), names one '
            "page revision and expires (setting API_PREVIEW_TOKEN_MAX_AGE). 403 for an invalid "
            "or expired token and once a newer revision of the page is published. Never "
            "cached: `Cache-Control: private, no-store`."
        ),
    )
    def preview_page(request, response: HttpResponse, params: Query[PreviewParams]):
        # A draft for whoever holds the token: no shared cache (CDN, proxy) may keep it.
        response["Cache-Control"] = "private, no-store"
        try:
            page_id, revision_id = read_preview_token(params.token)
        except PreviewTokenError as exc:
            raise HttpError(exc.status, exc.message) from exc
        revision = (
            Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id))
            .select_related("content_type")
            .first()
        )
        if revision is None:
            raise Http404("The revision of this preview token no longer exists.")
        live_revision_id = (
            Page.objects.filter(pk=page_id).values_list("live_revision_id", flat=True).first()
        )
        if live_revision_id and live_revision_id > revision.pk:
            raise HttpError(403, "A newer revision of this page has been published.")
        page = revision.as_object()
        if type(page) not in DETAIL_TYPES:
            raise Http404("This page type has no preview.")
        ctx = ApiContext(request, page.locale.language_code, fallback=True)
        ctx.preview = True
        return ctx.resolve(serialise_detail(page, ctx))

    return router


register_detail(HomePage, GenericPageDetail, generic_page_detail)
