"""Parameters of the delivery API: locale, fallback, pagination, ordering, ids, filters."""

import re
from typing import Annotated, Literal

from django.conf import settings
from ninja import Field, Schema
from pydantic import StringConstraints, field_validator

from base.fields import COUNTRY_CHOICES
from base.locales import content_locale_codes, default_locale_code
from base.models import api_renditions

MAX_LIMIT = 100
# Attributes of the rich text editor's own (Draftail's block keys) that no frontend needs.
EDITOR_ATTRIBUTES = re.compile(r'\s+data-block-key="[^"]*"')
DEFAULT_LIMIT = 20
# Far beyond any real offset, and small enough for every database's integer type.
MAX_OFFSET = 1_000_000
# Page ids are 32-bit integers on every database; larger values are a 400, not a 500.
MAX_ID = 2_147_483_647

# A short text parameter without control characters (PostgreSQL rejects NUL bytes).
SafeStr = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=255, pattern=r"^[^\x00-\x1f]*$")
]
# A page slug or id as given in a filter: letters (any script), digits, "-" and "_".
SlugOrId = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=255, pattern=r"^[-\w]+$")
]
PageId = Annotated[int, Field(ge=1, le=MAX_ID)]
CountryCode = Literal[tuple(code for code, _label in COUNTRY_CHOICES)]


def rendition_filter_specs():
    """The filter specs of the named renditions, for ``prefetch_renditions``."""
    return list(api_renditions().values())


def validate_locale(value):
    """Return the canonical code of a content locale, or raise ValueError naming the valid ones."""
    codes = content_locale_codes()
    normalised = (value or "").strip().lower()
    if normalised not in codes:
        raise ValueError(f"Unknown locale '{value}'. Valid locales: {', '.join(codes)}.")
    return normalised


class LocaleParams(Schema):
    """The ``locale`` and ``fallback`` query parameters of every content endpoint."""

    locale: str = Field(
        default_factory=default_locale_code,
        description=(
            "Content language: one of the configured locales "
            f"({', '.join(code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES)}); "
            "default: the default language."
        ),
        max_length=20,
    )
    fallback: bool = Field(
        False,
        description=(
            "Also return items that have no live translation in `locale`, in their source "
            'language and marked `"fallback": true`.'
        ),
    )

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value):
        return validate_locale(value)


class PaginationParams(Schema):
    """``limit`` and ``offset`` of a list endpoint."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (1–100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


def paginate(queryset, pagination, count_queryset=None):
    """The total count and one page of ``queryset``: one COUNT and one SELECT.

    ``count_queryset`` counts the same rows more cheaply where a caller knows one (see
    ``ApiPageQuerySet.count_in_locale``)."""
    count = (queryset if count_queryset is None else count_queryset).count()
    start = pagination.offset
    items = list(queryset[start : start + pagination.limit]) if start < count else []
    return count, items


def order_queryset(queryset, order, orderings):
    """Apply the whitelisted ordering ``order`` (a key of ``orderings``: name → fields)."""
    return queryset.order_by(*orderings[order], "pk")
