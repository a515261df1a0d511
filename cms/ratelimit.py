"""Fixed-window rate limits per client address, counted in the shared cache (Redis in
production, so a limit holds across processes and servers)."""

import math
import time

from django.conf import settings
from django.core.cache import cache
from ninja.errors import HttpError


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
    if cache.add(key, 1, timeout=window_seconds + 30):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window_seconds + 30)
            count = 1
    if count > limit:
        retry_after = max(1, math.ceil((window + 1) * window_seconds - now))
        raise RateLimited(message.format(retry_after=retry_after), retry_after)
