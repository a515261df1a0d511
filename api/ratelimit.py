"""Fixed-window rate limits per client address (or another key), counted in the shared cache
(Redis in production, so a limit holds across processes and servers).

The cache is never a dependency: while it fails (``api.cache.guarded``), each process counts in
its own memory instead and says so in the log, so a limit still holds per process (with
gunicorn's N workers a client gets at most N times the limit) and no request fails.
"""

import hashlib
import ipaddress
import logging
import math
import threading
import time

from django.conf import settings
from django.core.cache import cache
from ninja.errors import HttpError

from api.cache import CacheUnavailable, guarded

logger = logging.getLogger(__name__)
_local_counts = {}
_local_lock = threading.Lock()


class RateLimited(HttpError):
    """A 429 whose handler (``cms.api``) adds ``Retry-After``."""

    def __init__(self, message, retry_after):
        super().__init__(429, message)
        self.retry_after = retry_after


def hashed(value):
    """A short digest for a rate-limit key (no personal data such as an email in the cache)."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's address, for every per-address limit (search, inquiries, login lockout).

    Without a proxy: REMOTE_ADDR. Behind ``TRUSTED_PROXY_COUNT`` proxies that each append the
    address they received the request from to ``X-Forwarded-For`` (nginx's
    ``$proxy_add_x_forwarded_for``, AWS/GCP load balancers), the client is the entry that many
    places from the right: everything left of it was written by the client and can be forged.
    ``CLIENT_IP_HEADER`` names another header (Django META key, e.g. ``HTTP_X_REAL_IP``) that the
    proxy overwrites; a list in it is read from the right in the same way. A header that is
    missing or holds no valid address falls back to REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    header = getattr(settings, "CLIENT_IP_HEADER", "") or (
        "HTTP_X_FORWARDED_FOR" if proxies else ""
    )
    value = request.META.get(header, "") if header else ""
    addresses = [item.strip() for item in value.split(",") if item.strip()]
    if not addresses:
        return remote
    chosen = addresses[-min(max(proxies, 1), len(addresses))]
    return _valid_ip(chosen) or remote


def check_rate_limit(request, scope, limit, window_seconds, message, key=None):
    """Count this request in its client's (or ``key``'s) current window; raise ``RateLimited``
    beyond ``limit`` (0: no limit). ``message`` may use ``{retry_after}``."""
    if not limit:
        return
    now = time.time()
    window = int(now // window_seconds)
    subject = client_ip(request) if key is None else key
    cache_key = f"ratelimit:{scope}:{subject}:{window}"
    try:
        count = shared_count(cache_key, window_seconds)
    except CacheUnavailable:
        count = local_count(cache_key, now + window_seconds)
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
