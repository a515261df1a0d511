"""Answers while the database is down: a 503 that says when to retry, JSON under ``/api/``
and an admin-styled page elsewhere, instead of Django's HTML ``Server Error (500)``.

``handler500`` (``cms/urls.py``) is what Django calls for an exception nobody handled, in a
view or in a middleware (sessions and authentication read the database too); the API's own
views answer through ``cms.api.database_unavailable``.
"""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.defaults import server_error

logger = logging.getLogger(__name__)

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def retry_after():
    return getattr(settings, "DATABASE_RETRY_AFTER_SECONDS", 30)


def log_database_error(request, exc):
    logger.error("Database unavailable for %s %s: %s", request.method, request.path, exc)


def is_database_outage(exc):
    """An error of the connection (not of a query: an IntegrityError stays a 500)."""
    return isinstance(exc, UNAVAILABLE_ERRORS) or (
        isinstance(exc, DatabaseError) and isinstance(exc.__cause__, UNAVAILABLE_ERRORS)
    )


def unavailable_response(request):
    """503 with Retry-After: JSON for the API, the admin-styled page for everything else."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The service is temporarily unavailable; please retry later."},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        # No context processors, no request: rendering must not touch the database.
        body = loader.get_template("cms/503.html").render({"retry_after": retry_after()})
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry_after())
    response["Cache-Control"] = "no-store"
    return response


def handler500(request, *args, **kwargs):
    """Django's 500 handler: a 503 for database outages, else Django's own page."""
    exc = sys.exc_info()[1]
    if exc is not None and is_database_outage(exc):
        log_database_error(request, exc)
        return unavailable_response(request)
    return server_error(request, *args, **kwargs)
