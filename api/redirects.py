"""Redirects for the frontend: ``/api/v1/redirects`` lists the redirects editors manage (and
Wagtail creates when a page moves or changes its slug), and ``pages/resolve`` answers a
redirected path with its redirect instead of a 404.

A redirect's target is a page (its public path in the locale, plus the page route if any) or
any URL. A redirect to a page the public may not see is left out: following it would end in a
404. ``old_path`` is Wagtail's normalised form (no trailing slash, ``/de/regionen/alt``).
"""

import operator
from functools import reduce
from typing import Literal

from django.db.models import F, Q
from ninja import Field, Query, Router
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from api.context import ApiContext, Deferred
from api.envelope import ErrorResponse, ListResponse
from api.params import LocaleParams, PaginationParams, paginate
from api.schemas import OutSchema, PageRef
from api.serialisers import register_resolve_fallback
from base.locales import content_locale_codes, default_locale_code
from base.models import visible_q

router = Router()


class RedirectOut(OutSchema):
    """One redirect: where an old path leads now."""

    id: int
    old_path: str = Field(description="The redirected path, e.g. /de/regionen/alt (normalised).")
    site: str | None = Field(description="The site's host name; null: every site.")
    is_permanent: bool
    status: Literal[301, 302] = Field(description="The HTTP status to answer with.")
    to_url: str = Field(description="The new public path (/de/regionen/neu/) or an absolute URL.")
    to_page: PageRef | None = Field(description="The target page, for a redirect to a page.")
    automatically_created: bool = Field(description="Created by Wagtail when a page moved.")


class ResolvedRedirect(OutSchema):
    """``pages/resolve``'s answer for a path that redirects: answer the visitor with
    ``redirect.status`` and ``Location: redirect.to_url``."""

    type: Literal["redirect"]
    redirect: RedirectOut


def under_locale(code):
    return Q(old_path=f"/{code}") | Q(old_path__startswith=f"/{code}/")


def locale_q(language_code):
    """Redirects of a locale: old paths under its prefix; the default locale also has those
    under no content-locale prefix."""
    q = under_locale(language_code)
    if language_code == default_locale_code():
        q |= ~reduce(operator.or_, [under_locale(code) for code in content_locale_codes()])
    return q


def redirects_for_api(language_code=None):
    """Redirects with a target the public may see (a visible page or a URL), site joined."""
    queryset = (
        Redirect.objects.filter(
            Q(redirect_page__isnull=True, redirect_link__gt="")
            | Q(redirect_page__in=Page.objects.filter(visible_q()))
        )
        .select_related("site")
        .order_by("old_path", "pk")
    )
    if language_code:
        queryset = queryset.filter(locale_q(language_code))
    return queryset


def redirect_out(redirect, ctx):
    page = ctx.page_ref(redirect.redirect_page_id) if redirect.redirect_page_id else None
    route = redirect.redirect_page_route_path or ""

    def to_url():
        if page is None:
            return redirect.redirect_link
        ref = ctx._walk(page)
        return ref["url"].rstrip("/") + route if route and ref else (ref or {}).get("url")

    return {
        "id": redirect.pk,
        "old_path": redirect.old_path,
        "site": redirect.site.hostname if redirect.site_id else None,
        "is_permanent": redirect.is_permanent,
        "status": 301 if redirect.is_permanent else 302,
        "to_url": Deferred(to_url),
        "to_page": page,
        "automatically_created": redirect.automatically_created,
    }


@router.get(
    "/redirects",
    response={200: ListResponse[RedirectOut], 400: ErrorResponse},
    summary="Redirects of a locale: old path → new path or URL",
    description=(
        "The redirects editors manage (Einstellungen → Weiterleitungen) and Wagtail creates "
        "when a page moves or its slug changes, for the frontend to answer old URLs. "
        "`locale`: old paths under `/<locale>/` (the default locale also gets paths with no "
        "locale prefix). A redirect to a page the public may not see is left out."
    ),
)
def list_redirects(request, params: Query[LocaleParams], pagination: Query[PaginationParams]):
    count, redirects = paginate(redirects_for_api(params.locale), pagination)
    ctx = ApiContext(request, params.locale)
    return ctx.resolve({"count": count, "items": [redirect_out(r, ctx) for r in redirects]})


def resolve_redirect(request, path):
    """``pages/resolve`` for a path with no page: its redirect (site-specific first), or None."""
    if "\0" in path:
        return None
    old_path = Redirect.normalise_path(path)
    redirect = (
        redirects_for_api()
        .filter(old_path=old_path)
        .filter(Q(site__isnull=True) | Q(site__in=Site.objects.filter(is_default_site=True)))
        .order_by(F("site_id").asc(nulls_last=True), "pk")
        .first()
    )
    if redirect is None:
        return None
    parts = [part for part in old_path.split("/") if part]
    codes = content_locale_codes()
    language_code = parts[0] if parts and parts[0] in codes else default_locale_code()
    ctx = ApiContext(request, language_code)
    return ctx.resolve({"type": "redirect", "redirect": redirect_out(redirect, ctx)})


register_resolve_fallback(ResolvedRedirect, resolve_redirect)
