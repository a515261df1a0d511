"""Fixed-window rate limits per client address, counted in the shared cache (Redis in
production, so a limit holds across processes and servers).

The cache is never a dependency: while it fails (``cms.cache.guarded``), each process counts in
its own memory instead and says so in the log, so a limit still holds per process (with
gunicorn's N workers a client gets at most N times the limit) and no request fails.
"""

import logging
import math
import threading
import time

from django.conf import settings
from django.core.cache import cache
from ninja.errors import HttpError

from cms.cache import CacheUnavailable, guarded

logger = logging.getLogger(__name__)
_local_counts = {}
_local_lock = threading.Lock()


class RateLimited(HttpError):
    """A 429 whose handler (``cms.api``) adds ``Retry-After``."""

    def __init__(self, message, retry_after):
        super().__init__(429, message)
        self.retry_after = retry_after


def client_ip(request):
    """The client's address: ``CLIENT_IP_HEADER`` (set by a trusted proxy) or
    REMOTE_ADDR."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def check_rate_limit(request, scope, limit, window_seconds, message):
    """Count this request in its client's current window; raise ``RateLimited`` beyond
    ``limit`` (0: no limit). ``message`` may use ``{retry_after}``."""
    if not limit:
        return
    now = time.time()
    window = int(now // window_seconds)
    key = f"ratelimit:{scope}:{client_ip(request)}:{window}"
    try:
        count = shared_count(key, window_seconds)
    except CacheUnavailable:
        count = local_count(key, now + window_seconds)
        logger.warning("Rate limit %s counted in this process only: the cache is down.", scope)
    if count > limit:
        retry_after = max(1, math.ceil((window + 1) * window_seconds - now))
        raise RateLimited(message.format(retry_after=retry_after), retry_after)


def shared_count(key, window_seconds):
    """Count in the shared cache; ``CacheUnavailable`` when it fails."""
    timeout = window_seconds + 30
    if guarded("add", key, 1, timeout, raise_errors=True, cache=cache):
        return 1
    try:
        return guarded("incr", key, raise_errors=True, cache=cache)
    except ValueError:  # expired between add and incr
        guarded("set", key, 1, timeout, raise_errors=True, cache=cache)
        return 1


def local_count(key, expires_at):
    """Count in this process's memory (the fallback), forgetting windows that are over."""
    now = time.time()
    with _local_lock:
        for stale in [k for k, (_count, until) in _local_counts.items() if until < now]:
            del _local_counts[stale]
        count, until = _local_counts.get(key, (0, expires_at))
        _local_counts[key] = (count + 1, until)
        return count + 1
