"""``/api/v1/sync``: an initial snapshot of a locale's pages, then deltas by token
(modelled on Contentful's sync API), for static site builds and other consumers that keep a
copy of the content.

- Without ``token``: the first page of the snapshot, every visible page of the locale as its
  detail, in id order. ``next_page_token`` fetches the next page; the last page carries
  ``next_sync_token`` instead.
- With ``token`` (a ``next_sync_token``): what changed since, from the change log
  (``api.models.PageChange``): ``items`` (published or changed, moved but still visible, made
  public again: the current detail), ``unpublished``, ``deleted`` and ``hidden`` (out of the
  public's view: a view restriction, or moved under one) as ``{id, type}``, each page once,
  by its last change; and the next token. ``has_more`` asks to call again at once.

Tokens are signed (``SECRET_KEY``), opaque, and hold the locale and a change-log id, so they
survive restarts. A delta covers the log entries after the token's id up to a fixed end, so a
replayed token answers the same changes and the same next token (items with their current
content). Entries younger than ``SYNC_SETTLE_SECONDS`` wait for the next call, so a
transaction that commits after a later one is not skipped.
"""

import datetime
from collections import defaultdict
from typing import Annotated, Union

from django.conf import settings
from django.core import signing
from django.db.models import Max
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import field_validator
from wagtail.models import Page

from api.context import ApiContext
from api.envelope import ErrorResponse
from api.frontend import page_content_types
from api.models import PageChange
from api.params import SafeStr, validate_locale
from api.schemas import OutSchema
from api.serialisers import DETAIL_BATCH_PREPARERS, DETAIL_TYPES, serialise_detail
from base.locales import content_locale_codes, default_locale_code
from base.models import ApiPageQuerySet, locale_id_of

TOKEN_SALT = "api.sync"  # noqa: S105 (a signing salt, not a secret)
MAX_SYNC_LIMIT = 100


class SyncParams(Schema):
    locale: str = Field(
        default_factory=default_locale_code,
        description="Content language of the snapshot (a token carries its own).",
        max_length=20,
    )
    token: SafeStr | None = Field(
        None, description="A `next_page_token` or `next_sync_token` of an earlier answer."
    )
    limit: int = Field(
        20,
        ge=1,
        le=MAX_SYNC_LIMIT,
        description="Pages per answer (1–100): snapshot items or changes.",
    )

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value):
        return validate_locale(value)


class DeletedRef(OutSchema):
    """A page that is gone from the public's view: its id and type."""

    id: int
    type: str


def make_token(**payload):
    """A signed token without a timestamp: the same position always gives the same token."""
    return signing.Signer(salt=TOKEN_SALT).sign_object(payload, compress=True)


def read_token(token):
    try:
        payload = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
    except signing.BadSignature as exc:
        raise HttpError(400, "token: invalid sync token.") from exc
    if (
        not isinstance(payload, dict)
        or payload.get("l") not in content_locale_codes()
        or not isinstance(payload.get("c"), int)
    ):
        raise HttpError(400, "token: invalid sync token.")
    return payload


def settled_change_id(language_code):
    """The last change-log id a delta may cover: entries older than SYNC_SETTLE_SECONDS."""
    settle = float(getattr(settings, "SYNC_SETTLE_SECONDS", 5))
    queryset = PageChange.objects.filter(locale_id=locale_id_of(language_code))
    if settle > 0:
        queryset = queryset.filter(
            created_at__lte=timezone.now() - datetime.timedelta(seconds=settle)
        )
    return queryset.aggregate(last=Max("id"))["last"] or 0


def details(request, pages, language_code):
    """The details of visible ``pages`` (base Page rows) in id order: one detail QuerySet per
    page type, one ApiContext for all (its references fetched in one batch)."""
    by_model = defaultdict(list)
    for page in pages:
        model = page.content_type.model_class()
        if model in DETAIL_TYPES:
            by_model[model].append(page.pk)
    specific = {}
    for model, ids in by_model.items():
        queryset = model.objects if hasattr(model.objects, "for_api_detail") else None
        if queryset is None:
            queryset = ApiPageQuerySet(model=model)
        batch = list(queryset.for_api_detail(language_code).filter(pk__in=ids))
        if model in DETAIL_BATCH_PREPARERS:
            DETAIL_BATCH_PREPARERS[model](batch, language_code)
        specific.update((page.pk, page) for page in batch)
    ctx = ApiContext(request, language_code)
    data = [serialise_detail(specific[page.pk], ctx) for page in pages if page.pk in specific]
    return ctx.resolve(data)


def snapshot_page(request, language_code, high, after, limit):
    pages = list(
        ApiPageQuerySet(model=Page)
        .in_locale(language_code)
        .filter(pk__gt=after, content_type__in=page_content_types())
        .select_related("content_type")
        .only("id", "content_type")
        .order_by("pk")[: limit + 1]
    )
    more = len(pages) > limit
    pages = pages[:limit]
    answer = {
        "items": details(request, pages, language_code),
        "unpublished": [],
        "deleted": [],
        "hidden": [],
        "has_more": more,
        "next_page_token": None,
        "next_sync_token": None,
    }
    if more:
        answer["next_page_token"] = make_token(l=language_code, c=high, p=pages[-1].pk)
    else:
        answer["next_sync_token"] = make_token(l=language_code, c=high)
    return answer


def delta(request, language_code, since, limit):
    """The changes after log id ``since``: at most ``limit`` log entries, collapsed per page."""
    end = settled_change_id(language_code)
    entries = list(
        PageChange.objects.filter(
            locale_id=locale_id_of(language_code), id__gt=since, id__lte=end
        ).order_by("id")[: limit + 1]
    )
    more = len(entries) > limit
    entries = entries[:limit]
    last = {}
    for entry in entries:  # the last change of each page wins
        last.pop(entry.page_id, None)
        last[entry.page_id] = entry
    published = [entry.page_id for entry in last.values() if entry.action == PageChange.PUBLISHED]
    visible = {
        page.pk: page
        for page in ApiPageQuerySet(model=Page)
        .in_locale(language_code)
        .filter(pk__in=published)
        .select_related("content_type")
        .only("id", "content_type")
    }
    refs = defaultdict(list)
    for entry in last.values():
        if entry.action != PageChange.PUBLISHED:
            refs[entry.action].append({"id": entry.page_id, "type": entry.page_type})
    return {
        # A page published and changed again since is in a later delta, with its state then.
        "items": details(
            request, [visible[pk] for pk in published if pk in visible], language_code
        ),
        "unpublished": refs[PageChange.UNPUBLISHED],
        "deleted": refs[PageChange.DELETED],
        "hidden": refs[PageChange.HIDDEN],
        "has_more": more,
        "next_page_token": None,
        "next_sync_token": make_token(
            l=language_code, c=entries[-1].id if more else max(end, since)
        ),
    }


def sync_router():
    """The router of ``sync``; built once every app has registered its detail types, since
    its items are the union of those types (like ``pages/resolve``)."""
    detail_union = Annotated[
        Union[tuple(schema for schema, _serialiser in DETAIL_TYPES.values())],  # noqa: UP007
        Field(discriminator="type"),
    ]

    class SyncOut(OutSchema):
        items: list[detail_union] = Field(
            description="Pages to create or replace (their detail, as the detail endpoints)."
        )
        unpublished: list[DeletedRef]
        deleted: list[DeletedRef]
        hidden: list[DeletedRef] = Field(
            description="Pages out of the public's view (a view restriction, or moved under one)."
        )
        has_more: bool = Field(description="Call again at once with the token given.")
        next_page_token: str | None = Field(description="The next page of the snapshot.")
        next_sync_token: str | None = Field(description="Keep it: the next delta starts here.")

    router = Router()

    @router.get(
        "/sync",
        response={200: SyncOut, 400: ErrorResponse},
        summary="Delta sync: an initial snapshot, then what changed since a token",
        description=(
            "Without `token`: a snapshot of every visible page of `locale`, `limit` per answer, "
            "continued with `next_page_token`; the last answer has `next_sync_token`. With it: "
            "the pages published or changed since (`items`), `unpublished`, `deleted` and "
            "`hidden` ({id, type}), and the next token. Tokens are opaque and signed; a replayed "
            "token answers the same changes. See docs/api.md#delta-sync."
        ),
    )
    def sync(request, params: Query[SyncParams]):
        if not params.token:
            high = settled_change_id(params.locale)
            return snapshot_page(request, params.locale, high, 0, params.limit)
        payload = read_token(params.token)
        if "p" in payload:
            if not isinstance(payload["p"], int):
                raise HttpError(400, "token: invalid sync token.")
            return snapshot_page(request, payload["l"], payload["c"], payload["p"], params.limit)
        return delta(request, payload["l"], payload["c"], params.limit)

    return router
