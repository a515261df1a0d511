"""API of news and events, and of the news categories."""

from ninja import Query, Router

from home.api import (
    ErrorResponse,
    ListResponse,
    LocaleParams,
    PaginationParams,
    TaxonomyItem,
    paginate,
    taxonomy_item,
)
from news.models import NewsCategory

router = Router()


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
