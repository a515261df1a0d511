"""Output schemas shared by every endpoint: page items, translations, images, documents, embeds,
StreamField blocks, taxonomies, translation status.
"""

from datetime import datetime
from typing import Any

from ninja import Field, Schema
from pydantic import model_validator


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
    """Where a page stands against its translation source (``base/translation_status.py``)."""

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
