"""News and event feeds per locale: RSS 2.0 (with ``media:content`` and ``enclosure``), Atom 1.0
and JSON Feed 1.1, under ``/api/v1/feeds/`` (cached and invalidated like the API).

Items carry what newsletter tools read: a stable GUID (translation group and locale, so edits
and slug changes keep it), the first publication as the date and the last as ``updated``, the
teaser as summary, the full body as email-safe HTML with absolute URLs, and the hero image.
"""

import json
from typing import Literal

from django.http import HttpResponse, JsonResponse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext, override
from django.views.decorators.http import require_GET
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from api.context import ApiContext
from api.params import PageId, SlugOrId, validate_locale
from api.serialisers import stream_out
from feeds.rendering import best_rendition, blocks_html, frontend_base, frontend_url, stable_guid
from news.api import event_item, news_item
from news.models import EventPage, NewsPage

FORMATS = {"rss", "atom", "json"}
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class FeedParams(BaseModel):
    """Query parameters shared by the feeds."""

    model_config = ConfigDict(extra="forbid")

    locale: str = "de"
    limit: int = Field(30, ge=1, le=100)
    region: SlugOrId | None = None

    @field_validator("locale")
    @classmethod
    def _locale(cls, value):
        return validate_locale(value)


class NewsFeedParams(FeedParams):
    category: SlugOrId | None = None
    organisation: PageId | None = None
    newsletter: bool | None = None


class EventFeedParams(FeedParams):
    when: Literal["upcoming", "past", "all"] = "upcoming"
    format: Literal[tuple(EventPage.Format.values)] | None = None


def error(status, detail, errors=None):
    body = {"detail": detail}
    if errors:
        body["errors"] = errors
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def parse(params_class, request):
    data = {key: request.GET.get(key) for key in request.GET}
    try:
        return params_class(**data), None
    except ValidationError as exc:
        errors = [
            {"field": ".".join(str(part) for part in item["loc"]), "message": item["msg"]}
            for item in exc.errors(include_url=False)
        ]
        return None, error(400, "; ".join(f"{e['field']}: {e['message']}" for e in errors), errors)


# --- Items ---------------------------------------------------------------------------------------


def news_entries(request, params):
    """The news of the feed, serialised by the API (constant queries), newest first."""
    queryset = (
        NewsPage.objects.for_api_detail(params.locale)
        .filter_for_api(
            category=params.category,
            region=params.region,
            organisation=params.organisation,
            newsletter=params.newsletter,
        )
        .order_by("-first_published_at", "-pk")[: params.limit]
    )
    ctx = ApiContext(request, params.locale)
    pages = list(queryset)
    data = ctx.resolve(
        [{**news_item(page, ctx), "body": stream_out(page.body, ctx)} for page in pages]
    )
    return [
        entry(page, item, params.locale, item["teaser"])
        for page, item in zip(pages, data, strict=True)
    ]


def event_entries(request, params):
    ctx = ApiContext(request, params.locale)
    when = None if params.when == "all" else params.when
    queryset = EventPage.objects.for_api_detail(params.locale).filter_for_api(
        when=when, region=params.region, format=params.format, now=ctx.now
    )
    queryset = queryset.order_by("-start" if when == "past" else "start", "pk")[: params.limit]
    pages = list(queryset)
    data = ctx.resolve(
        [{**event_item(page, ctx), "body": stream_out(page.body, ctx)} for page in pages]
    )
    entries = []
    for page, item in zip(pages, data, strict=True):
        when_text = item["start"].strftime("%Y-%m-%d %H:%M")
        where = f" · {item['location']}" if item["location"] else ""
        lead = f"<p><strong>{when_text} ({item['time_zone']}){where}</strong></p>"
        entries.append(entry(page, item, params.locale, item["teaser"], lead))
    return entries


def entry(page, item, language_code, summary, lead=""):
    image = item.get("hero_image")
    rendition = best_rendition(image)
    return {
        "guid": stable_guid(page),
        "title": item["title"],
        "link": frontend_url(language_code, item["url"]),
        "summary": summary or "",
        "content_html": lead + blocks_html(item.get("body"), language_code),
        "published": page.first_published_at,
        "updated": page.last_published_at or page.first_published_at,
        "categories": [item["category"]["name"]] if item.get("category") else [],
        "tags": [tag["name"] for tag in item.get("tags", [])],
        "image": rendition,
        "image_alt": (image or {}).get("alt") or "",
    }


# --- Output --------------------------------------------------------------------------------------


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS (``media:content``, read by Mailchimp) and content:encoded."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:media"] = "http://search.yahoo.com/mrss/"
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        image = item.get("image")
        if image:
            handler.startElement(
                "media:content",
                {
                    "url": image["url"],
                    "medium": "image",
                    "type": image.get("mime_type", "image/jpeg"),
                    "width": str(image["width"]),
                    "height": str(image["height"]),
                },
            )
            if item.get("image_alt"):
                handler.addQuickElement("media:description", item["image_alt"])
            handler.endElement("media:content")


class ContentAtomFeed(Atom1Feed):
    """Atom 1.0 with the full content as HTML beside the summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


def mime_type(url):
    lowered = url.lower().split("?")[0]
    if lowered.endswith(".png"):
        return "image/png"
    if lowered.endswith(".webp"):
        return "image/webp"
    if lowered.endswith(".gif"):
        return "image/gif"
    return "image/jpeg"


def xml_feed(generator_class, meta, entries):
    feed = generator_class(
        title=meta["title"],
        link=meta["home"],
        description=meta["description"],
        language=meta["language"],
        feed_url=meta["feed_url"],
        feed_guid=meta["feed_url"],
    )
    for item in entries:
        image = item["image"]
        if image:
            image = {**image, "mime_type": mime_type(image["url"])}
        feed.add_item(
            title=item["title"],
            link=item["link"],
            description=item["summary"],
            unique_id=item["guid"],
            unique_id_is_permalink=False,
            pubdate=item["published"],
            updateddate=item["updated"],
            categories=item["categories"] + item["tags"],
            # The image, also as an RSS enclosure (length unknown without reading the file: 0).
            enclosures=[Enclosure(image["url"], "0", image["mime_type"])] if image else None,
            content_html=item["content_html"],
            image=image,
            image_alt=item["image_alt"],
        )
    return HttpResponse(feed.writeString("utf-8"), content_type=f"{feed.content_type}")


def json_feed(meta, entries):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    body = {
        "version": JSON_FEED_VERSION,
        "title": meta["title"],
        "home_page_url": meta["home"],
        "feed_url": meta["feed_url"],
        "description": meta["description"],
        "language": meta["language"],
        "items": [
            {
                "id": item["guid"],
                "url": item["link"],
                "title": item["title"],
                "summary": item["summary"],
                "content_html": item["content_html"],
                "date_published": item["published"].isoformat(),
                "date_modified": item["updated"].isoformat(),
                "language": meta["language"],
                **({"image": item["image"]["url"]} if item["image"] else {}),
                **(
                    {"tags": item["categories"] + item["tags"]}
                    if item["tags"] or item["categories"]
                    else {}
                ),
            }
            for item in entries
        ],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/feed+json; charset=utf-8"
    )


KINDS = {
    "news": (NewsFeedParams, news_entries, "Nachrichten"),
    "events": (EventFeedParams, event_entries, "Veranstaltungen"),
}


@require_GET
def feed(request, kind, fmt):
    if kind not in KINDS or fmt not in FORMATS:
        return error(404, f"No feed '{kind}.{fmt}'. Feeds: news and events as .rss, .atom, .json.")
    params_class, entries_of, title = KINDS[kind]
    params, problem = parse(params_class, request)
    if problem:
        return problem
    entries = entries_of(request, params)
    with override(params.locale):
        site = gettext("Kaiserslautern–China Plattform")
        meta = {
            "title": f"{site}: {gettext(title)}",
            "description": gettext(title),
            "home": frontend_base(params.locale) + f"/{params.locale}/",
            "language": params.locale,
            "feed_url": request.build_absolute_uri(),
        }
    if fmt == "json":
        return json_feed(meta, entries)
    return xml_feed(MediaRssFeed if fmt == "rss" else ContentAtomFeed, meta, entries)


@require_GET
def digest_html(request):
    """The newsletter digest as a ready-to-send HTML document (same parameters as the JSON)."""
    from feeds.api import DigestParams
    from feeds.digest import build_digest, render_digest_html

    params, problem = parse(DigestParams, request)
    if problem:
        return problem
    data = build_digest(request, params.locale, params.since, params.until, params.event_days)
    return HttpResponse(render_digest_html(data), content_type="text/html; charset=utf-8")
