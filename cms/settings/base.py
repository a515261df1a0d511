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
    # The project package: cache bookkeeping, health checks, worker and recovery commands.
    "cms",
    "base",
    "api",
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
    "demo",
    "security",
    # django-ninja's own static files: the API docs (Swagger UI) without a CDN.
    "ninja",
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
    # The second factor (security/twofactor.py): TOTP apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files with hashed names and far-future caching, from the application (WhiteNoise).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every response, by path (security/csp.py, CSP_POLICIES).
    "security.csp.ContentSecurityPolicyMiddleware",
    "api.cache.ApiCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second factor: request.user.is_verified(), then the admin asks for it.
    "django_otp.middleware.OTPMiddleware",
    "security.twofactor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Organisation users reach only the portal's allowlist of admin views (companies/portal.py).
    "companies.portal.OrganisationPortalGuard",
    # Last, as django-axes requires: answers a locked-out login with its lockout page.
    "axes.middleware.AxesMiddleware",
]

# Login protection (django-axes, security/lockout.py): after AXES_FAILURE_LIMIT failed logins for
# one username from one address, that pair is locked out for AXES_COOLOFF_MINUTES (a 429 with a
# message in the user's language); after AXES_USERNAME_FAILURE_LIMIT failures of one username
# from any addresses, the username is locked for as long, except from addresses where it logged
# in successfully within AXES_KNOWN_ADDRESS_DAYS (so flooding a name cannot lock its owner out).
# A successful login resets the counts. `manage.py axes_reset` unlocks all.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_USERNAME_FAILURE_LIMIT = int(os.environ.get("AXES_USERNAME_FAILURE_LIMIT", "20"))
AXES_KNOWN_ADDRESS_DAYS = int(os.environ.get("AXES_KNOWN_ADDRESS_DAYS", "90"))
# The first entry counts per username and address, the second per username (the handler needs
# this order).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "security.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_CLIENT_IP_CALLABLE = "api.ratelimit.client_ip"
AXES_VERBOSE = False

# Second factor (security/twofactor.py, docs/security.md): editors and superusers must use a TOTP
# app (with recovery codes) when this is on; organisation users may. Off in dev and the tests.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
# The name authenticator apps show for the account.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "KL-China-Plattform")

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
# The embedded SQLite default must serve an editor's autosave and publish, background tasks and a
# second editor at once (docs/operations.md, scripts/concurrent_publish.py): write-ahead logging
# (readers never block the writer), transactions that take the write lock when they begin (a
# deferred transaction that reads first fails at once with "database is locked" when it tries
# to write after another writer; no busy timeout helps there), and a busy timeout for waiting
# on the lock (SQLITE_TIMEOUT_SECONDS).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": float(os.environ.get("SQLITE_TIMEOUT_SECONDS", "20")),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# PostgreSQL: a server that does not answer fails the connection after this many seconds (the
# API then answers 503, docs/operations.md), rather than hanging the request.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")
    )

# Cache: Redis when REDIS_URL is set, else the process-local memory cache. The cache is never a
# dependency (api/cache.py): connecting and every reply have a timeout well under a second
# (CACHE_TIMEOUT_SECONDS); after a failure each process skips the cache for CACHE_RETRY_SECONDS
# and checks every CACHE_REPLAY_SECONDS for invalidations it missed meanwhile.
CACHE_TIMEOUT_SECONDS = float(os.environ.get("CACHE_TIMEOUT_SECONDS", "0.25"))
CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "5"))
CACHE_REPLAY_SECONDS = float(os.environ.get("CACHE_REPLAY_SECONDS", "5"))
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache whose failures degrade to misses (cms/cache_backend.py).
            "BACKEND": "cms.cache_backend.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cms"),
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
                "socket_timeout": CACHE_TIMEOUT_SECONDS,
            },
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
WAGTAIL_CONTENT_LANGUAGES = [
    (code, LANGUAGE_NAMES.get(code, code)) for code in CONTENT_LANGUAGE_CODES
]
# The admin interface can be used in these languages; each user picks one in their profile.
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("de", "Deutsch"),
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
# Django's languages: the content languages and the admin's, so that the login page (before a
# user's own choice applies) follows the browser in each of them, English included.
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES + [
    pair for pair in WAGTAILADMIN_PERMITTED_LANGUAGES if pair[0] not in CONTENT_LANGUAGE_CODES
]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
# Our catalogues, then Simplified Chinese for upstream strings (Wagtail, wagtail-localize,
# django-filter, django-axes) whose own zh_Hans catalogues lack them: without it Django falls
# back to German (LANGUAGE_CODE) in a Chinese editor's admin. The first path takes precedence.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]

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


def object_storage(environ):
    """Media on S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set (several
    application servers then share one media store; README, "More than one server"): the
    STORAGES["default"] entry and the MEDIA_URL, or None. Credentials come from
    AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the machine's role); AWS_S3_ENDPOINT_URL names
    a non-AWS service (MinIO, Ceph, Hetzner, OVH ...). Files are public-read through the
    bucket policy for images only (README); documents are always served through Django."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return None
    from botocore.config import Config

    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").rstrip("/")
    custom_domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "")
    addressing = environ.get("AWS_S3_ADDRESSING_STYLE", "path" if endpoint else "virtual")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": environ.get("AWS_S3_REGION_NAME", "") or None,
        "custom_domain": custom_domain or None,
        "addressing_style": addressing,
        "signature_version": "s3v4",
        # Stable, cacheable URLs (renditions in API responses and CDNs): no signed query strings.
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        "default_acl": None,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000"},
        # Every call has a timeout and a bounded number of retries.
        "client_config": Config(
            connect_timeout=float(environ.get("AWS_S3_CONNECT_TIMEOUT", "5")),
            read_timeout=float(environ.get("AWS_S3_READ_TIMEOUT", "30")),
            retries={"max_attempts": 3, "mode": "standard"},
            signature_version="s3v4",
            s3={"addressing_style": addressing},
        ),
    }
    if environ.get("AWS_S3_LOCATION"):
        options["location"] = environ["AWS_S3_LOCATION"]
    if custom_domain:
        media_url = f"https://{custom_domain}/"
    elif endpoint:
        media_url = f"{endpoint}/{bucket}/"
    else:
        region = options["region_name"] or "us-east-1"
        media_url = f"https://{bucket}.s3.{region}.amazonaws.com/"
    if options.get("location"):
        media_url += options["location"].strip("/") + "/"
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, media_url


_object_storage = object_storage(os.environ)
if _object_storage:
    STORAGES["default"], MEDIA_URL = _object_storage
# Complex page models can exceed Django's default of 1,000 fields in the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: SMTP settings from the environment; the console backend in dev.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Seconds one SMTP connection or reply may take (Django's default is none: a server that
# accepts and never answers would hold a worker forever).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT_SECONDS", "10"))
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
# Also per sender email (each inquiry mails a confirmation there, whichever address sent it) and
# per recipient (a flood from many addresses; high enough that a flood cannot silence an
# organisation for long: the window is one hour).
INQUIRY_RATE_LIMIT_PER_EMAIL_PER_HOUR = int(
    os.environ.get("INQUIRY_RATE_LIMIT_PER_EMAIL_PER_HOUR", "3")
)
INQUIRY_RATE_LIMIT_PER_RECIPIENT_PER_HOUR = int(
    os.environ.get("INQUIRY_RATE_LIMIT_PER_RECIPIENT_PER_HOUR", "30")
)
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
# The client's address for every per-address limit (search, inquiries, login lockout;
# api/ratelimit.py): behind TRUSTED_PROXY_COUNT proxies that append to X-Forwarded-For, the entry
# that many places from the right (the left ones are the client's own and forgeable). Or
# CLIENT_IP_HEADER, a header the proxy overwrites, as Django's META key (e.g. HTTP_X_REAL_IP).
# With neither: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
# Uploads (docs/security.md): documents only of these types (no HTML, SVG or scripts), at most
# this size; documents are always served through Django (also from object storage), inline only
# PDF and plain text, with "Content-Security-Policy: default-src 'none'" and nosniff; everything
# else as an attachment. Images: no SVG, at most this size and this many pixels (a small file
# can decompress to gigabytes: a "decompression bomb").
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILDOCS_MAX_UPLOAD_SIZE", 10 * 1024 * 1024))
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(
    os.environ.get("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000))
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: they would send a hash of every editor's email to a third party
# (and need the admin's CSP to allow it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content-Security-Policy (security/csp.py): a policy per path prefix, first match wins, else
# CSP_DEFAULT_POLICY. "{media}" stands for the origins of MEDIA_URL and API_MEDIA_BASE_URL
# (object storage, a CDN). CSP_REPORT_ONLY=true sends Content-Security-Policy-Report-Only.
_CSP_COMMON = {
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
CSP_POLICIES = {
    # JSON and anything unknown: nothing may load or run.
    "none": {
        "default-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
    # Pages rendered by this server (the headless frontend has its own policy).
    "pages": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "{media}"],
        **_CSP_COMMON,
        "frame-ancestors": ["'self'"],
    },
    # Wagtail's admin and the API docs (Swagger UI, served from our static files): inline
    # scripts and styles are in Wagtail's own templates; no other script origin, no eval.
    "admin": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "{media}"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https:"],  # the preview panel and embeds (video providers)
        "worker-src": ["'self'", "blob:"],
        **_CSP_COMMON,
        "frame-ancestors": ["'self'"],
    },
    # The newsletter digest: an e-mail's inline styles and images from the media origin.
    "email": {
        "default-src": ["'none'"],
        "style-src": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:", "{media}"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
    },
}
CSP_PATHS = [
    ("/admin/", "admin"),
    ("/api/v1/docs", "admin"),
    ("/api/v1/newsletter/", "email"),
    ("/api/", "none"),
    ("/documents/", "none"),
    ("/static/", "none"),
    ("/media/", "none"),
]
CSP_DEFAULT_POLICY = "pages"
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY")

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
API_PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("API_PREVIEW_TOKEN_MAX_AGE", "600"))

# --- API delivery: response cache, HTTP caching and CORS (api/cache.py, docs/performance.md) ---
# Public GET/HEAD responses under /api/v1/ are cached in CACHES["default"] (Redis with
# REDIS_URL: required when several processes serve the API, since a process-local cache is not
# invalidated by the others) and invalidated on every publish, unpublish, move, delete, snippet
# and image change. Entries live at most API_CACHE_TIMEOUT seconds; clients and CDNs may keep a
# response API_CACHE_MAX_AGE seconds (Cache-Control: public, max-age=...), revalidating by ETag.
API_CACHE_ENABLED = env_bool("API_CACHE_ENABLED", True)
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
API_CACHE_TIMEOUT = int(os.environ.get("API_CACHE_TIMEOUT", "300"))
# After a change, a stale entry is served for at most API_CACHE_STALE_SECONDS while one request
# recomputes it (single flight); CDNs may serve a response API_CACHE_STALE_WHILE_REVALIDATE
# seconds past max-age while revalidating, API_CACHE_STALE_IF_ERROR seconds when we fail.
API_CACHE_STALE_SECONDS = int(os.environ.get("API_CACHE_STALE_SECONDS", "10"))
# An entry that keeps going stale (changes every second) is recomputed at most once per
# API_CACHE_REVALIDATE_SECONDS: it then lags at most this long (plus one computation) behind.
API_CACHE_REVALIDATE_SECONDS = int(os.environ.get("API_CACHE_REVALIDATE_SECONDS", "5"))
API_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("API_CACHE_STALE_WHILE_REVALIDATE", "30"))
API_CACHE_STALE_IF_ERROR = int(os.environ.get("API_CACHE_STALE_IF_ERROR", "86400"))
# While the database is down the API answers 503 with Retry-After: this many seconds.
DATABASE_RETRY_AFTER_SECONDS = int(os.environ.get("DATABASE_RETRY_AFTER_SECONDS", "30"))
# /readyz reports "degraded" when the oldest due background task waited longer than this.
READY_QUEUE_LAG_SECONDS = int(os.environ.get("READY_QUEUE_LAG_SECONDS", "300"))
# run_worker (cms/worker.py): the longest pause between attempts while the database is down, and
# after how long a RUNNING task row counts as stranded (longer than any task can take).
WORKER_RETRY_MAX_SECONDS = float(os.environ.get("WORKER_RETRY_MAX_SECONDS", "30"))
TASKS_STRANDED_AFTER_SECONDS = int(os.environ.get("TASKS_STRANDED_AFTER_SECONDS", "3600"))
API_CACHE_PATH_PREFIX = "/api/v1/"
# Never cached: previews show drafts to whoever holds a token; a sync delta depends on time
# (SYNC_SETTLE_SECONDS) as well as on the content.
API_CACHE_EXCLUDED_PATHS = ["/api/v1/preview", "/api/v1/sync"]
# Delta sync (docs/api.md#delta-sync): changes younger than this wait for the next call, so a
# transaction that commits after a later one is not skipped.
SYNC_SETTLE_SECONDS = float(os.environ.get("SYNC_SETTLE_SECONDS", "5"))
# URLs per sitemap file (the protocol allows 50,000).
SITEMAP_MAX_URLS = int(os.environ.get("SITEMAP_MAX_URLS", "50000"))
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
# Webhook targets must resolve to public addresses (webhooks/targets.py): no loopback, private,
# link-local, multicast or reserved ones, nor the platform's own hosts, checked on save and at
# every send. Networks listed here are allowed anyway, e.g. "10.1.2.3/32" for an intranet
# receiver (dev and test settings allow loopback).
WEBHOOK_ALLOWED_NETWORKS = env_list("WEBHOOK_ALLOWED_NETWORKS")
