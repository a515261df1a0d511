"""API of the regions and their representative offices."""

from datetime import date
from decimal import Decimal
from typing import Literal

from ninja import Field, Path, Query, Router, Schema

from api.context import ApiContext
from api.envelope import ErrorResponse, ListResponse
from api.pages import GenericPageDetail, generic_page_detail
from api.params import (
    CountryCode,
    LocaleParams,
    PageId,
    PaginationParams,
    SlugOrId,
    order_queryset,
    paginate,
)
from api.schemas import (
    ImageOut,
    OutSchema,
    PageDetailFields,
    PageItem,
    PageRef,
    StreamBlockOut,
    TaxonomyItem,
)
from api.serialisers import (
    Choice,
    choice_out,
    detail_response,
    localised_entries,
    page_detail_fields,
    page_item,
    register_detail,
    stream_out,
    taxonomy_item,
)
from regions.models import OfficePage, RegionIndexPage, RegionPage

router = Router()


# --- Regions -------------------------------------------------------------------------------


class RegionItem(PageItem):
    """A region in a list."""

    type: Literal["regions.RegionPage"]
    country: Choice
    province: str
    role: Choice
    summary: str
    hero_image: ImageOut | None
    latitude: Decimal | None
    longitude: Decimal | None
    focus_sectors: list[TaxonomyItem]


class RegionDetail(PageDetailFields, RegionItem):
    """A region with its content, facts, partner organisations and offices."""

    body: list[StreamBlockOut]
    key_facts: list[StreamBlockOut]
    milestones: list[StreamBlockOut]
    partner_organisations: list[PageRef]
    offices: list[PageRef]


class RegionFilters(Schema):
    """Filters and order of the region list."""

    country: CountryCode | None = Field(None, description="ISO country code, e.g. CN.")
    role: Literal[tuple(RegionPage.Role.values)] | None = None
    order: Literal["tree", "title", "-title"] = Field(
        "tree", description="tree: the editors' order."
    )


REGION_ORDERINGS = {"tree": ("path",), "title": ("title",), "-title": ("-title",)}


def region_item(region, ctx):
    language = ctx.language_code
    return {
        **page_item(region, ctx),
        "country": choice_out(RegionPage._meta.get_field("country"), region.country, language),
        "province": region.province,
        "role": choice_out(RegionPage._meta.get_field("role"), region.role, language),
        "summary": region.summary,
        "hero_image": ctx.image(region.hero_image) if region.hero_image_id else None,
        "latitude": region.latitude,
        "longitude": region.longitude,
        "focus_sectors": [
            taxonomy_item(sector)
            for sector in localised_entries(region.focus_sectors.all(), language)
        ],
    }


def region_detail(region, ctx):
    return {
        **region_item(region, ctx),
        **page_detail_fields(region),
        "body": stream_out(region.body, ctx),
        "key_facts": stream_out(region.key_facts, ctx),
        "milestones": stream_out(region.milestones, ctx),
        "partner_organisations": ctx.page_refs(
            [link.organisation_id for link in region.partner_organisations.all()]
        ),
        "offices": ctx.children(region, OfficePage),
    }


@router.get(
    "/regions",
    response={200: ListResponse[RegionItem], 400: ErrorResponse},
    summary="Regions: Kaiserslautern and the partner regions in China",
)
def list_regions(
    request,
    params: Query[LocaleParams],
    filters: Query[RegionFilters],
    page: Query[PaginationParams],
):
    queryset = RegionPage.objects.for_api(params.locale, params.fallback).filter_for_api(
        **filters.model_dump(exclude={"order"})
    )
    queryset = order_queryset(queryset, filters.order, REGION_ORDERINGS)
    count, regions = paginate(queryset, page)
    ctx = ApiContext(request, params.locale, params.fallback)
    return ctx.resolve({"count": count, "items": [region_item(r, ctx) for r in regions]})


@router.get(
    "/regions/{id}",
    response={200: RegionDetail, 400: ErrorResponse, 404: ErrorResponse},
    summary="One region, in the locale (id of any of its translations)",
)
def get_region(request, id: Path[PageId], params: Query[LocaleParams]):
    return detail_response(request, RegionPage, id, params)


# --- Offices -------------------------------------------------------------------------------


class ContactOut(OutSchema):
    """A contact person of an office."""

    name: str
    role: str
    email: str
    phone: str
    photo: ImageOut | None


class OfficeItem(PageItem):
    """A representative office in a list."""

    type: Literal["regions.OfficePage"]
    region: PageRef | None
    status: Choice
    opening_date: date | None
    summary: str
    host_institution: str
    city: str
    country: Choice
    latitude: Decimal | None
    longitude: Decimal | None


class OfficeDetail(PageDetailFields, OfficeItem):
    """An office with address, facilities, services, content and contact persons."""

    street: str
    postal_code: str
    floor_area_m2: int | None
    facilities: list[Choice]
    services: list[StreamBlockOut]
    body: list[StreamBlockOut]
    contacts: list[ContactOut]


class OfficeFilters(Schema):
    """Filters and order of the office list."""

    region: SlugOrId | None = Field(None, description="Region id or slug (any locale).")
    status: Literal[tuple(OfficePage.Status.values)] | None = None
    order: Literal["tree", "title", "-title", "opening_date", "-opening_date"] = "tree"


OFFICE_ORDERINGS = {
    "tree": ("path",),
    "title": ("title",),
    "-title": ("-title",),
    "opening_date": ("opening_date",),
    "-opening_date": ("-opening_date",),
}


def office_item(office, ctx):
    language = ctx.language_code
    return {
        **page_item(office, ctx),
        "region": ctx.page_ref(getattr(office, "api_region_id", None)),
        "status": choice_out(OfficePage._meta.get_field("status"), office.status, language),
        "opening_date": office.opening_date,
        "summary": office.summary,
        "host_institution": office.host_institution,
        "city": office.city,
        "country": choice_out(OfficePage._meta.get_field("country"), office.country, language),
        "latitude": office.latitude,
        "longitude": office.longitude,
    }


def office_detail(office, ctx):
    facilities = OfficePage._meta.get_field("facilities")
    return {
        **office_item(office, ctx),
        **page_detail_fields(office),
        "street": office.street,
        "postal_code": office.postal_code,
        "floor_area_m2": office.floor_area_m2,
        "facilities": [
            choice_out(facilities, value, ctx.language_code)
            for value in office.facilities or []
            if value in dict(facilities.choices_list)
        ],
        "services": stream_out(office.services, ctx),
        "body": stream_out(office.body, ctx),
        "contacts": [
            {
                "name": contact.person.name,
                "role": getattr(contact, "api_role", contact.person.role),
                "email": contact.person.email,
                "phone": contact.person.phone,
                "photo": ctx.image(contact.person.photo) if contact.person.photo_id else None,
            }
            for contact in office.contacts.all()
        ],
    }


@router.get(
    "/offices",
    response={200: ListResponse[OfficeItem], 400: ErrorResponse},
    summary="Representative offices (Repräsentanzen)",
)
def list_offices(
    request,
    params: Query[LocaleParams],
    filters: Query[OfficeFilters],
    page: Query[PaginationParams],
):
    queryset = OfficePage.objects.for_api(params.locale, params.fallback).filter_for_api(
        **filters.model_dump(exclude={"order"})
    )
    queryset = order_queryset(queryset, filters.order, OFFICE_ORDERINGS)
    count, offices = paginate(queryset, page)
    ctx = ApiContext(request, params.locale, params.fallback)
    return ctx.resolve({"count": count, "items": [office_item(o, ctx) for o in offices]})


@router.get(
    "/offices/{id}",
    response={200: OfficeDetail, 400: ErrorResponse, 404: ErrorResponse},
    summary="One office, in the locale (id of any of its translations)",
)
def get_office(request, id: Path[PageId], params: Query[LocaleParams]):
    return detail_response(request, OfficePage, id, params)


register_detail(RegionPage, RegionDetail, region_detail)
register_detail(OfficePage, OfficeDetail, office_detail)
register_detail(RegionIndexPage, GenericPageDetail, generic_page_detail)
