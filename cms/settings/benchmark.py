"""Settings for the API benchmark only (``scripts/benchmark_api.py``), never for serving users.

Production-like (DEBUG off, PostgreSQL from DATABASE_URL), plus what the comparison needs:
Wagtail's API v2 and a floor view mounted by ``cms.urls_benchmark``, and a query parameter
(``nocache``) that bypasses the API response cache so the uncached path can be measured.
"""

from .base import *  # noqa: F403

DEBUG = False
# Serves 127.0.0.1 only, for the length of one benchmark run.
SECRET_KEY = "benchmark-only-key-serves-127.0.0.1-only"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "cms.urls_benchmark"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
API_CACHE_BYPASS_PARAM = "nocache"
WAGTAILAPI_BASE_URL = "http://127.0.0.1"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
