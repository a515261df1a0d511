"""``ApiContext``: everything a response refers to (translations, related pages, images, embeds,
documents) is collected while serialising and fetched in one batch per kind at the end, so the
number of queries does not grow with the number of items.
"""

from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page
from wagtail.rich_text.rewriters import (
    FIND_A_TAG,
    FIND_EMBED_TAG,
    EmbedRewriter,
    LinkRewriter,
    extract_attrs,
)

from api.cache import PAGES, declare, declare_page_type
from api.params import EDITOR_ATTRIBUTES, rendition_filter_specs
from base.locales import content_locale_codes
from base.models import ApiPageQuerySet, named_renditions, srcset_renditions
from base.translation_status import default_language, translation_status


class Deferred:
    """A value that needs data fetched in a batch; ``ApiContext.resolve`` replaces it."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[], Any]):
        self.func = func


# A resolved list entry that is left out (a reference to a page the public may not see).
OMIT = object()


@lru_cache(maxsize=64)
def rendition_filter(spec):
    """A shared ``Filter`` per spec: parsing a spec into its operations (``inspect`` of each
    operation's signature) cost ~0.2 ms per image and rendition set when done per image."""
    return Filter(spec=spec)


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
        self._media_base = None
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
        """The deferred ``translation_status`` of ``page`` (``base.translation_status``)."""
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
        if self._media_base is None:
            base = getattr(settings, "API_MEDIA_BASE_URL", "") or self.request.build_absolute_uri(
                "/"
            )
            parts = urlsplit(base)
            self._media_base = (base, f"{parts.scheme}://{parts.netloc}")
        base, origin = self._media_base
        if url.startswith("/"):  # a path: what urljoin would give, without parsing per URL
            return origin + url
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

        The response cache (``api/cache.py``) learns what the response depends on: the type of
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
        named = {name: rendition_filter(spec) for name, spec in named_renditions().items()}
        srcset = {key: rendition_filter(spec) for key, spec in srcset_renditions().items()}
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
