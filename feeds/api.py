"""API of the newsletter digest: ``/api/v1/newsletter/digest`` (JSON with the HTML); the HTML
alone is ``/api/v1/newsletter/digest.html`` (``feeds.views.digest_html``)."""

import datetime

from ninja import Field, Query, Router
from pydantic import model_validator

from api.envelope import ErrorResponse
from api.params import LocaleParams
from api.schemas import OutSchema, TaxonomyItem
from feeds.digest import MAX_PERIOD_DAYS, build_digest, default_period, render_digest_html
from news.api import EventItem, NewsItem

router = Router()
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


class DigestParams(LocaleParams):
    since: datetime.date | None = Field(None, description="First day (default: 7 days ago).")
    until: datetime.date | None = Field(None, description="Last day (default: today).")
    event_days: int = Field(
        90, ge=0, le=366, description="Events starting up to this many days after `until`."
    )

    @model_validator(mode="after")
    def _period(self):
        default_since, default_until = default_period()
        self.until = self.until or default_until
        self.since = self.since or min(default_since, self.until)
        for day in (self.since, self.until):
            if not EARLIEST <= day <= LATEST:
                raise ValueError(f"Dates must lie between {EARLIEST} and {LATEST}.")
        if self.since > self.until:
            raise ValueError("since must not be after until.")
        if (self.until - self.since).days > MAX_PERIOD_DAYS:
            raise ValueError(f"The period may span at most {MAX_PERIOD_DAYS} days.")
        return self


class DigestCategory(TaxonomyItem):
    slug: str


class DigestGroup(OutSchema):
    category: DigestCategory | None
    items: list[NewsItem]


class DigestOut(OutSchema):
    locale: str
    since: datetime.date
    until: datetime.date
    groups: list[DigestGroup] = Field(description="News of the period, grouped by category.")
    events: list[EventItem] = Field(description="Events upcoming at the end of the period.")
    html: str = Field(description="The digest as email-safe HTML (tables, inline CSS).")


@router.get(
    "/newsletter/digest",
    response={200: DigestOut, 400: ErrorResponse},
    summary="Newsletter digest: the period's news by category and the upcoming events",
)
def digest(request, params: Query[DigestParams]):
    data = build_digest(request, params.locale, params.since, params.until, params.event_days)
    return {**data, "html": render_digest_html(data)}
