"""The endpoints that belong to no app: ``pages/resolve`` and ``preview``."""

from typing import Annotated, Literal, Union

from django.http import Http404, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.models import Page, Revision, Site

from api.context import ApiContext
from api.envelope import ErrorResponse
from api.params import LocaleParams, SafeStr
from api.schemas import ImageOut, PageDetailFields, PageItem, StreamBlockOut
from api.serialisers import (
    DETAIL_TYPES,
    RESOLVE_FALLBACKS,
    detail_response,
    page_detail_fields,
    page_item,
    serialise_detail,
    stream_out,
)
from base.locales import content_locale_codes
from base.models import ApiPageQuerySet
from base.preview import PreviewTokenError, read_preview_token


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
