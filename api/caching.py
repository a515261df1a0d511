"""Caching of the API's responses outside ``/api/v1/`` (``/sitemap.xml``, ``/robots.txt``).

The same entries, generation and ETags as ``api.cache.ApiCacheMiddleware``: an entry is keyed
by the content generation, so any content change invalidates it (the safe default). The cache
is never a dependency: when it fails, the response is computed as if it were empty.
"""

import functools
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified

from api.cache import api_cache, cache_key, content_generation, etag_matches, strong_etag

logger = logging.getLogger(__name__)


def cached_public_response(view):
    """Cache a view's 200 responses by the content generation; ETag, 304 and Cache-Control."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        cache = api_cache() if getattr(settings, "API_CACHE_ENABLED", True) else None
        key = stored = None
        if cache is not None:
            try:
                generation = content_generation()  # None while the cache is unavailable
                if generation is None:
                    cache = None
                else:
                    key = f"{cache_key(request)}:{generation}"
                    stored = cache.get(key)
            except Exception:  # the cache is never a dependency
                logger.warning("API cache unavailable", exc_info=True)
                cache = None
        if stored is not None:
            status, content, content_type = stored
            response = HttpResponse(content, status=status, content_type=content_type)
            response["X-Cache"] = "HIT"
        else:
            response = view(request, *args, **kwargs)
            response["X-Cache"] = "MISS" if cache is not None else "BYPASS"
            if cache is not None and response.status_code == 200:
                try:
                    timeout = getattr(settings, "API_CACHE_TIMEOUT", 300)
                    entry = (response.status_code, response.content, response["Content-Type"])
                    cache.set(key, entry, timeout)
                except Exception:
                    logger.warning("API cache unavailable", exc_info=True)
        if response.status_code != 200:
            response["Cache-Control"] = "no-store"
            return response
        etag = strong_etag(response.content)
        max_age = getattr(settings, "API_CACHE_MAX_AGE", 60)
        if etag_matches(request.headers.get("If-None-Match"), etag):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            not_modified["Cache-Control"] = f"public, max-age={max_age}"
            not_modified["X-Cache"] = response["X-Cache"]
            return not_modified
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={max_age}"
        return response

    return wrapper
