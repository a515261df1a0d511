"""Shared machinery of the delivery API: locale and paging parameters, errors, list envelopes.

Every content endpoint takes ``locale`` (validated against the configured content languages, so
a third language is a settings change only), pages with ``limit``/``offset`` and answers lists
as ``{"count": N, "items": [...]}``. Errors are ``{"detail": "<message>"}`` everywhere.
"""

import json
from typing import Annotated, Generic, TypeVar

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from ninja import Field, Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from pydantic import StringConstraints, field_validator
from wagtail.coreutils import get_supported_content_language_variant

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
# Far beyond any real offset, and small enough for every database's integer type.
MAX_OFFSET = 1_000_000
# Page ids are 32-bit integers on every database; larger values are a 404, not a 500.
MAX_ID = 2_147_483_647

# A short text parameter without control characters (PostgreSQL rejects NUL bytes).
SafeStr = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=255, pattern=r"^[^\x00-\x1f]*$")
]

T = TypeVar("T")


def content_locale_codes():
    """The language codes of the content locales, from ``WAGTAIL_CONTENT_LANGUAGES``."""
    return [
        get_supported_content_language_variant(code)
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]


def default_locale_code():
    """The default content language (``LANGUAGE_CODE``), e.g. ``de``."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


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


class ListResponse(Schema, Generic[T]):
    """The envelope of every list: the total count and one page of items."""

    count: int
    items: list[T]


class ErrorResponse(Schema):
    """Every error: a human-readable message, and for invalid parameters the fields at fault."""

    detail: str
    errors: list[dict] | None = None


def paginate(queryset, pagination):
    """``{"count", "items"}`` of one page of ``queryset``: one COUNT and one SELECT."""
    count = queryset.count()
    start = pagination.offset
    items = list(queryset[start : start + pagination.limit]) if start < count else []
    return count, items


def bad_request(message):
    """An HttpError 400 with the message, for the API's exception handler."""
    return HttpError(400, message)


# --- Rendering and errors -------------------------------------------------------------------


class UnicodeJSONRenderer(JSONRenderer):
    """JSON with Chinese text as UTF-8 rather than \\u escapes."""

    encoder_class = NinjaJSONEncoder
    json_dumps_params = {"ensure_ascii": False}


def error_response(api, request, status, detail, errors=None):
    """A JSON error response in the one error format of the API."""
    body = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


def format_validation_errors(exc: ValidationError):
    """Ninja's validation errors as a message naming each field, plus one entry per field."""
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("query", "limit") → "limit"; a whole-body error keeps its source as the field name.
        field = ".".join(location[1:]) or (location[0] if location else "request")
        message = error.get("msg", "Invalid value")
        errors.append(
            {"field": field, "location": location[0] if location else "", "message": message}
        )
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "Invalid request."
    return detail, errors


def api_view(view):
    """Wrap an API view: its 405 answer becomes JSON, and its 404 stays a 404.

    Without the second part, LocaleMiddleware would answer a 404 under ``/api/v1/`` with a
    redirect to ``/de/api/v1/...``, because the Wagtail page route under ``/de/`` matches any
    path; it consults ``request.urlconf``, which here becomes the API's own URLconf.
    """

    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            body = {"detail": f"Method {request.method} not allowed. Allowed: {allowed}."}
            json_response = HttpResponse(
                json.dumps(body), status=405, content_type="application/json; charset=utf-8"
            )
            json_response["Allow"] = allowed
            return json_response
        if response.status_code == 404:
            request.urlconf = "cms.api"
        return response

    wrapper.csrf_exempt = getattr(view, "csrf_exempt", False)
    return wrapper


# --- Taxonomies ------------------------------------------------------------------------------


class TaxonomyItem(Schema):
    """A taxonomy entry: the id pages refer to, its stable key and its label in the locale."""

    id: int = Field(description="Id of the default-locale entry; filters take this id.")
    key: str = Field(description="translation_key, the same in every locale.")
    locale: str = Field(description="The language of the label (the default one if untranslated).")
    name: str


def taxonomy_item(entry):
    """The common fields of a taxonomy entry annotated by ``TaxonomyQuerySet.for_api``."""
    return {
        "id": entry.pk,
        "key": str(entry.translation_key),
        "locale": entry.api_locale,
        "name": entry.api_name,
    }


router = Router()
