"""The opportunities feed: ``/api/v1/feeds/opportunities.{rss,atom,json}`` (open ones only,
newest first), registered in ``feeds.views.KINDS`` when the app is ready."""

from typing import Literal

from pydantic import Field

from api.context import ApiContext
from api.params import PageId
from feeds.views import FeedParams, entry
from matchmaking.api import opportunity_item, opportunity_taxonomies
from matchmaking.models import OpportunityPage


class OpportunityFeedParams(FeedParams):
    kind: Literal[tuple(OpportunityPage.Kind.values)] | None = None
    sector: PageId | None = None
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")


def opportunity_entries(request, params):
    queryset = (
        OpportunityPage.objects.for_api_detail(params.locale)
        .filter_for_api(
            kind=params.kind, sector=params.sector, region=params.region, country=params.country
        )
        .order_by("-first_published_at", "-pk")[: params.limit]
    )
    pages = list(queryset)
    ctx = ApiContext(request, params.locale)
    taxonomies = opportunity_taxonomies(pages, params.locale)
    data = ctx.resolve(
        [{**opportunity_item(page, ctx, taxonomies[page.pk]), "body": None} for page in pages]
    )
    entries = []
    for page, item in zip(pages, data, strict=True):
        lead = f"<p><strong>{item['kind']['label']}</strong> · {item['valid_until']}</p>"
        lead += ctx.resolve(ctx.rich_text(page.description)) or ""
        feed_entry = entry(page, item, params.locale, item["summary"], lead)
        feed_entry["categories"] = [item["kind"]["label"]] + [s["name"] for s in item["sectors"]]
        entries.append(feed_entry)
    return entries


def register():
    from feeds.views import KINDS

    KINDS["opportunities"] = (
        OpportunityFeedParams,
        opportunity_entries,
        "Kooperationsangebote und -gesuche",
    )
