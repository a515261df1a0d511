"""Response caching, ETags and cache headers of the public delivery API (``/api/v1/``), and the
guarded access to the cache that everything on the request, publish and task paths uses.

**The cache is never a dependency.** Every call goes through ``guarded`` (``safe_get``,
``safe_set``, ...): an error is logged, the call answers its default, and the cache is skipped
for ``CACHE_RETRY_SECONDS`` (a circuit breaker, so a hanging Redis costs one socket timeout per
process and period, not one per call). The API then answers from the database, publishing
succeeds, tasks finish.

**Targeted invalidation.** A cache entry records the *versions* of the tags it depends on; a
change bumps tags (``bump``) and so makes the entries that depend on them stale, without a scan:

- ``all``: every entry depends on it. Changes that can appear anywhere bump it: images,
  documents, renditions, snippets, sites, locales, view restrictions, pages of the types that
  are not targeted (regions, offices, index and home pages, whose moves change descendants'
  URLs), bulk loads, restores (``invalidate_api_cache``) and invalidations missed while the
  cache was down.
- ``page:<app_label.model>`` and ``pageid:<id>``: a change of a page of a *targeted* type
  (``TARGETED_PATHS``: news, events, organisations) bumps its type's tag, the ``pageid`` tag of
  every page of its translation group, ``pages`` and ``any``. A targeted list depends on its
  type's tag, a targeted detail on its ``pageid`` tag, both on the types of the pages they refer
  to (declared by ``ApiContext``; ``pages`` when a reference is not visible, since any publish
  may make it visible). Publishing one news item leaves the other news details cached.
- ``any``: bumped by every change. An entry whose request declared nothing (every other path,
  including endpoints added later) depends on it: the safe default.
- ``search``: index updates; search responses depend on it and on ``any``.

**Stale-while-revalidate with single flight.** A stale entry (a tag moved on) is served at once
(``X-Cache: STALE``), but only for ``API_CACHE_STALE_SECONDS`` after the change that made it
stale (tag versions are clock times, so the age of a change is known); the one request that gets
the entry's lock (``cache.add``) recomputes it after its own response has been sent (a closer of
the response, run by the WSGI server when the body is out). Older stale entries are recomputed
before answering. A bump that
invalidates *hard* (restores, missed invalidations) stores a negative version: such entries are
never served stale. If recomputing fails with a 5xx (the database is down), the stale entry is
served (``stale-if-error``).

**Missed invalidations.** A bump that fails (the cache is down) is recorded in the database
(``api.models.MissedInvalidation``); once the cache answers again, they are replayed as one hard
bump of every tag (``replay_missed_invalidations``: by each process that saw the cache fail, at
most every ``CACHE_REPLAY_SECONDS``, and by every ``/readyz`` and the worker).

Responses carry a strong ``ETag`` (a hash of the body) and ``Cache-Control: public,
max-age=API_CACHE_MAX_AGE, stale-while-revalidate=..., stale-if-error=...``; ``If-None-Match``
answers ``304`` (cached or not). The API's language is the ``locale`` parameter, never
``Accept-Language`` or the language cookie, and it has no authentication, so public responses
do not ``Vary`` on either; errors are ``no-store``. ``docs/performance.md`` and
``docs/operations.md`` explain the choices and the measurements.
"""

import hashlib
import logging
import threading
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re, patch_vary_headers

logger = logging.getLogger(__name__)

TAG_KEY = "api:tag:{}"
ALL, ANY, PAGES, SEARCH = "all", "any", "pages", "search"
SEARCH_PATH_PREFIX = "/api/v1/search"
# Paths whose responses depend only on their page type (and what ApiContext declares): the
# list and its details. Pages of these types invalidate only their own tag (see above).
TARGETED_PATHS = {
    "/api/v1/organisations": "companies.organisationpage",
    "/api/v1/news": "news.newspage",
    "/api/v1/events": "news.eventpage",
}
# Query parameters that name other pages: a response filtered by them depends on any page.
PAGE_FILTER_PARAMS = {"region", "organisation", "office"}
# Headers that describe one exchange, not the stored response.
UNSTORED_HEADERS = {"set-cookie", "x-cache", "vary", "content-length"}
# Vary values that do not apply to the API: no authentication, locale is a parameter.
IGNORED_VARY = {"cookie", "accept-language"}
REQUEST_TAGS_ATTRIBUTE = "_api_cache_tags"


def api_cache():
    """The cache that stores API responses (setting ``API_CACHE_ALIAS``, default ``default``)."""
    return caches[getattr(settings, "API_CACHE_ALIAS", "default")]


# --- Guarded cache access ----------------------------------------------------------------------

_circuit = {"open_until": 0.0, "logged_at": 0.0}
# Replay of missed invalidations: whether this process saw the cache fail since it last looked.
_replay = {"checked_at": 0.0, "pending": False}
_circuit_lock = threading.Lock()


def cache_available():
    """False while the circuit is open (the cache failed less than CACHE_RETRY_SECONDS ago)."""
    return time.monotonic() >= _circuit["open_until"]


def _trip(operation, error):
    now = time.monotonic()
    _replay["pending"] = True  # look for invalidations missed meanwhile once it is back
    with _circuit_lock:
        _circuit["open_until"] = now + getattr(settings, "CACHE_RETRY_SECONDS", 5)
        # One log line per period and process, not one per request.
        if now - _circuit["logged_at"] >= getattr(settings, "CACHE_RETRY_SECONDS", 5):
            _circuit["logged_at"] = now
            logger.warning(
                "Cache unavailable (%s: %s: %s); answering without it for %s s.",
                operation,
                type(error).__name__,
                error,
                getattr(settings, "CACHE_RETRY_SECONDS", 5),
            )


def reset_circuit():
    """Close the circuit (tests, and after an operator fixed the cache)."""
    _circuit["open_until"] = 0.0
    _circuit["logged_at"] = 0.0


class CacheUnavailable(Exception):
    """The cache failed or its circuit is open (raised by ``guarded(..., raise_errors=True)``)."""


def guarded(operation, *args, default=None, raise_errors=False, cache=None, **kwargs):
    """``cache.<operation>(*args, **kwargs)``, or ``default`` when the cache fails or is
    known to be down (logged). ``raise_errors`` raises ``CacheUnavailable`` instead."""
    if not cache_available():
        if raise_errors:
            raise CacheUnavailable(operation)
        return default
    cache = cache if cache is not None else api_cache()
    try:
        if hasattr(cache, "strict"):  # cms.cache_backend: raises CacheUnavailable itself
            return cache.strict(operation, *args, **kwargs)
        return getattr(cache, operation)(*args, **kwargs)
    except ValueError:
        raise  # incr of a missing key: the caller's business
    except CacheUnavailable:
        if raise_errors:
            raise
        return default
    except Exception as error:  # noqa: BLE001 (any failure of the cache degrades, none breaks)
        _trip(operation, error)
        if raise_errors:
            raise CacheUnavailable(operation) from error
        return default


def safe_get(key, default=None, cache=None):
    return guarded("get", key, default=default, cache=cache)


def safe_set(key, value, timeout=None, cache=None):
    guarded("set", key, value, timeout, cache=cache)


def safe_add(key, value, timeout=None, cache=None):
    return guarded("add", key, value, timeout, default=False, cache=cache)


def safe_delete(key, cache=None):
    guarded("delete", key, cache=cache)


def safe_get_many(keys, cache=None):
    return guarded("get_many", keys, default={}, cache=cache)


# --- Tags and their versions ---------------------------------------------------------------------


def tag_versions(tags):
    """The current version of each tag (created, from the clock, when missing). None when the
    cache is unavailable."""
    keys = {TAG_KEY.format(tag): tag for tag in tags}
    try:
        found = guarded("get_many", list(keys), raise_errors=True)
        missing = [key for key in keys if key not in found]
        for key in missing:
            guarded("add", key, time.time_ns(), None, raise_errors=True)
        if missing:
            found.update(guarded("get_many", missing, raise_errors=True))
    except CacheUnavailable:
        return None
    return {keys[key]: value for key, value in found.items()}


def content_generation():
    """A value that changes with every content change (the ``any`` tag); None when the cache
    is unavailable. For caches of derived data outside the API (translation panel, search
    dictionary)."""
    versions = tag_versions([ANY])
    return None if versions is None else versions[ANY]


def search_generation():
    versions = tag_versions([SEARCH])
    return None if versions is None else versions[SEARCH]


def _write_bump(tags, hard=False):
    """Give each tag a new version (the clock; negative for a hard bump). False on failure."""
    version = time.time_ns()
    try:
        guarded(
            "set_many",
            {TAG_KEY.format(tag): -version if hard else version for tag in tags},
            None,
            raise_errors=True,
        )
    except CacheUnavailable:
        return False
    return True


def bump(*tags, hard=False):
    """Invalidate the entries that depend on ``tags``: now, and again when the transaction
    commits (a request served between the first bump and the commit still reads the old rows
    and may store them under the new versions). A failed bump is recorded for replay."""

    def write():
        if not _write_bump(tags, hard=hard):
            record_missed_invalidation(tags)

    write()
    transaction.on_commit(write)


def bump_content_generation():
    """Invalidate every cached API response (the ``all`` tag)."""
    bump(ALL, ANY, PAGES)


def bump_page(page):
    """Invalidate what a change of ``page`` can affect: for the targeted types (see the module
    docstring) the lists of its type and the details of its translation group
    (``pageid:<id>``, each translation's id: a detail is requested by the id of any
    translation); everything for the other types."""
    label = type(page)._meta.label_lower
    if label not in TARGETED_PATHS.values():
        bump_content_generation()
        return
    ids = {page.pk}  # a deleted page is no longer in its group
    ids.update(
        type(page).objects.filter(translation_key=page.translation_key).values_list("pk", flat=True)
    )
    bump(f"page:{label}", PAGES, ANY, *(f"pageid:{pk}" for pk in sorted(ids)))


def bump_search_generation():
    """Invalidate the cached search responses (after an index update), now and at commit."""
    bump(SEARCH)


def invalidate_everything():
    """A hard bump of every entry: none of them is served again, not even stale."""
    return _write_bump([ALL, ANY, PAGES, SEARCH], hard=True)


# --- Missed invalidations ------------------------------------------------------------------------


def record_missed_invalidation(tags):
    """Store a bump that could not be written, to replay once the cache is back."""
    from api.models import MissedInvalidation

    try:
        MissedInvalidation.objects.create(tags=",".join(tags))
    except DatabaseError:
        logger.exception("Could neither invalidate the cache nor record it: %s", tags)
    else:
        logger.warning("Cache invalidation of %s missed; recorded for replay.", ",".join(tags))


def replay_missed_invalidations(force=False):
    """Replay recorded invalidations as one hard bump (one small query), at most every
    CACHE_REPLAY_SECONDS per process. The API cache middleware calls it only in processes that
    saw the cache fail (``pending``), so requests cost no query in normal operation; ``/readyz``
    (polled by the load balancer) and ``run_worker`` call it with ``force`` regardless, which
    covers the processes that were idle during the outage. Returns the rows replayed."""
    from api.models import MissedInvalidation

    now = time.monotonic()
    interval = getattr(settings, "CACHE_REPLAY_SECONDS", 5)
    if not force and not _replay["pending"]:
        return 0
    if now - _replay["checked_at"] < interval or not cache_available():
        return 0
    _replay["checked_at"] = now
    try:
        last = MissedInvalidation.objects.order_by("-pk").values_list("pk", flat=True).first()
        if last is None:
            _replay["pending"] = False
            return 0
        if not invalidate_everything():
            return 0
        deleted, _ = MissedInvalidation.objects.filter(pk__lte=last).delete()
    except DatabaseError:
        return 0  # the database is down: next time
    _replay["pending"] = False
    logger.warning("Replayed %s missed cache invalidation(s): every API entry is stale.", deleted)
    return deleted


# --- What a request depends on -------------------------------------------------------------------


def declare(request, *tags):
    """Record that the response to ``request`` depends on ``tags`` (``ApiContext`` declares
    the pages it refers to)."""
    if request is None:
        return
    declared = getattr(request, REQUEST_TAGS_ATTRIBUTE, None)
    if declared is None:
        declared = set()
        setattr(request, REQUEST_TAGS_ATTRIBUTE, declared)
    declared.update(tags)


def declare_page_type(request, model_label):
    declare(request, f"page:{model_label}")


def targeted_type(path):
    """``(page type, page id or None)`` of a targeted path (a list or a detail), else None."""
    for prefix, label in TARGETED_PATHS.items():
        rest = path.removeprefix(prefix)
        if rest == path:
            continue
        if rest in ("", "/"):
            return label, None
        if rest.strip("/").isdigit():
            return label, int(rest.strip("/"))
    return None


def bumpable_tags(request):
    """The tags ``bump`` may move that this request can depend on: read before the view runs
    (other declared tags never change)."""
    tags = [ALL, ANY, PAGES, SEARCH, *(f"page:{label}" for label in TARGETED_PATHS.values())]
    targeted = targeted_type(request.path)
    if targeted and targeted[1] is not None:
        tags.append(f"pageid:{targeted[1]}")
    return tags


def dependencies(request):
    """The tags the response to ``request`` depends on, once it is computed: a list its type,
    a detail its translation group (``pageid:<id>``), both the pages they refer to; any other
    path ``any``."""
    tags = {ALL}
    targeted = targeted_type(request.path)
    if targeted is None or PAGE_FILTER_PARAMS & set(request.GET):
        tags.add(ANY)
    else:
        label, page_id = targeted
        tags.add(f"page:{label}" if page_id is None else f"pageid:{page_id}")
        tags.update(getattr(request, REQUEST_TAGS_ATTRIBUTE, ()))
    if request.path.startswith(SEARCH_PATH_PREFIX):
        tags.update((ANY, SEARCH))
    return tags


# --- Keys and headers ----------------------------------------------------------------------------


def normalised_query(query_string):
    """The query string with its parameters in a stable order (by name; repeated names keep
    their order), so ``?a=1&b=2`` and ``?b=2&a=1`` share one entry."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def cache_key(request):
    """The entry of a request: scheme and host (absolute media URLs use them), path and
    normalised query."""
    raw = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            normalised_query(request.META.get("QUERY_STRING", "")),
        ]
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"api:response:{digest}"


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


def cache_control():
    """Cache-Control of a public 200: max-age, and for CDNs how long they may serve it stale
    while revalidating and when the origin fails."""
    max_age = getattr(settings, "API_CACHE_MAX_AGE", 60)
    swr = getattr(settings, "API_CACHE_STALE_WHILE_REVALIDATE", 30)
    sie = getattr(settings, "API_CACHE_STALE_IF_ERROR", 86400)
    return f"public, max-age={max_age}, stale-while-revalidate={swr}, stale-if-error={sie}"


def entry_state(entry, current):
    """``fresh``, ``stale`` (servable while one request recomputes) or ``expired``."""
    versions = entry["versions"]
    if current is None:
        return "unknown"
    changed = [current.get(tag) for tag, version in versions.items() if current.get(tag) != version]
    if not changed:
        return "fresh"
    if any(value is None or value < 0 for value in changed):
        return "expired"  # a hard invalidation, or a tag that vanished
    age = time.time() - max(changed) / 1e9
    return "stale" if age <= getattr(settings, "API_CACHE_STALE_SECONDS", 10) else "expired"


def is_hard_invalidated(entry):
    """Whether a hard bump (restore, replayed outage) happened since ``entry`` was stored."""
    current = tag_versions(entry["versions"]) or {}
    return any(
        (value or 0) < 0 and value != entry["versions"][tag] for tag, value in current.items()
    )


def _response_from(entry, label):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Cache"] = label
    return response


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
            # A stale answer's revalidation runs when the response actually sent is closed.
            not_modified._resource_closers.extend(response._resource_closers)
            response._resource_closers.clear()
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

        replay_missed_invalidations()
        key = cache_key(request)
        entry = safe_get(key)
        lock_key = f"{key}:lock"
        if entry is not None:
            state = entry_state(entry, tag_versions(entry["versions"]))
            if state in ("fresh", "unknown"):
                # "unknown": the cache answered the entry but not its versions; serve it.
                return _response_from(entry, "HIT")
            if state == "stale":
                # Served at once; the one request that gets the lock recomputes the entry after
                # its response has been sent (the response's closer), the others just serve.
                response = _response_from(entry, "STALE")
                lock_timeout = getattr(settings, "API_CACHE_STALE_SECONDS", 10)
                if safe_add(lock_key, 1, lock_timeout):
                    response._resource_closers.append(
                        lambda: self.revalidate(request, key, entry, lock_key)
                    )
                return response
        return self.compute(request, key, entry)

    def revalidate(self, request, key, entry, lock_key):
        """Recompute a stale entry after its stale copy was sent (single flight: the caller
        holds ``lock_key``). The lock is kept until ``API_CACHE_REVALIDATE_SECONDS`` after the
        recomputation started: an entry that keeps going stale (a publishing storm) is
        recomputed at most once per interval, not once per change."""
        method = request.method
        request.method = "GET"  # a HEAD request's entry is the GET's
        started = time.monotonic()
        try:
            self.compute(request, key, entry)
        except Exception:
            logger.exception("Revalidating the cached response of %s failed.", request.path)
        finally:
            request.method = method
            interval = getattr(settings, "API_CACHE_REVALIDATE_SECONDS", 5)
            remaining = interval - (time.monotonic() - started)
            if remaining >= 1:
                safe_set(lock_key, 1, int(remaining))
            else:
                safe_delete(lock_key)

    def compute(self, request, key, entry):
        """Run the view; store a 200; serve the stale entry when the view fails (5xx)."""
        # Versions read before the view reads the database: a change committed meanwhile
        # leaves the new entry stale rather than fresh.
        before = tag_versions(bumpable_tags(request))
        response = self.get_response(request)
        if response.status_code >= 500 and entry is not None and not is_hard_invalidated(entry):
            return _response_from(entry, "STALE-IF-ERROR")
        versions = None
        if before is not None:
            versions = {tag: before[tag] for tag in dependencies(request) if tag in before}
        self.finish(request, response)
        response["X-Cache"] = "MISS"
        if (
            versions is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            ]
            entry = {
                "versions": versions,
                "status": response.status_code,
                "content": response.content,
                "headers": headers,
            }
            safe_set(key, entry, getattr(settings, "API_CACHE_TIMEOUT", 300))
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
        response["Cache-Control"] = cache_control()
