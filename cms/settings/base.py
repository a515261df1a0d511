"""Settings shared by every environment. Safe for production: DEBUG is off.

Everything that differs between machines comes from environment variables; `.env.example`
documents each one. With none set, the project runs on SQLite, the local-memory cache and
immediate background tasks.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list of non-empty strings."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "regions",
    "companies",
    "news",
    "search",
    "translations",
    "inquiries",
    "matchmaking",
    "feeds",
    "webhooks",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Login protection: failed logins per username and address (docs/operations in README).
    "axes",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.cache.ApiCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Organisation users: no admin API for images and documents (companies/isolation.py).
    "companies.isolation.OrganisationAdminGuard",
    # Last, as django-axes requires: answers a locked-out login with its lockout page.
    "axes.middleware.AxesMiddleware",
]

# Login protection (django-axes): after AXES_FAILURE_LIMIT failed logins for one username from
# one address, that pair is locked out for AXES_COOLOFF_MINUTES (a 429 with a message in the
# user's language); a successful login resets the count. `manage.py axes_reset` unlocks all.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_CLIENT_IP_CALLABLE = "cms.ratelimit.client_ip"
AXES_VERBOSE = False

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: DATABASE_URL (e.g. postgres://user:pass@host:5432/name), else SQLite in the checkout.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL's JIT compiler is meant for long analytical queries: for the API's short queries
# over 10,000s of pages it compiled for ~0.5 s per query (docs/performance.md).
# DATABASE_JIT=on keeps the server's setting.
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and os.environ.get("DATABASE_JIT", "off") == "off"
):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else the process-local memory cache.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cms"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cms-default",
        }
    }

# Background tasks (django-tasks): immediate execution unless TASKS_BACKEND names another
# backend, e.g. the database backend of django-tasks-db with its worker in production.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation
# German is the default. CONTENT_LANGUAGES adds locales without code changes, e.g.
# CONTENT_LANGUAGES=de,zh-hans,en; each code needs a name in LANGUAGE_NAMES.
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "zh-hans": "简体中文",
    "en": "English",
}
CONTENT_LANGUAGE_CODES = env_list("CONTENT_LANGUAGES", "de,zh-hans")
LANGUAGE_CODE = CONTENT_LANGUAGE_CODES[0]
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    (code, LANGUAGE_NAMES.get(code, code)) for code in CONTENT_LANGUAGE_CODES
]
# The admin interface can be used in these languages; each user picks one in their account.
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("de", "Deutsch"),
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]

TIME_ZONE = "Europe/Berlin"
USE_TZ = True
# Time zones an editor can choose for the admin (Kaiserslautern and the Chinese offices).
WAGTAIL_USER_TIME_ZONES = ["Europe/Berlin", "Asia/Shanghai", "UTC"]

# Static and media files
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Complex page models can exceed Django's default of 1,000 fields in the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: SMTP settings from the environment; the console backend in dev.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "plattform@wfk-kaiserslautern.de")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = _("Kaiserslautern–China Plattform")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# A page created in one locale gets draft translations in the others (translations/counterparts.py).
TRANSLATIONS_AUTO_COUNTERPARTS = env_bool("TRANSLATIONS_AUTO_COUNTERPARTS", True)
# Machine pre-translation (translations/, docs/translation.md): DeepL with DEEPL_API_KEY (an
# endpoint of its own with DEEPL_API_URL, e.g. a proxy), else the offline glossary translator.
# Its output always lands in drafts.
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "translations.machine.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": DEEPL_API_KEY,
            "API_URL": os.environ.get("DEEPL_API_URL", ""),
            "TIMEOUT": int(os.environ.get("DEEPL_TIMEOUT_SECONDS", "30")),
        },
    }
    if DEEPL_API_KEY
    else {"CLASS": "translations.machine.OfflineTranslator", "OPTIONS": {}}
)

# Inquiries through the platform (inquiries/): accepted per client address and hour; delivery
# retries doubling from the base delay up to the maximum; attempts before an inquiry is marked
# failed; the address for recipients without one of their own (and for offices without a
# contact person's email).
INQUIRY_RATE_LIMIT_PER_HOUR = int(os.environ.get("INQUIRY_RATE_LIMIT_PER_HOUR", "5"))
INQUIRY_RETRY_BASE_SECONDS = int(os.environ.get("INQUIRY_RETRY_BASE_SECONDS", "60"))
INQUIRY_RETRY_MAX_SECONDS = int(os.environ.get("INQUIRY_RETRY_MAX_SECONDS", "21600"))
INQUIRY_MAX_ATTEMPTS = int(os.environ.get("INQUIRY_MAX_ATTEMPTS", "8"))
INQUIRY_LEASE_SECONDS = 120
INQUIRIES_FALLBACK_EMAIL = os.environ.get("INQUIRIES_FALLBACK_EMAIL", DEFAULT_FROM_EMAIL)

# Search (search/, docs/search.md): the database's own full-text search over text analysed in
# Python (jieba for Chinese, Snowball and compound splitting for German). PostgreSQL indexes the
# analysed terms with the "simple" configuration, which only lower-cases.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "simple", "ATOMIC_REBUILD": True}
}
# /api/v1/search and /search/suggest: requests per client IP and minute (a shared cache, Redis,
# makes the limit hold across processes), and the longest query accepted.
SEARCH_RATE_LIMIT_PER_MINUTE = int(os.environ.get("SEARCH_RATE_LIMIT_PER_MINUTE", "120"))
SEARCH_MAX_QUERY_LENGTH = 200
# Behind a reverse proxy: the request header with the client's address, as Django's META key
# (e.g. HTTP_X_REAL_IP), for every per-address limit (search, inquiries, login lockout); only set
# it when the proxy always overwrites that header.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Delivery API (/api/v1/, docs/api.md). Named image renditions: a background task creates them
# on upload and publish, the API only reads them. Absolute media URLs start with
# API_MEDIA_BASE_URL (default: the requesting host). Editors' draft previews open
# FRONTEND_PREVIEW_URL?token=... with a signed token valid for API_PREVIEW_TOKEN_MAX_AGE seconds.
API_RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}
API_MEDIA_BASE_URL = os.environ.get("API_MEDIA_BASE_URL", "")
FRONTEND_PREVIEW_URL = os.environ.get("FRONTEND_PREVIEW_URL", "http://localhost:3000/preview")
API_PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("API_PREVIEW_TOKEN_MAX_AGE", "3600"))

# --- API delivery: response cache, HTTP caching and CORS (cms/cache.py, docs/performance.md) ---
# Public GET/HEAD responses under /api/v1/ are cached in CACHES["default"] (Redis with
# REDIS_URL: required when several processes serve the API, since a process-local cache is not
# invalidated by the others) and invalidated on every publish, unpublish, move, delete, snippet
# and image change. Entries live at most API_CACHE_TIMEOUT seconds; clients and CDNs may keep a
# response API_CACHE_MAX_AGE seconds (Cache-Control: public, max-age=...), revalidating by ETag.
API_CACHE_ENABLED = env_bool("API_CACHE_ENABLED", True)
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
API_CACHE_TIMEOUT = int(os.environ.get("API_CACHE_TIMEOUT", "300"))
API_CACHE_PATH_PREFIX = "/api/v1/"
# Never cached: previews show drafts to whoever holds a token.
API_CACHE_EXCLUDED_PATHS = ["/api/v1/preview"]
# Browser frontends on other origins, e.g. CORS_ALLOWED_ORIGINS=https://www.example.org
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# --- Feeds, newsletter digest and webhooks (feeds/, webhooks/, docs/newsletter.md) -----------
# Links in feeds, the digest and webhook payloads point at the public website, a separate
# frontend: FRONTEND_BASE_URL, or per locale FRONTEND_BASE_URLS="de=https://...,zh-hans=https://..."
FRONTEND_BASE_URL = os.environ.get("FRONTEND_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
FRONTEND_BASE_URLS = {
    code.strip(): url.strip().rstrip("/")
    for code, _, url in (
        item.partition("=") for item in os.environ.get("FRONTEND_BASE_URLS", "").split(",")
    )
    if code.strip() and url.strip()
}
# Webhook deliveries: attempts before a delivery is marked failed, the first retry delay
# (doubled for each further attempt, capped), and the HTTP timeout of one attempt.
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "8"))
WEBHOOK_RETRY_BASE_SECONDS = float(os.environ.get("WEBHOOK_RETRY_BASE_SECONDS", "30"))
WEBHOOK_RETRY_MAX_SECONDS = float(os.environ.get("WEBHOOK_RETRY_MAX_SECONDS", "21600"))
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
# How long after a worker took a delivery (beyond twice the timeout) the sweep may assume the
# worker died and send it again.
WEBHOOK_LEASE_MARGIN_SECONDS = float(os.environ.get("WEBHOOK_LEASE_MARGIN_SECONDS", "30"))
