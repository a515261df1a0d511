"""API of the organisation directory: organisation profiles, sectors and cooperation types."""

from ninja import Query, Router

from companies.models import CooperationType, Sector
from home.api import (
    ErrorResponse,
    ListResponse,
    LocaleParams,
    PaginationParams,
    TaxonomyItem,
    paginate,
    taxonomy_item,
)

router = Router()


class SectorItem(TaxonomyItem):
    """An industry sector with its classification codes."""

    nace_code: str
    gbt_code: str


class CooperationTypeItem(TaxonomyItem):
    """A kind of cooperation; ``code`` is what the ``offers``/``seeks`` filters take."""

    code: str
    category: str
    description: str


def sector_item(sector):
    return {**taxonomy_item(sector), "nace_code": sector.nace_code, "gbt_code": sector.gbt_code}


def cooperation_type_item(entry):
    return {
        **taxonomy_item(entry),
        "code": entry.code,
        "category": entry.category,
        "description": entry.api_description,
    }


@router.get(
    "/sectors",
    response={200: ListResponse[SectorItem], 400: ErrorResponse},
    summary="Industry sectors, labelled in the locale",
)
def list_sectors(request, params: Query[LocaleParams], page: Query[PaginationParams]):
    queryset = Sector.objects.for_api(params.locale).order_by("api_name", "pk")
    count, items = paginate(queryset, page)
    return {"count": count, "items": [sector_item(sector) for sector in items]}


@router.get(
    "/cooperation-types",
    response={200: ListResponse[CooperationTypeItem], 400: ErrorResponse},
    summary="Cooperation types (what organisations offer and seek), labelled in the locale",
)
def list_cooperation_types(request, params: Query[LocaleParams], page: Query[PaginationParams]):
    queryset = CooperationType.objects.for_api(params.locale).order_by("category", "api_name")
    count, items = paginate(queryset, page)
    return {"count": count, "items": [cooperation_type_item(entry) for entry in items]}
