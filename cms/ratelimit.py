"""Fixed-window rate limits per client address (or another key), counted in the shared cache
(Redis in production, so a limit holds across processes and servers)."""

import hashlib
import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from ninja.errors import HttpError

logger = logging.getLogger(__name__)


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
        if cache.add(cache_key, 1, timeout=window_seconds + 30):
            count = 1
        else:
            try:
                count = cache.incr(cache_key)
            except ValueError:  # expired between add and incr
                cache.set(cache_key, 1, timeout=window_seconds + 30)
                count = 1
    except Exception:  # noqa: BLE001 - the cache is never a dependency: no count, no limit
        logger.warning("Rate limit %s not counted: the cache failed.", scope, exc_info=True)
        return
    if count > limit:
        retry_after = max(1, math.ceil((window + 1) * window_seconds - now))
        raise RateLimited(message.format(retry_after=retry_after), retry_after)
