"""The list envelope ``{"count": N, "items": [...]}``, the JSON error format and the view wrapper
that keeps every error JSON.
"""

import json
from typing import Generic, TypeVar

from django.http import HttpResponse, HttpResponseNotAllowed
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from api.schemas import OutSchema

T = TypeVar("T")


class ListResponse(OutSchema, Generic[T]):
    """The envelope of every list: the total count and one page of items."""

    count: int
    items: list[T]


class ErrorResponse(OutSchema):
    """Every error: a human-readable message, and for invalid parameters the fields at fault."""

    detail: str
    errors: list[dict] | None = None


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
    """Wrap an API view: HEAD is answered like GET, a 405 answer becomes JSON, and a 404
    stays a 404.

    Without the second part, LocaleMiddleware would answer a 404 under ``/api/v1/`` with a
    redirect to ``/de/api/v1/...``, because the Wagtail page route under ``/de/`` matches any
    path; it consults ``request.urlconf``, which here becomes the API's own URLconf.
    """

    def wrapper(request, *args, **kwargs):
        head = request.method == "HEAD"
        if head:  # HEAD is a GET without the body, as everywhere else in Django
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if head:
            request.method = "HEAD"
            response.content = b""
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
