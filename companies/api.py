"""API of the organisation directory: organisation profiles, sectors and cooperation types."""

from collections import defaultdict
from datetime import date
from typing import Annotated, Literal

from ninja import Field, Path, Query, Router, Schema
from pydantic import StringConstraints

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
    register_detail_batch,
    stream_out,
    taxonomy_item,
)
from companies.models import CooperationType, OrganisationIndexPage, OrganisationPage, Sector

router = Router()


ORGANISATION_ORDERINGS = {
    "title": ("title",),
    "-title": ("-title",),
    "founding_year": ("founding_year",),
    "-founding_year": ("-founding_year",),
    "-last_published_at": ("-last_published_at",),
}


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
    return {**cooperation_ref(entry), "description": entry.api_description}


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


# --- Organisations -------------------------------------------------------------------------


class CooperationRef(TaxonomyItem):
    """A cooperation type an organisation offers or seeks."""

    code: str
    category: str


class OrganisationItem(PageItem):
    """An organisation profile in the directory. Never carries the private contact email."""

    type: Literal["companies.OrganisationPage"]
    legal_name: str
    organisation_type: Choice
    size_band: Choice | None
    summary: str
    city: str
    country: Choice
    region: PageRef | None
    website: str
    founding_year: int | None
    logo: ImageOut | None
    sectors: list[TaxonomyItem]
    offers: list[CooperationRef]
    seeks: list[CooperationRef]


class OrganisationDetail(PageDetailFields, OrganisationItem):
    """An organisation profile with its description, services, certifications and contact."""

    street: str
    postal_code: str
    description: str = Field(description="Rich text as HTML, internal links localised.")
    products_and_services: list[StreamBlockOut]
    certifications: list[StreamBlockOut]
    working_languages: list[Choice]
    target_regions: list[PageRef]
    contact_name: str
    contact_role: str
    profile_reviewed_at: date | None


class FacetEntry(OutSchema):
    """One facet value with the number of organisations that have it (under the filter)."""

    id: int | None = Field(description="The value for the filter of the same name, if an id.")
    code: str = Field(description="Cooperation code, region slug or organisation type value.")
    label: str
    count: int


class OrganisationFacets(OutSchema):
    """Counts per facet for the current filter, for a directory UI."""

    sectors: list[FacetEntry]
    regions: list[FacetEntry]
    organisation_types: list[FacetEntry]
    offers: list[FacetEntry]
    seeks: list[FacetEntry]


class OrganisationList(ListResponse[OrganisationItem]):
    """The directory: count, items, and with ``facets=true`` the facet counts."""

    facets: OrganisationFacets | None = None


CooperationCode = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")
]


class OrganisationFilters(Schema):
    """Filters, order and facets of the organisation directory."""

    region: SlugOrId | None = Field(None, description="Region id or slug (any locale).")
    sector: PageId | None = Field(None, description="Sector id (see /sectors).")
    organisation_type: Literal[tuple(OrganisationPage.OrganisationType.values)] | None = None
    offers: CooperationCode | None = Field(
        None, description="Cooperation type code offered (see /cooperation-types)."
    )
    seeks: CooperationCode | None = Field(None, description="Cooperation type code sought.")
    size_band: Literal[tuple(OrganisationPage.SizeBand.values)] | None = None
    country: CountryCode | None = Field(None, description="ISO country code, e.g. DE or CN.")
    order: Literal[tuple(ORGANISATION_ORDERINGS)] = "title"
    facets: bool = Field(False, description="Add facet counts for the current filter.")


def taxonomy_maps(pages, language_code):
    """page id → {"sectors", "offers", "seeks"} lists, from one UNION query."""
    maps = defaultdict(lambda: {"sectors": [], "offers": [], "seeks": []})
    if not pages:
        return maps
    rows = OrganisationPage.objects.api_taxonomies([p.pk for p in pages], language_code)
    for page_id, relation, entry, key, name, locale, code, category in sorted(
        rows, key=lambda row: (row[1], row[4])
    ):
        item = {"id": entry, "key": str(key), "locale": locale, "name": name}
        if relation != "sectors":
            item.update(code=code, category=category)
        maps[page_id][relation].append(item)
    return maps


def instance_taxonomies(page, language_code):
    """The sectors, offers and seeks of an unsaved revision (preview), labelled in the locale."""
    result = {}
    for relation, model in (
        ("sectors", Sector),
        ("offers", CooperationType),
        ("seeks", CooperationType),
    ):
        entries = localised_entries(getattr(page, relation).all(), language_code)
        if model is Sector:
            result[relation] = [taxonomy_item(entry) for entry in entries]
        else:
            result[relation] = [cooperation_ref(entry) for entry in entries]
    return result


def cooperation_ref(entry):
    return {**taxonomy_item(entry), "code": entry.code, "category": entry.category}


def organisation_item(page, ctx, taxonomies):
    language = ctx.language_code
    field = OrganisationPage._meta.get_field
    return {
        **page_item(page, ctx),
        "legal_name": page.legal_name,
        "organisation_type": choice_out(
            field("organisation_type"), page.organisation_type, language
        ),
        "size_band": choice_out(field("size_band"), page.size_band, language),
        "summary": page.summary,
        "city": page.city,
        "country": choice_out(field("country"), page.country, language),
        "region": ctx.page_ref(page.region_id),
        "website": page.website,
        "founding_year": page.founding_year,
        "logo": ctx.image(page.logo) if page.logo_id else None,
        **taxonomies,
    }


def prefetch_taxonomies(pages, language_code):
    """The taxonomies of many organisation pages in one query, for ``organisation_detail``."""
    maps = taxonomy_maps(pages, language_code)
    for page in pages:
        page.api_taxonomy_map = maps[page.pk]


def organisation_detail(page, ctx):
    if ctx.preview:
        taxonomies = instance_taxonomies(page, ctx.language_code)
    elif hasattr(page, "api_taxonomy_map"):  # fetched by prefetch_taxonomies (sync)
        taxonomies = page.api_taxonomy_map
    else:
        taxonomies = taxonomy_maps([page], ctx.language_code)[page.pk]
    languages = OrganisationPage._meta.get_field("working_languages")
    return {
        **organisation_item(page, ctx, taxonomies),
        **page_detail_fields(page),
        "street": page.street,
        "postal_code": page.postal_code,
        "description": ctx.rich_text(page.description),
        "products_and_services": stream_out(page.products_and_services, ctx),
        "certifications": stream_out(page.certifications, ctx),
        "working_languages": [
            choice_out(languages, value, ctx.language_code)
            for value in page.working_languages or []
            if value in dict(languages.choices_list)
        ],
        "target_regions": ctx.page_refs([region.pk for region in page.target_regions.all()]),
        "contact_name": page.contact_name,
        "contact_role": page.contact_role,
        "profile_reviewed_at": page.profile_reviewed_at,
    }


def facets_out(rows, language_code):
    facets = {name: [] for name in OrganisationFacets.model_fields}
    type_field = OrganisationPage._meta.get_field("organisation_type")
    # Rows "label:sectors" and "label:cooperation" carry the taxonomy labels in the locale.
    labels = {
        (facet.removeprefix("label:"), entry): label
        for facet, entry, _code, label, _count in rows
        if facet.startswith("label:")
    }
    # "label:regions": (page id, slug, title, id of the region in the locale) per region page.
    regions = {
        entry: (localised_id, code, label)
        for facet, entry, code, label, localised_id in rows
        if facet == "label:regions"
    }
    region_counts = {}
    for facet, entry, _code, _label, count in rows:
        if facet == "regions" and entry in regions:
            region_counts[regions[entry]] = region_counts.get(regions[entry], 0) + count
    for (localised_id, slug, title), count in region_counts.items():
        facets["regions"].append({"id": localised_id, "code": slug, "label": title, "count": count})
    for facet, entry, code, label, count in rows:
        if facet.startswith("label:") or facet == "regions":
            continue
        if facet == "sectors":
            label = labels.get(("sectors", entry), "")
        elif facet in ("offers", "seeks"):
            label = labels.get(("cooperation", entry), "")
        if facet == "organisation_types":
            label = choice_out(type_field, code, language_code)["label"]
            entry = None
        facets[facet].append({"id": entry, "code": code or "", "label": label, "count": count})
    for entries in facets.values():
        entries.sort(key=lambda entry: (-entry["count"], entry["label"]))
    return facets


@router.get(
    "/organisations",
    response={200: OrganisationList, 400: ErrorResponse},
    summary="The organisation directory, filtered, with optional facet counts",
)
def list_organisations(
    request,
    params: Query[LocaleParams],
    filters: Query[OrganisationFilters],
    page: Query[PaginationParams],
):
    conditions = filters.model_dump(exclude={"order", "facets"})
    queryset = OrganisationPage.objects.for_api(params.locale, params.fallback).filter_for_api(
        **conditions
    )
    ordered = order_queryset(queryset, filters.order, ORGANISATION_ORDERINGS)
    # The unfiltered directory (its first page is the most requested) is counted on the page
    # table alone; a filtered one has to look at the organisations' own columns.
    count_queryset = None
    if not any(value is not None for value in conditions.values()):
        count_queryset = OrganisationPage.objects.count_in_locale(params.locale, params.fallback)
    count, organisations = paginate(ordered, page, count_queryset)
    ctx = ApiContext(request, params.locale, params.fallback)
    taxonomies = taxonomy_maps(organisations, params.locale)
    body = {
        "count": count,
        "items": [organisation_item(o, ctx, taxonomies[o.pk]) for o in organisations],
    }
    if filters.facets:
        body["facets"] = facets_out(queryset.api_facets(params.locale), params.locale)
    return ctx.resolve(body)


@router.get(
    "/organisations/{id}",
    response={200: OrganisationDetail, 400: ErrorResponse, 404: ErrorResponse},
    summary="One organisation profile, in the locale (id of any of its translations)",
)
def get_organisation(request, id: Path[PageId], params: Query[LocaleParams]):
    return detail_response(request, OrganisationPage, id, params)


register_detail(OrganisationPage, OrganisationDetail, organisation_detail)
register_detail_batch(OrganisationPage, prefetch_taxonomies)
register_detail(OrganisationIndexPage, GenericPageDetail, generic_page_detail)
