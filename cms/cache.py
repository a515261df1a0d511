"""Response caching, ETags and cache headers of the public delivery API (``/api/v1/``).

Every cache entry is keyed by the *content generation*, a number in Django's cache that signal
handlers (``home/signals.py``) bump on every change the API can show: publish, unpublish,
delete, move, snippet and image changes. A bump makes all older entries unreachable at once,
so invalidation costs one cache write, never a scan. The entries then expire by themselves
(``API_CACHE_TIMEOUT``).

Responses carry a strong ``ETag`` (a hash of the body) and ``Cache-Control: public,
max-age=API_CACHE_MAX_AGE``; ``If-None-Match`` answers ``304`` (cached or not). The API's
language is the ``locale`` parameter, never ``Accept-Language`` or the language cookie, and
it has no authentication, so public responses do not ``Vary`` on either; errors are
``no-store``. ``docs/performance.md`` explains the choices and the measurements.
"""

import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re, patch_vary_headers

GENERATION_KEY = "api:content-generation"
SEARCH_GENERATION_KEY = "api:search-generation"
SEARCH_PATH_PREFIX = "/api/v1/search"
# Headers that describe one exchange, not the stored response.
UNSTORED_HEADERS = {"set-cookie", "x-cache", "vary", "content-length"}
# Vary values that do not apply to the API: no authentication, locale is a parameter.
IGNORED_VARY = {"cookie", "accept-language"}


def api_cache():
    """The cache that stores API responses (setting ``API_CACHE_ALIAS``, default ``default``)."""
    return caches[getattr(settings, "API_CACHE_ALIAS", "default")]


def _generation(key):
    """The number stored under ``key``; created (unique per creation) when missing.

    A missing key (a fresh or flushed cache, or an evicted entry) gets a new value from the
    clock rather than 0, so entries stored under an earlier generation are never reused.
    """
    cache = api_cache()
    generation = cache.get(key)
    if generation is None:
        cache.add(key, time.time_ns(), timeout=None)
        generation = cache.get(key)
    return generation


def content_generation():
    """The current content generation (see the module docstring)."""
    return _generation(GENERATION_KEY)


def search_generation():
    """The generation of the search index: search responses are keyed by it as well, since
    Wagtail updates the index in a background task that may finish after the publish."""
    return _generation(SEARCH_GENERATION_KEY)


def _bump(key=GENERATION_KEY):
    cache = api_cache()
    try:
        cache.incr(key)
    except ValueError:  # missing: any new value invalidates
        cache.set(key, time.time_ns(), timeout=None)


def bump_content_generation():
    """Invalidate every cached API response: now, and again when the transaction commits.

    The second bump matters: a request served between the first bump and the commit still
    reads the old rows and may store them under the new generation.
    """
    _bump()
    transaction.on_commit(_bump)


def bump_search_generation():
    """Invalidate the cached search responses (after an index update), now and at commit."""
    _bump(SEARCH_GENERATION_KEY)
    transaction.on_commit(lambda: _bump(SEARCH_GENERATION_KEY))


def generation_for(request):
    """The generation a request's cache entry is keyed by: the content generation, plus the
    search index's for the search endpoints."""
    generation = content_generation()
    if request.path.startswith(SEARCH_PATH_PREFIX):
        return f"{generation}.{search_generation()}"
    return generation


def normalised_query(query_string):
    """The query string with its parameters in a stable order (by name; repeated names keep
    their order), so ``?a=1&b=2`` and ``?b=2&a=1`` share one entry."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def cache_key(request, generation):
    """The entry of a request: generation, scheme and host (absolute media URLs use them),
    path and normalised query."""
    raw = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            normalised_query(request.META.get("QUERY_STRING", "")),
        ]
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"api:response:{generation}:{digest}"


def strong_etag(content):
    """A strong entity tag: the hash of the body."""
    return f'"{hashlib.sha256(content).hexdigest()[:40]}"'


def etag_matches(if_none_match, etag):
    """Whether an ``If-None-Match`` header matches ``etag`` (weak comparison, RFC 9110)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in candidates


class ApiCacheMiddleware:
    """Caches GET/HEAD responses of the public API and adds ETag and Cache-Control.

    Placed after ``CorsMiddleware`` (CORS headers depend on the request's ``Origin`` and are
    never stored) and before the session and locale middleware, whose ``Vary`` headers it
    removes from API responses.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.applies(request):
            return self.get_response(request)

        # The API's language is its `locale` parameter: Accept-Language and the language cookie
        # must not reach it (or LocaleMiddleware would activate them and the response would
        # vary by them).
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        request.COOKIES.pop(settings.LANGUAGE_COOKIE_NAME, None)

        head = request.method == "HEAD"
        if head:
            request.method = "GET"  # HEAD is a GET without the body; they share an entry
        try:
            response = self.respond(request)
        finally:
            if head:
                request.method = "HEAD"

        etag = response.get("ETag")
        if (
            response.status_code == 200
            and etag
            and etag_matches(request.headers.get("If-None-Match"), etag)
        ):
            not_modified = HttpResponseNotModified()
            for header in ("ETag", "Cache-Control", "X-Cache"):
                not_modified[header] = response[header]
            return not_modified
        if head:
            response.content = b""
        return response

    def applies(self, request):
        """GET and HEAD under ``API_CACHE_PATH_PREFIX``, except the excluded paths."""
        if request.method not in ("GET", "HEAD"):
            return False
        prefix = getattr(settings, "API_CACHE_PATH_PREFIX", "/api/v1/")
        if not request.path.startswith(prefix):
            return False
        return not any(
            request.path.startswith(path)
            for path in getattr(settings, "API_CACHE_EXCLUDED_PATHS", ("/api/v1/preview",))
        )

    def use_cache(self, request):
        """Whether this request may read and fill the cache."""
        if not getattr(settings, "API_CACHE_ENABLED", True):
            return False
        # The API ignores credentials, but a request that sends them may expect a response for
        # its user; it is answered fresh and never stored.
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        # Only the benchmark settings name a bypass parameter, to measure the uncached path.
        bypass = getattr(settings, "API_CACHE_BYPASS_PARAM", None)
        return not (bypass and bypass in request.GET)

    def respond(self, request):
        if not self.use_cache(request):
            response = self.get_response(request)
            self.finish(request, response)
            response["X-Cache"] = "BYPASS"
            return response

        cache = api_cache()
        key = cache_key(request, generation_for(request))
        stored = cache.get(key)
        if stored is not None:
            status, content, headers = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "HIT"
            return response

        response = self.get_response(request)
        self.finish(request, response)
        response["X-Cache"] = "MISS"
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            ]
            timeout = getattr(settings, "API_CACHE_TIMEOUT", 300)
            cache.set(key, (response.status_code, response.content, headers), timeout)
        return response

    def finish(self, request, response):
        """Set ETag, Cache-Control, Content-Language and Vary on a freshly computed response."""
        if response.streaming:
            return
        vary = [
            value
            for value in cc_delim_re.split(response.get("Vary", ""))
            if value and value.lower() not in IGNORED_VARY
        ]
        del response["Vary"]
        if vary:
            patch_vary_headers(response, vary)
        # LocaleMiddleware's Content-Language is the default language here, not the content's.
        del response["Content-Language"]
        if response.status_code != 200:
            response["Cache-Control"] = "no-store"
            return
        locale = request.GET.get("locale")
        if locale:
            # A 200 means the view accepted the locale; the view normalises it the same way.
            response["Content-Language"] = locale.strip().lower()
        response["ETag"] = strong_etag(response.content)
        max_age = getattr(settings, "API_CACHE_MAX_AGE", 60)
        response["Cache-Control"] = f"public, max-age={max_age}"
