"""``/api/v1/search`` and ``/api/v1/search/suggest``: full-text search over published pages.

The query is analysed for the requested locale (``search.analysis``) and run by the configured
search backend over the visible pages of that locale, ranked by relevance. Queries are at most
``SEARCH_MAX_QUERY_LENGTH`` characters, and each client IP may send
``SEARCH_RATE_LIMIT_PER_MINUTE`` uncached searches a minute (429 with ``Retry-After`` beyond).
"""

from typing import Annotated, Literal

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from modelsearch import index
from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints, field_validator
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from api.context import ApiContext, page_type
from api.envelope import ErrorResponse, ListResponse
from api.params import MAX_OFFSET, validate_locale
from api.ratelimit import check_rate_limit
from api.schemas import OutSchema
from base.locales import default_locale_code
from base.models import ApiPageQuerySet
from search import dictionary
from search.analysis import analyse_query, fold, is_cjk, language_for, normalise, tokens
from search.backends import build_query
from search.highlight import excerpt
from search.index import AnalysedSearchField, plain_text

router = Router()

# The result types: short name → (model label, API collection, summary field). Labels, not
# classes: the content apps build on search (their search fields), so it names their models.
RESULT_TYPES = {
    "region": ("regions.RegionPage", "regions", "summary"),
    "office": ("regions.OfficePage", "offices", "summary"),
    "organisation": ("companies.OrganisationPage", "organisations", "summary"),
    "news": ("news.NewsPage", "news", "teaser"),
    "event": ("news.EventPage", "events", "teaser"),
}
ResultType = Literal[tuple(RESULT_TYPES) + ("page",)]
# Functions returning a Q of visible pages that must not be found (other apps register them,
# e.g. matchmaking's expired opportunities).
EXCLUSIONS = []


def register_result_type(name, model, collection, summary_field, exclusion=None):
    """Another app's page type in the results (its ``type`` and ``api_url``); it is not
    among the values of the ``type`` filter, which are fixed when this module loads."""
    RESULT_TYPES[name] = (model._meta.label, collection, summary_field)
    if exclusion is not None:
        EXCLUSIONS.append(exclusion)


SUGGEST_MIN_LENGTH_LATIN = 2
SUGGEST_MIN_LENGTH_CJK = 1
SUGGEST_CANDIDATE_PAGES = 30

QueryText = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=1,
        max_length=settings.SEARCH_MAX_QUERY_LENGTH,
        pattern=r"^[^\x00-\x1f]*$",
    ),
]


class SearchParams(Schema):
    q: QueryText = Field(
        description=(
            "The query: German, Chinese or both; 1–200 characters. Every word must match "
            "(German words by their stem and compound parts, Chinese words by jieba segmentation)."
        )
    )
    locale: str = Field(
        default_factory=default_locale_code,
        description="Content language to search (default: the default language).",
        max_length=20,
    )
    type: list[ResultType] | None = Field(
        None,
        description="Only these result types (repeat the parameter for several).",
    )
    limit: int = Field(10, ge=1, le=50, description="Results per page (1–50).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Results to skip.")

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value):
        return validate_locale(value)


class SuggestParams(Schema):
    q: QueryText = Field(
        description=(
            "What the user has typed so far. Suggestions start at one Chinese or two Latin "
            "characters; shorter input answers an empty list."
        )
    )
    locale: str = Field(
        default_factory=default_locale_code, description="Content language.", max_length=20
    )
    limit: int = Field(8, ge=1, le=20, description="Suggestions to return (1–20).")

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value):
        return validate_locale(value)


class SearchResult(OutSchema):
    id: int
    type: str = Field(description="region, office, organisation, news, event or page.")
    page_type: str = Field(description="The page model, e.g. companies.OrganisationPage.")
    locale: str
    title: str
    summary: str
    excerpt: str = Field(
        description="HTML: up to 200 characters around the first match, matches in <mark>."
    )
    url: str | None = Field(description="Public path of the page.")
    api_url: str | None = Field(description="The page's detail endpoint in this API.")


class SearchResponse(ListResponse[SearchResult]):
    pass


class SuggestedPage(OutSchema):
    id: int
    type: str
    title: str
    url: str | None


class SuggestResponse(OutSchema):
    query: str
    suggestions: list[str] = Field(description="Completions of the query, most frequent first.")
    pages: list[SuggestedPage] = Field(description="Pages whose names start with the input.")


# --- Rate limit --------------------------------------------------------------------------------


def check_search_rate_limit(request):
    check_rate_limit(
        request,
        "search",
        settings.SEARCH_RATE_LIMIT_PER_MINUTE,
        60,
        "Too many search requests from this address; retry in {retry_after} seconds.",
    )


# --- Search ------------------------------------------------------------------------------------


def result_models():
    """The model of each result type, by short name."""
    return {name: apps.get_model(label) for name, (label, _path, _field) in RESULT_TYPES.items()}


def result_type(page):
    return next((name for name, model in result_models().items() if model is type(page)), "page")


def search_text(page):
    """The page's searchable text other than its title, as written (for the excerpt)."""
    texts = []
    for field in type(page).get_search_fields():
        if isinstance(field, AnalysedSearchField) and field.field_name != "title":
            if field.field_name.startswith("search_"):  # computed, e.g. sector names
                continue
            text = plain_text(index.BaseField.get_value(field, page)).strip()
            if text and text not in texts:
                texts.append(text)
    return "\n".join(texts)


def summary_of(page):
    entry = RESULT_TYPES.get(result_type(page))
    if entry:
        return getattr(page, entry[2], "") or ""
    return page.search_description or getattr(page, "intro", "") or ""


def searchable(language_code, types=None):
    """The visible pages of the locale, as a queryset the search backend accepts (it only
    filters on indexed filter fields, so the visibility rules go into a subquery by id)."""
    visible = type_filter(ApiPageQuerySet(model=Page).in_locale(language_code), types)
    for exclusion in EXCLUSIONS:
        visible = visible.exclude(exclusion())
    return Page.objects.filter(pk__in=visible.values("pk"))


def pages_by_id(ids):
    """The specific pages of ``ids`` (one query per page type), with their locales."""
    if not ids:
        return {}
    locales = Locale.objects.in_bulk()
    pages = Page.objects.filter(pk__in=ids).specific()
    for page in pages:  # specific() does not keep select_related: one query for the locales
        page.locale = locales[page.locale_id]
    return {page.pk: page for page in pages}


def type_filter(queryset, types):
    if not types:
        return queryset
    by_name = result_models()
    models = [by_name[name] for name in types if name in by_name]
    content_types = list(ContentType.objects.get_for_models(*models).values())
    if "page" in types:
        known = ContentType.objects.get_for_models(*by_name.values()).values()
        return queryset.exclude(content_type__in=list(known)) | queryset.filter(
            content_type__in=content_types
        )
    return queryset.filter(content_type__in=content_types)


@router.get(
    "/search",
    response={200: SearchResponse, 400: ErrorResponse, 429: ErrorResponse},
    summary="Full-text search over published pages in one locale, ranked by relevance",
)
def search(request, params: Query[SearchParams]):
    check_search_rate_limit(request)
    dictionary.refresh()
    words = analyse_query(params.q, (language_for(params.locale),))
    query = build_query(words)
    if query is None:  # only stop words
        return {"count": 0, "items": []}
    results = get_search_backend().search(query, searchable(params.locale, params.type))
    count = results.count()
    hits = list(results[params.offset : params.offset + params.limit]) if count else []
    specific = pages_by_id([hit.pk for hit in hits])
    ctx = ApiContext(request, params.locale)
    items = []
    for hit in hits:
        page = specific.get(hit.pk)
        if page is None:
            continue
        kind = result_type(page)
        summary = summary_of(page)
        collection = RESULT_TYPES.get(kind, (None, None))[1]
        items.append(
            {
                "id": page.pk,
                "type": kind,
                "page_type": page_type(page),
                "locale": page.locale.language_code,
                "title": page.title,
                "summary": summary,
                "excerpt": excerpt(search_text(page) or summary, words, params.locale),
                "url": ctx.url(page),
                "api_url": (
                    f"/api/v1/{collection}/{page.pk}?locale={params.locale}" if collection else None
                ),
            }
        )
    return {"count": count, "items": items}


# --- Suggestions -------------------------------------------------------------------------------


def long_enough(text):
    last = text.split()[-1] if text.split() else ""
    if is_cjk(last):
        return len(last) >= SUGGEST_MIN_LENGTH_CJK
    return len(last) >= SUGGEST_MIN_LENGTH_LATIN


def completions(texts, prefix):
    """Words of ``texts`` that start with ``prefix`` (longer than it), most frequent first."""
    from search.analysis import cjk_words

    folded_prefix = fold(prefix)
    counts = {}
    for text in texts:
        for kind, token, _start, _end in tokens(normalise(text)):
            candidates = cjk_words(token, search=True) if kind == "cjk" else [token]
            for word in candidates:
                if len(word) > len(prefix) and fold(word).startswith(folded_prefix):
                    counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda word: (-counts[word], len(word), word))


@router.get(
    "/search/suggest",
    response={200: SuggestResponse, 400: ErrorResponse, 429: ErrorResponse},
    summary="Completions of a partly typed query, and pages whose names start with it",
)
def suggest(request, params: Query[SuggestParams]):
    text = normalise(params.q)
    if not long_enough(text):
        return {"query": params.q, "suggestions": [], "pages": []}
    check_search_rate_limit(request)
    dictionary.refresh()
    words = analyse_query(text, (language_for(params.locale),), autocomplete=True)
    query = build_query(words)
    if query is None:
        return {"query": params.q, "suggestions": [], "pages": []}
    pages = searchable(params.locale)
    hits = list(get_search_backend().autocomplete(query, pages)[:SUGGEST_CANDIDATE_PAGES])
    specific = pages_by_id([hit.pk for hit in hits])
    ordered = [specific[hit.pk] for hit in hits if hit.pk in specific]
    last_word = text.split()[-1]
    head = text[: len(text) - len(last_word)]
    texts = []
    for page in ordered:
        texts.append(page.title)
        texts.extend(
            plain_text(index.BaseField.get_value(field, page))
            for field in type(page).get_autocomplete_search_fields()
            if field.field_name != "title"
        )
    suggestions = [head + word for word in completions(texts, last_word)][: params.limit]
    ctx = ApiContext(request, params.locale)
    return {
        "query": params.q,
        "suggestions": suggestions,
        "pages": [
            {"id": p.pk, "type": result_type(p), "title": p.title, "url": ctx.url(p)}
            for p in ordered[:5]
        ],
    }
