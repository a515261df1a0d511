"""The newsletter digest: the news of a period, grouped by category, and the upcoming events,
as JSON and as ready-to-send, email-safe HTML in the requested language.

The items are the API's own (``news.api``), so the digest shows what the API shows; the HTML is
a table layout with inline CSS and absolute URLs only, which email clients render reliably.
"""

import datetime
from collections import OrderedDict

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, override

from api.context import ApiContext
from feeds.rendering import best_rendition, frontend_base, frontend_url
from news.api import event_item, news_item
from news.models import EventPage, NewsPage

MAX_PERIOD_DAYS = 366


def default_period(today=None):
    """The last seven days up to today."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=7), today


def build_digest(request, language_code, since, until, event_days=90):
    """The digest data: ``groups`` of news by category and ``events`` still upcoming at the end
    of the period and starting within ``event_days`` after it. Constant queries."""
    ctx = ApiContext(request, language_code)
    news = list(
        NewsPage.objects.for_api(language_code)
        .filter_for_api(date_from=since, date_to=until, newsletter=True)
        .order_by("-date", "-first_published_at", "pk")
    )
    period_end = datetime.datetime.combine(
        until + datetime.timedelta(days=1),
        datetime.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    horizon = period_end + datetime.timedelta(days=event_days)
    events = list(
        EventPage.objects.for_api(language_code)
        .filter_for_api(when="upcoming", now=period_end)
        .filter(start__lt=horizon)
        .order_by("start", "pk")
    )
    data = ctx.resolve(
        {
            "news": [news_item(page, ctx) for page in news],
            "events": [event_item(page, ctx) for page in events],
        }
    )
    for item in data["news"] + data["events"]:
        item["url"] = frontend_url(language_code, item["url"])
    groups = OrderedDict()
    for item in data["news"]:
        category = item.get("category")
        key = category["slug"] if category else ""
        groups.setdefault(key, {"category": category, "items": []})["items"].append(item)
    return {
        "locale": language_code,
        "since": since,
        "until": until,
        "groups": list(groups.values()),
        "events": data["events"],
    }


def render_digest_html(digest):
    """The digest as a complete, email-safe HTML document in the digest's language."""
    language_code = digest["locale"]
    with override(language_code):
        for group in digest["groups"]:
            for item in group["items"]:
                item["image"] = best_rendition(item.get("hero_image"), ("thumbnail", "medium"))
        return render_to_string(
            "feeds/digest.html",
            {
                "digest": digest,
                "home_url": f"{frontend_base(language_code)}/{language_code}/",
                "title": gettext("Newsletter der Kaiserslautern–China Plattform"),
            },
        )
