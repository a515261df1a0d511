"""API of news and events, and of the news categories."""

import zoneinfo
from collections import defaultdict
from datetime import date, datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from pydantic import model_validator

from api.context import ApiContext
from api.envelope import ErrorResponse, ListResponse
from api.pages import GenericPageDetail, generic_page_detail
from api.params import LocaleParams, PageId, PaginationParams, SlugOrId, order_queryset, paginate
from api.schemas import (
    ImageOut,
    OutSchema,
    PageDetailFields,
    PageItem,
    PageRef,
    StreamBlockOut,
    TaxonomyItem,
)
from api.serialisers import (
    Choice,
    choice_out,
    detail_response,
    page_detail_fields,
    page_item,
    register_detail,
    register_detail_batch,
    stream_out,
    taxonomy_item,
)
from news.models import (
    EventIndexPage,
    EventPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
)

router = Router()


# --- News categories ---------------------------------------------------------------------------


class NewsCategoryItem(TaxonomyItem):
    """A news category; ``slug`` is what the ``category`` filter takes."""

    slug: str


@router.get(
    "/news-categories",
    response={200: ListResponse[NewsCategoryItem], 400: ErrorResponse},
    summary="News categories, labelled in the locale",
)
def list_news_categories(request, params: Query[LocaleParams], page: Query[PaginationParams]):
    queryset = NewsCategory.objects.for_api(params.locale).order_by("api_name", "pk")
    count, items = paginate(queryset, page)
    return {
        "count": count,
        "items": [{**taxonomy_item(entry), "slug": entry.slug} for entry in items],
    }


# --- News --------------------------------------------------------------------------------------


class TagOut(OutSchema):
    """A tag (Schlagwort)."""

    name: str
    slug: str


class NewsItem(PageItem):
    """A news article in a list: enough for a teaser, a feed entry or a newsletter."""

    type: Literal["news.NewsPage"]
    date: date
    teaser: str
    hero_image: ImageOut | None
    category: NewsCategoryItem | None
    tags: list[TagOut]
    include_in_newsletter: bool


class NewsDetail(PageDetailFields, NewsItem):
    """A news article with its body and the regions, offices and organisations it is about."""

    body: list[StreamBlockOut]
    related_regions: list[PageRef]
    related_offices: list[PageRef]
    related_organisations: list[PageRef]


class NewsFilters(Schema):
    """Filters and order of the news list."""

    category: SlugOrId | None = Field(None, description="Category slug (see /news-categories).")
    region: SlugOrId | None = Field(None, description="Related region: id or slug (any locale).")
    organisation: PageId | None = Field(None, description="Related organisation id.")
    tag: SlugOrId | None = Field(None, description="Tag slug.")
    date_from: date | None = Field(None, description="On or after this date (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="On or before this date (YYYY-MM-DD).")
    newsletter: bool | None = Field(None, description="Only news (not) for the newsletter.")
    order: Literal["-date", "date", "title", "-title"] = "-date"

    @model_validator(mode="after")
    def _date_range(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from must not be after date_to.")
        return self


NEWS_ORDERINGS = {
    "-date": ("-date", "-first_published_at"),
    "date": ("date", "first_published_at"),
    "title": ("title",),
    "-title": ("-title",),
}


def category_out(page, ctx):
    if not page.category_id:
        return None
    category = page.category
    if hasattr(page, "api_category_name"):
        name, locale = page.api_category_name, page.api_category_locale
    else:  # a preview: the page comes from a revision, not from the annotated QuerySet
        localised = NewsCategory.objects.localised(ctx.language_code).get(pk=category.pk)
        name, locale = localised.api_name, localised.api_locale
    return {
        "id": category.pk,
        "key": str(category.translation_key),
        "locale": locale,
        "name": name,
        "slug": category.slug,
    }


def news_item(page, ctx):
    return {
        **page_item(page, ctx),
        "date": page.date,
        "teaser": page.teaser,
        "hero_image": ctx.image(page.hero_image) if page.hero_image_id else None,
        "category": category_out(page, ctx),
        "tags": [
            {"name": item.tag.name, "slug": item.tag.slug} for item in page.tagged_items.all()
        ],
        "include_in_newsletter": page.include_in_newsletter,
    }


def prefetch_news_relations(pages, language_code):
    """The related pages of many news pages in one query, for ``news_detail``."""
    rows = defaultdict(list)
    for row in NewsPage.objects.api_relations([page.pk for page in pages]):
        rows[row[0]].append(row)
    for page in pages:
        page.api_relation_rows = rows.get(page.pk, [])


def news_detail(page, ctx):
    if ctx.preview:
        relations = {
            "regions": [link.region_id for link in page.related_regions.all()],
            "offices": [link.office_id for link in page.related_offices.all()],
            "organisations": [link.organisation_id for link in page.related_organisations.all()],
        }
    else:
        rows = defaultdict(list)
        # Fetched for many pages at once by prefetch_news_relations (the sync endpoint).
        relation_rows = getattr(page, "api_relation_rows", None)
        if relation_rows is None:
            relation_rows = NewsPage.objects.api_relations([page.pk])
        for _news, relation, page_id, order in relation_rows:
            rows[relation].append((order if order is not None else 0, page_id))
        relations = {relation: [pk for _o, pk in sorted(rows[relation])] for relation in rows}
    return {
        **news_item(page, ctx),
        **page_detail_fields(page),
        "body": stream_out(page.body, ctx),
        "related_regions": ctx.page_refs(relations.get("regions", [])),
        "related_offices": ctx.page_refs(relations.get("offices", [])),
        "related_organisations": ctx.page_refs(relations.get("organisations", [])),
    }


@router.get(
    "/news",
    response={200: ListResponse[NewsItem], 400: ErrorResponse},
    summary="News, newest first, filtered by category, region, organisation, tag, date",
)
def list_news(
    request,
    params: Query[LocaleParams],
    filters: Query[NewsFilters],
    page: Query[PaginationParams],
):
    queryset = NewsPage.objects.for_api(params.locale, params.fallback).filter_for_api(
        **filters.model_dump(exclude={"order"})
    )
    queryset = order_queryset(queryset, filters.order, NEWS_ORDERINGS)
    count, news = paginate(queryset, page)
    ctx = ApiContext(request, params.locale, params.fallback)
    return ctx.resolve({"count": count, "items": [news_item(item, ctx) for item in news]})


@router.get(
    "/news/{id}",
    response={200: NewsDetail, 400: ErrorResponse, 404: ErrorResponse},
    summary="One news article, in the locale (id of any of its translations)",
)
def get_news(request, id: Path[PageId], params: Query[LocaleParams]):
    return detail_response(request, NewsPage, id, params)


# --- Events ------------------------------------------------------------------------------------


class EventItem(PageItem):
    """An event in a list. Times are ISO 8601 in the event's own time zone."""

    type: Literal["news.EventPage"]
    format: Choice
    start: datetime
    end: datetime | None
    time_zone: str
    location: str
    region: PageRef | None
    teaser: str
    hero_image: ImageOut | None
    registration_url: str
    registration_deadline: datetime | None
    upcoming: bool = Field(description="True until the event is over.")


class EventDetail(PageDetailFields, EventItem):
    """An event with its body."""

    body: list[StreamBlockOut]


class EventFilters(Schema):
    """Filters and order of the event list."""

    when: Literal["upcoming", "past"] | None = Field(
        None, description="upcoming: not yet over; past: over."
    )
    region: SlugOrId | None = Field(None, description="Region id or slug (any locale).")
    format: Literal[tuple(EventPage.Format.values)] | None = None
    order: Literal["start", "-start", "title", "-title"] | None = Field(
        None, description="Default: start (upcoming, all) or -start (past)."
    )


EVENT_ORDERINGS = {
    "start": ("start",),
    "-start": ("-start",),
    "title": ("title",),
    "-title": ("-title",),
}


def local_time(value, time_zone):
    if value is None:
        return None
    try:
        zone = zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    return timezone.localtime(value, zone)


def event_item(page, ctx):
    now = ctx.now
    over = (page.end or page.start) < now
    return {
        **page_item(page, ctx),
        "format": choice_out(EventPage._meta.get_field("format"), page.format, ctx.language_code),
        "start": local_time(page.start, page.time_zone),
        "end": local_time(page.end, page.time_zone),
        "time_zone": page.time_zone,
        "location": page.location,
        "region": ctx.page_ref(page.region_id),
        "teaser": page.teaser,
        "hero_image": ctx.image(page.hero_image) if page.hero_image_id else None,
        "registration_url": page.registration_url,
        "registration_deadline": local_time(page.registration_deadline, page.time_zone),
        "upcoming": not over,
    }


def event_detail(page, ctx):
    return {**event_item(page, ctx), **page_detail_fields(page), "body": stream_out(page.body, ctx)}


@router.get(
    "/events",
    response={200: ListResponse[EventItem], 400: ErrorResponse},
    summary="Events, upcoming or past, by region and format",
)
def list_events(
    request,
    params: Query[LocaleParams],
    filters: Query[EventFilters],
    page: Query[PaginationParams],
):
    ctx = ApiContext(request, params.locale, params.fallback)
    queryset = EventPage.objects.for_api(params.locale, params.fallback).filter_for_api(
        now=ctx.now, **filters.model_dump(exclude={"order"})
    )
    order = filters.order or ("-start" if filters.when == "past" else "start")
    queryset = order_queryset(queryset, order, EVENT_ORDERINGS)
    count, events = paginate(queryset, page)
    return ctx.resolve({"count": count, "items": [event_item(event, ctx) for event in events]})


@router.get(
    "/events/{id}",
    response={200: EventDetail, 400: ErrorResponse, 404: ErrorResponse},
    summary="One event, in the locale (id of any of its translations)",
)
def get_event(request, id: Path[PageId], params: Query[LocaleParams]):
    return detail_response(request, EventPage, id, params)


register_detail(NewsPage, NewsDetail, news_detail)
register_detail_batch(NewsPage, prefetch_news_relations)
register_detail(NewsIndexPage, GenericPageDetail, generic_page_detail)
register_detail(EventIndexPage, GenericPageDetail, generic_page_detail)
register_detail(EventPage, EventDetail, event_detail)
