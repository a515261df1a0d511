"""The delivery API v1: assembles the app routers and the JSON error handlers.

Served under ``/api/v1/`` (see ``cms/urls.py``); schema at ``/api/v1/openapi.json``, docs at
``/api/v1/docs``. ``docs/api.md`` describes the conventions with examples.
"""

from django.db import DatabaseError
from django.http import Http404
from django.urls import path, re_path
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from api.envelope import UnicodeJSONRenderer, api_view, error_response, format_validation_errors
from api.navigation import router as navigation_router
from api.pages import pages_router
from api.redirects import router as redirects_router
from api.sync import sync_router
from companies.api import router as companies_router
from feeds.api import router as feeds_router
from home import api as home_api  # noqa: F401 - registers the home page's detail type
from inquiries.api import router as inquiries_router
from matchmaking.api import router as matchmaking_router
from news.api import router as news_router
from regions.api import router as regions_router
from search.api import router as search_router


class DeliveryAPI(NinjaAPI):
    """NinjaAPI whose 405s and unknown paths answer in the API's JSON error format too."""

    def _get_urls(self):
        urls = super()._get_urls()
        urls.append(re_path(r"^.*$", self._unknown_path, name="unknown-path"))
        for pattern in urls:
            if pattern.name == "api-root":
                pattern.callback = self._root
            pattern.callback = api_view(pattern.callback)
        return urls

    def _root(self, request, *args, **kwargs):
        """``/api/v1/``: where the schema and the docs are (ninja's own root is an HTML 404)."""
        if request.method != "GET":
            return error_response(self, request, 405, f"Method {request.method} not allowed.")
        body = {
            "title": self.title,
            "version": self.version,
            "openapi": f"{request.path}{self.openapi_url.lstrip('/')}",
            "docs": f"{request.path}{self.docs_url.lstrip('/')}",
        }
        return self.create_response(request, body, status=200)

    def _unknown_path(self, request, *args, **kwargs):
        return error_response(self, request, 404, f"No API endpoint at {request.path}.")


api = DeliveryAPI(
    title="Kaiserslautern–China Plattform: Delivery API",
    version="1",
    description=(
        "Read-only API for published content in German and Chinese: regions, offices, "
        "organisation profiles, news, events and taxonomies. Every content endpoint takes "
        "`locale`; lists answer `{count, items}` with `limit` and `offset`; errors are "
        '`{"detail": "..."}`.'
    ),
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api-v1",
    renderer=UnicodeJSONRenderer(),
)

api.add_router("", regions_router, tags=["regions"])
api.add_router("", companies_router, tags=["organisations"])
api.add_router("", news_router, tags=["news"])
api.add_router("", feeds_router, tags=["newsletter"])
api.add_router("", search_router, tags=["search"])
api.add_router("", inquiries_router, tags=["inquiries"])
api.add_router("", redirects_router, tags=["website"])
api.add_router("", navigation_router, tags=["website"])
api.add_router("", matchmaking_router, tags=["matchmaking"])
# Last: its responses are the union of the detail types the app routers registered.
api.add_router("", pages_router(), tags=["pages"])
api.add_router("", sync_router(), tags=["website"])


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    detail, errors = format_validation_errors(exc)
    return error_response(api, request, 400, detail, errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    response = error_response(api, request, exc.status_code, exc.message)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


@api.exception_handler(DatabaseError)
def database_unavailable(request, exc):
    """The database failed (down, restarting, unreachable): a 503 the client may retry, never
    an HTML 500 (``cms/errors.py`` answers the same outside the API's views)."""
    from cms.errors import log_database_error, retry_after

    log_database_error(request, exc)
    response = error_response(
        api, request, 503, "The service is temporarily unavailable; please retry later."
    )
    response["Retry-After"] = str(retry_after())
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    message = str(exc) if exc.args and exc.args[0] else "Not found."
    return error_response(api, request, 404, message)


# The API on its own, as a URLconf: ``api.envelope.api_view`` points 404 responses at it.
urlpatterns = [path("api/v1/", api.urls)]
