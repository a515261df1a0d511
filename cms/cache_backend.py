"""``ResilientRedisCache``: Django's Redis cache whose failures never reach the caller.

Every code path that uses the cache, ours and the libraries' (Wagtail caches its site root
paths, django-axes and the rate limits count in it), goes through this backend. A Redis error
or timeout trips the circuit of ``api.cache`` (one log line, then the cache is skipped for
``CACHE_RETRY_SECONDS``) and the call answers what a miss answers: ``get`` its default,
``add`` False, ``get_many`` nothing, writes nothing. ``strict(operation, ...)`` raises instead,
for the few callers that must tell a miss from a failure (``api.cache.guarded``).
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from api.cache import CacheUnavailable, _trip, cache_available


class ResilientRedisCache(RedisCache):
    def strict(self, operation, *args, **kwargs):
        """``operation`` as RedisCache runs it; ``CacheUnavailable`` on failure or an open
        circuit (a ``ValueError`` of ``incr`` on a missing key passes through)."""
        if not cache_available():
            raise CacheUnavailable(operation)
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except ValueError:
            raise
        except Exception as error:  # noqa: BLE001 (redis errors, timeouts, OS errors alike)
            _trip(operation, error)
            raise CacheUnavailable(operation) from error

    def _soft(self, operation, default, *args, **kwargs):
        try:
            return self.strict(operation, *args, **kwargs)
        except CacheUnavailable:
            return default

    def get(self, key, default=None, version=None):
        return self._soft("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._soft("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._soft("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("add", False, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set_many", [], data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._soft("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._soft("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        # No answer is right for a counter: the caller sees the failure (a ValueError, as for
        # a missing key, which every caller of incr already handles).
        try:
            return self.strict("incr", key, delta, version)
        except CacheUnavailable as error:
            raise ValueError("cache unavailable") from error
