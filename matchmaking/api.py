"""API of the partner matchmaking: cooperation opportunities and ranked partner suggestions.

- ``GET /opportunities`` (filters kind, sector, region, country, cooperation_type; expired
  ones never appear) and ``/opportunities/{id}``;
- ``GET /organisations/{id}/matches`` and ``/opportunities/{id}/matches``: ranked partners
  (``matchmaking.matching``), with localised reasons;
- ``POST /interests``: a visitor expresses interest in a match (``matchmaking.interests``).
"""

from collections import defaultdict
from datetime import date, datetime
from typing import Annotated, Literal, NamedTuple
from uuid import UUID, uuid4

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db.models import CharField, Subquery, Value
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import StringConstraints, field_validator
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from api.context import ApiContext
from api.envelope import ErrorResponse, ListResponse
from api.params import CountryCode, LocaleParams, PageId, PaginationParams, SlugOrId, paginate
from api.ratelimit import check_rate_limit
from api.schemas import OutSchema, PageDetailFields, PageItem, PageRef, TaxonomyItem
from api.serialisers import (
    Choice,
    choice_out,
    detail_response,
    localised_entries,
    page_detail_fields,
    page_item,
    register_detail,
    taxonomy_item,
)
from base.fields import COUNTRY_CHOICES
from base.models import ApiPageQuerySet, visible_q
from companies.api import (
    CooperationCode,
    CooperationRef,
    OrganisationItem,
    cooperation_ref,
    organisation_item,
)
from companies.models import CooperationType, OrganisationPage, Sector
from inquiries.api import Text
from matchmaking.interests import express_interest
from matchmaking.matching import Match
from matchmaking.models import MatchProfile, OpportunityPage, RankedMatches, today

router = Router()

MAX_MATCHES = 50
OPPORTUNITY_ORDERINGS = {
    "-last_published_at": ("-last_published_at",),
    "valid_until": ("valid_until",),
    "title": ("title",),
}


# --- Opportunities -----------------------------------------------------------------------------


class OpportunityItem(PageItem):
    """A cooperation offer or request in a list."""

    type: Literal["matchmaking.OpportunityPage"]
    kind: Choice
    summary: str
    valid_until: date
    organisation: PageRef | None = Field(description="The organisation that publishes it.")
    sectors: list[TaxonomyItem]
    cooperation_types: list[CooperationRef]
    target_countries: list[Choice]


class OpportunityDetail(PageDetailFields, OpportunityItem):
    """A cooperation offer or request with its description and the partner sought."""

    description: str = Field(description="Rich text as HTML, internal links localised.")
    partner_sought: str
    target_regions: list[PageRef]


class OpportunityFilters(Schema):
    kind: Literal[tuple(OpportunityPage.Kind.values)] | None = None
    sector: PageId | None = Field(None, description="Sector id (see /sectors).")
    region: SlugOrId | None = Field(None, description="Target region: id or slug (any locale).")
    country: CountryCode | None = Field(None, description="Target country, e.g. CN or DE.")
    cooperation_type: CooperationCode | None = Field(
        None, description="Cooperation type code (see /cooperation-types)."
    )
    order: Literal[tuple(OPPORTUNITY_ORDERINGS)] = "-last_published_at"


def opportunity_taxonomies(pages, language_code):
    maps = defaultdict(lambda: {"sectors": [], "cooperation_types": []})
    if not pages:
        return maps
    rows = OpportunityPage.objects.api_taxonomies([p.pk for p in pages], language_code)
    for page_id, relation, entry, key, name, locale, code, category in sorted(
        rows, key=lambda row: (row[1], row[4])
    ):
        item = {"id": entry, "key": str(key), "locale": locale, "name": name}
        if relation == "cooperation_types":
            item.update(code=code, category=category)
        maps[page_id][relation].append(item)
    return maps


def countries_out(codes, language_code):
    field = OpportunityPage._meta.get_field("target_countries")
    with translation.override(language_code):
        labels = dict(field.choices_list)
        return [{"value": code, "label": str(labels[code])} for code in codes if code in labels]


def opportunity_item(page, ctx, taxonomies):
    kind = OpportunityPage._meta.get_field("kind")
    owner = getattr(page, "api_owner_id", None)
    if owner is None and ctx.preview:
        owner = page.get_parent().pk
    return {
        **page_item(page, ctx),
        "kind": choice_out(kind, page.kind, ctx.language_code),
        "summary": page.summary,
        "valid_until": page.valid_until,
        "organisation": ctx.page_ref(owner),
        **taxonomies,
        "target_countries": countries_out(page.target_countries or [], ctx.language_code),
    }


def opportunity_detail(page, ctx):
    if ctx.preview:
        taxonomies = {
            "sectors": [
                taxonomy_item(e) for e in localised_entries(page.sectors.all(), ctx.language_code)
            ],
            "cooperation_types": [
                cooperation_ref(e)
                for e in localised_entries(page.cooperation_types.all(), ctx.language_code)
            ],
        }
    else:
        taxonomies = opportunity_taxonomies([page], ctx.language_code)[page.pk]
    return {
        **opportunity_item(page, ctx, taxonomies),
        **page_detail_fields(page),
        "description": ctx.rich_text(page.description),
        "partner_sought": page.partner_sought,
        "target_regions": ctx.page_refs([region.pk for region in page.target_regions.all()]),
    }


@router.get(
    "/opportunities",
    response={200: ListResponse[OpportunityItem], 400: ErrorResponse},
    summary="Cooperation offers and requests that are still valid, filtered",
)
def list_opportunities(
    request,
    params: Query[LocaleParams],
    filters: Query[OpportunityFilters],
    page: Query[PaginationParams],
):
    queryset = (
        OpportunityPage.objects.for_api(params.locale, params.fallback)
        .filter_for_api(**filters.model_dump(exclude={"order"}))
        .order_by(*OPPORTUNITY_ORDERINGS[filters.order], "pk")
    )
    count, items = paginate(queryset, page)
    ctx = ApiContext(request, params.locale, params.fallback)
    taxonomies = opportunity_taxonomies(items, params.locale)
    return ctx.resolve(
        {"count": count, "items": [opportunity_item(o, ctx, taxonomies[o.pk]) for o in items]}
    )


@router.get(
    "/opportunities/{id}",
    response={200: OpportunityDetail, 400: ErrorResponse, 404: ErrorResponse},
    summary="One cooperation offer or request, in the locale (id of any of its translations)",
)
def get_opportunity(request, id: Path[PageId], params: Query[LocaleParams]):
    return detail_response(request, OpportunityPage, id, params)


register_detail(OpportunityPage, OpportunityDetail, opportunity_detail)


# --- Matches -----------------------------------------------------------------------------------


class MatchParams(LocaleParams):
    limit: int = Field(10, ge=1, le=MAX_MATCHES, description="Matches to return (1–50).")
    scope: Literal["cross-border", "all"] = Field(
        "cross-border",
        description="cross-border: partners in another country (German ↔ Chinese); all: any.",
    )


class Reason(OutSchema):
    kind: str = Field(description="offers-seeks, seeks-offers, sector, region, country or text.")
    label: str = Field(description="Why, in the requested locale.")


class MatchItem(OutSchema):
    organisation: OrganisationItem
    opportunity: OpportunityItem | None
    score: float = Field(ge=0, le=1)
    reasons: list[Reason]


class MatchList(ListResponse[MatchItem]):
    """The best matches first; ``count`` is the number of items returned."""


class TaxonomyLabels:
    """The sectors and cooperation types labelled in one locale, by id: two small queries per
    response. A match response builds the taxonomy lists of its organisations and opportunities
    (``lists``: one UNION of the plain link tables) and its reasons' labels from them, rather
    than one labelled UNION per page type plus label queries for the reasons."""

    def __init__(self, language_code):
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        self.sectors = self._labelled(Sector, (), language_code, default)
        self.cooperation_types = self._labelled(
            CooperationType, ("code", "category"), language_code, default
        )

    @staticmethod
    def _labelled(model, extra, language_code, default):
        """Items of the default-locale entries (the ones pages link), named from their
        translation in ``language_code`` where there is one: the entries of both locales in one
        plain query, joined here."""
        rows = model.objects.filter(locale__language_code__in={language_code, default}).values_list(
            "pk", "translation_key", "name", "locale__language_code", *extra
        )
        entries, names = {}, {}
        for pk, key, name, locale, *values in rows:
            if locale == default:
                entries[pk] = {"id": pk, "key": str(key), "locale": locale, "name": name}
                entries[pk].update(zip(extra, values, strict=True))
            if locale == language_code:
                names[key] = (name, locale)
        for entry in entries.values():
            entry["name"], entry["locale"] = names.get(
                UUID(entry["key"]), (entry["name"], entry["locale"])
            )
        return entries

    def lists(self, organisation_ids, opportunity_ids):
        """page id → {relation: items by name} for the organisations' sectors, offers and seeks
        and the opportunities' sectors and cooperation types."""
        text = CharField()
        result, branches = {}, []
        for ids, page_model, relations in (
            (organisation_ids, OrganisationPage, ("sectors", "offers", "seeks")),
            (opportunity_ids, OpportunityPage, ("sectors", "cooperation_types")),
        ):
            result.update({pk: {relation: [] for relation in relations} for pk in ids})
            owner = page_model._meta.model_name
            for relation in relations if ids else ():
                target = "sector" if relation == "sectors" else "cooperationtype"
                branches.append(
                    getattr(page_model, relation)
                    .through.objects.filter(**{f"{owner}_id__in": ids})
                    .order_by()
                    .annotate(api_relation=Value(relation, output_field=text))
                    .values_list(f"{owner}_id", "api_relation", f"{target}_id")
                )
        if not branches:
            return result
        for page_id, relation, entry in branches[0].union(*branches[1:], all=True):
            entries = self.sectors if relation == "sectors" else self.cooperation_types
            if entry in entries:  # taxonomy links point at default-locale entries only
                result[page_id][relation].append(entries[entry])
        for relations in result.values():
            for items in relations.values():
                items.sort(key=lambda item: item["name"])
        return result


def reason_labels(matches, language_code, labels=None):
    """Localised labels of the reasons: names of cooperation types, sectors and regions in the
    locale (``labels``, a ``TaxonomyLabels``, or one query each when needed)."""
    from regions.models import RegionPage

    kinds = {kind for match in matches for kind, _detail in match.reasons}
    names = {}
    if kinds & {"offers-seeks", "seeks-offers", "sector"}:
        labels = labels or TaxonomyLabels(language_code)
        names["code"] = {item["code"]: item["name"] for item in labels.cooperation_types.values()}
        names["sector"] = {pk: item["name"] for pk, item in labels.sectors.items()}
    if "region" in kinds:
        keys = {
            k for m in matches for kind, detail in m.reasons if kind == "region" for k in detail
        }
        rows = RegionPage.objects.filter(translation_key__in=keys).values_list(
            "translation_key", "locale__language_code", "title"
        )
        regions = {}
        for key, language, title in rows:
            if language == language_code or str(key) not in regions:
                regions[str(key)] = title
        names["region"] = regions
    countries = dict(COUNTRY_CHOICES)
    separator = "、" if language_code.startswith("zh") else ", "

    def label(kind, detail):
        with translation.override(language_code):
            if kind == "offers-seeks":
                items = [names["code"].get(code, code) for code in detail]
                return _("Sucht, was Sie bieten: %(items)s") % {"items": separator.join(items)}
            if kind == "seeks-offers":
                items = [names["code"].get(code, code) for code in detail]
                return _("Bietet, was Sie suchen: %(items)s") % {"items": separator.join(items)}
            if kind == "sector":
                items = [names["sector"].get(pk, str(pk)) for pk in detail]
                return _("Gemeinsame Branche: %(items)s") % {"items": separator.join(items)}
            if kind == "region":
                items = [names["region"].get(key, "") for key in detail]
                return _("Zielregion: %(items)s") % {"items": separator.join(i for i in items if i)}
            if kind == "country":
                items = [str(countries.get(code, code)) for code in detail]
                return _("Zielland: %(items)s") % {"items": separator.join(items)}
            return _("Ähnliche Beschreibung")

    return label


class Candidate(NamedTuple):
    """A ranked entry's page group, as ``Match.profile`` (``RankedMatches.entries``)."""

    translation_key: str
    organisation_key: str
    kind: str


def stored_matches(row):
    """The open matches of a ``RankedMatches`` row (None: not computed yet), best first."""
    if row is None:
        return []
    day = today().isoformat()
    return [
        Match(Candidate(key, organisation, kind), score, reasons)
        for key, organisation, kind, score, reasons, valid_until in row.entries
        if valid_until is None or valid_until >= day
    ]


def visible_matches(matches, language_code, fallback, limit):
    """The first ``limit`` of ``matches`` whose organisation (and opportunity) have a page
    visible in the locale, in one query: (match, organisation, opportunity or None), each page
    as (id, title). Lists are ranked ahead of time, so a page may have been unpublished since,
    or have no translation in the locale."""
    keys = {m.profile.organisation_key for m in matches} | {
        m.profile.translation_key
        for m in matches
        if m.profile.kind == MatchProfile.Kind.OPPORTUNITY
    }
    visible = {
        str(key): (pk, title)
        for key, pk, title in ApiPageQuerySet(model=Page)
        .in_locale(language_code, fallback)
        .filter(translation_key__in=keys)
        .values_list("translation_key", "pk", "title")
    }
    chosen = []
    for match in matches:
        organisation = visible.get(str(match.profile.organisation_key))
        opportunity = None
        if match.profile.kind == MatchProfile.Kind.OPPORTUNITY:
            opportunity = visible.get(str(match.profile.translation_key))
            if opportunity is None:
                continue
        if organisation is None:
            continue
        chosen.append((match, organisation, opportunity))
        if len(chosen) == limit:
            break
    return chosen


def match_response(request, row, params):
    """The matches stored in ``row`` (``RankedMatches`` of the source and scope, or None while
    the background task has not computed them) as a MatchList.

    Candidates are ranked by the background task, never here. A page may have no visible
    translation in the locale (and no fallback), or may have been unpublished since:
    ``visible_matches`` finds the visible pages of the best ``3 x limit`` entries (ids only),
    then only the ``limit`` chosen pages are loaded and serialised."""
    chosen = [
        (match, organisation[0], opportunity and opportunity[0])
        for match, organisation, opportunity in visible_matches(
            stored_matches(row)[: params.limit * 3], params.locale, params.fallback, params.limit
        )
    ]
    organisations = OrganisationPage.objects.list_rows().in_bulk([o for _m, o, _p in chosen])
    opportunity_ids = [p for _m, _o, p in chosen if p]
    opportunities = {}
    if opportunity_ids:
        opportunities = OpportunityPage.objects.list_rows().in_bulk(opportunity_ids)
    chosen = [
        (m, organisations[o], opportunities[p] if p else None)
        for m, o, p in chosen
        if o in organisations and (not p or p in opportunities)
    ]
    ctx = ApiContext(request, params.locale, params.fallback)
    labels = TaxonomyLabels(params.locale)
    taxonomies = labels.lists(list(organisations), opportunity_ids)
    label = reason_labels([m for m, _o, _p in chosen], params.locale, labels)
    items = [
        {
            "organisation": organisation_item(o, ctx, taxonomies[o.pk]),
            "opportunity": opportunity_item(p, ctx, taxonomies[p.pk]) if p else None,
            "score": m.score,
            "reasons": [{"kind": kind, "label": label(kind, detail)} for kind, detail in m.reasons],
        }
        for m, o, p in chosen
    ]
    return ctx.resolve({"count": len(items), "items": items})


def match_source(model, page_id, params):
    """The ranked matches (``RankedMatches`` in the requested scope) of the visible page
    ``page_id`` (any translation) in one query; None while the background task has not computed
    them yet; a 404 when no such page is visible."""
    queryset = model.objects.in_locale(params.locale, params.fallback)
    if model is OpportunityPage:
        queryset = queryset.open()
    key = queryset.translation_in(page_id, params.locale, params.fallback).values(
        "translation_key"
    )[:1]
    row = RankedMatches.objects.filter(
        profile__translation_key=Subquery(key), scope=params.scope
    ).first()
    if row is None and not key.exists():
        raise Http404(f"No {model.__name__} {page_id} in locale {params.locale}.")
    return row


@router.get(
    "/organisations/{id}/matches",
    response={200: MatchList, 400: ErrorResponse, 404: ErrorResponse},
    summary="Partner suggestions for an organisation: organisations and opportunities, best first",
)
def organisation_matches(request, id: Path[PageId], params: Query[MatchParams]):
    return match_response(request, match_source(OrganisationPage, id, params), params)


@router.get(
    "/opportunities/{id}/matches",
    response={200: MatchList, 400: ErrorResponse, 404: ErrorResponse},
    summary="Partner suggestions for a cooperation offer or request, best first",
)
def opportunity_matches(request, id: Path[PageId], params: Query[MatchParams]):
    return match_response(request, match_source(OpportunityPage, id, params), params)


# --- Expressions of interest (visitors) --------------------------------------------------------


class InterestIn(Schema):
    organisation: PageId = Field(description="The organisation of the match (any translation).")
    opportunity: PageId | None = Field(None, description="The opportunity of the match, if any.")
    name: Annotated[Text, StringConstraints(min_length=1, max_length=200)]
    sender_organisation: Annotated[Text, StringConstraints(max_length=200)] = ""
    email: Annotated[Text, StringConstraints(min_length=3, max_length=254)]
    country: CountryCode
    message: Annotated[Text, StringConstraints(min_length=10, max_length=2000)]
    language: Literal["de", "zh-hans", "en"] = Field(description="The sender's language.")
    consent: bool = Field(
        description="The sender agrees that the platform stores the interest and, if the "
        "organisation accepts, passes name and email on."
    )
    website: str = Field("", max_length=200, description="Leave empty (a field for bots).")

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value):
        try:
            validate_email(value)
        except DjangoValidationError as error:
            raise ValueError("Enter a valid email address.") from error
        return value

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, value):
        if not value:
            raise ValueError("Consent is required.")
        return value


class InterestOut(OutSchema):
    id: UUID
    status: str
    created_at: datetime
    recipient: str


def field_error(field, message):
    return Status(
        400,
        {
            "detail": f"{field}: {message}",
            "errors": [{"field": field, "location": "body", "message": message}],
        },
    )


@router.post(
    "/interests",
    response={202: InterestOut, 400: ErrorResponse, 429: ErrorResponse},
    summary="Express interest in a match: the organisation is told without your contact data",
)
def create_interest(request, payload: InterestIn):
    check_rate_limit(
        request,
        "interests",
        settings.INQUIRY_RATE_LIMIT_PER_HOUR,
        3600,
        "Too many expressions of interest from this address; retry in {retry_after} seconds.",
    )
    recipient = OrganisationPage.objects.filter(visible_q(), pk=payload.organisation).first()
    if recipient is None:
        return field_error("organisation", "No published organisation with this id.")
    opportunity = None
    if payload.opportunity:
        opportunity = (
            OpportunityPage.objects.filter(visible_q(), pk=payload.opportunity).open().first()
        )
        if opportunity is None or not opportunity.path.startswith(recipient.path):
            return field_error("opportunity", "No open opportunity of this organisation.")
    now = timezone.now()
    if payload.website:  # a bot: answered like a person, not stored
        return Status(
            202, {"id": uuid4(), "status": "open", "created_at": now, "recipient": recipient.title}
        )
    interest = express_interest(
        recipient,
        payload.message,
        opportunity=opportunity,
        visitor={
            "name": payload.name,
            "organisation": payload.sender_organisation,
            "email": payload.email,
            "country": payload.country,
            "language": payload.language,
        },
    )
    return Status(
        202,
        {
            "id": interest.uuid,
            "status": interest.status,
            "created_at": interest.created_at,
            "recipient": interest.recipient_title,
        },
    )
