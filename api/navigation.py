"""``/api/v1/navigation``: the menu tree of a locale, from the pages editors mark
"In Menüs anzeigen" (``show_in_menus``), in the editors' order, with their translations.

The tree starts below the locale's home page (the site root in that locale): a page is in the
menu when it is visible, marked for menus, at most ``depth`` levels below the home page, and
every page between it and the home page is in the menu too. Two queries (the pages, their
translations), plus Wagtail's site root paths on a cold cache.
"""

from __future__ import annotations

from django.http import Http404
from ninja import Field, Query, Router, Schema
from pydantic import field_validator
from wagtail.models import Page, Site

from api.context import ApiContext
from api.envelope import ErrorResponse
from api.params import validate_locale
from api.schemas import OutSchema, PageRef, TranslationLink
from base.locales import default_locale_code
from base.models import ApiPageQuerySet

router = Router()
MAX_DEPTH = 4


class NavigationParams(Schema):
    locale: str = Field(
        default_factory=default_locale_code,
        description="Content language (as everywhere); default: the default language.",
        max_length=20,
    )
    depth: int = Field(2, ge=1, le=MAX_DEPTH, description="Menu levels below the home page (1–4).")

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value):
        return validate_locale(value)


class NavigationItem(OutSchema):
    """A menu entry: the page, its translations (for a language switcher) and its sub-menu."""

    id: int
    type: str
    locale: str
    title: str
    slug: str
    url: str | None
    translations: list[TranslationLink]
    children: list[NavigationItem]


class NavigationOut(OutSchema):
    locale: str
    home: PageRef = Field(description="The locale's home page (the menu's root).")
    items: list[NavigationItem]


def home_root_path(language_code):
    """The url_path of the locale's site root (e.g. ``/start/``), or None."""
    for root in Site.get_site_root_paths():
        if root.language_code == language_code:
            return root.root_path
    return None


def navigation_tree(request, language_code, depth):
    root_path = home_root_path(language_code)
    if root_path is None:
        raise Http404(f"No home page in locale {language_code}.")
    root_depth = root_path.count("/")
    pages = ApiPageQuerySet(model=Page).in_locale(language_code).filter(
        url_path__startswith=root_path, depth__lte=root_depth + depth
    ).filter(show_in_menus=True, depth__gt=root_depth) | ApiPageQuerySet(model=Page).in_locale(
        language_code
    ).filter(url_path=root_path)
    pages = list(
        pages.select_related("locale", "content_type")
        .only(
            "id",
            "title",
            "slug",
            "path",
            "depth",
            "url_path",
            "translation_key",
            "locale__language_code",
            "content_type__app_label",
            "content_type__model",
        )
        .order_by("path")
    )
    if not pages or pages[0].url_path != root_path:
        raise Http404(f"No visible home page in locale {language_code}.")
    ctx = ApiContext(request, language_code)
    home = pages[0]
    nodes = {home.path: {"children": []}}
    for page in pages[1:]:
        parent = nodes.get(page.path[: -page.steplen])
        if parent is None:  # below a page that is not in the menu
            continue
        node = {
            **ctx.page_ref_out(page),
            "translations": ctx.translations(page),
            "children": [],
        }
        node.pop("fallback")
        parent["children"].append(node)
        nodes[page.path] = node
    return ctx.resolve(
        {
            "locale": language_code,
            "home": ctx.page_ref_out(home),
            "items": nodes[home.path]["children"],
        }
    )


@router.get(
    "/navigation",
    response={200: NavigationOut, 400: ErrorResponse, 404: ErrorResponse},
    summary="The menu tree of a locale",
    description=(
        "The pages editors mark for menus (Promote → In Menüs anzeigen), in the editors' "
        "order, as a tree below the locale's home page, `depth` levels deep (1–4, default 2), "
        "each with its live translations. A page below one that is not in the menu is left "
        "out. 404 when the locale has no visible home page."
    ),
)
def navigation(request, params: Query[NavigationParams]):
    return navigation_tree(request, params.locale, params.depth)
