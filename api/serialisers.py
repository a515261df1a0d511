"""Serialisation of pages and StreamField blocks, and the registry of detail serialisers by page
type.
"""

from django.http import Http404
from django.utils import translation
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from api.context import ApiContext, Deferred, page_type
from api.schemas import OutSchema
from base.blocks import CallToActionBlock
from base.models import ApiPageQuerySet


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
