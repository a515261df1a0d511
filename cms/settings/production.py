"""Production settings: every secret from the environment, HTTPS hardening on.

Refuses to start without SECRET_KEY. With the variables of `.env.example` set,
`python manage.py check --deploy` reports no warnings.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment for production "
        "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

# https://docs.djangoproject.com/en/5.2/ref/settings/#secure-proxy-ssl-header
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# https://docs.djangoproject.com/en/5.2/ref/settings/#secure-ssl-redirect
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# https://docs.djangoproject.com/en/5.2/ref/middleware/#http-strict-transport-security
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# https://docs.djangoproject.com/en/5.2/ref/settings/#session-cookie-secure
SESSION_COOKIE_SECURE = True
# https://docs.djangoproject.com/en/5.2/ref/settings/#csrf-cookie-secure
CSRF_COOKIE_SECURE = True
# https://docs.djangoproject.com/en/5.2/ref/middleware/#referrer-policy
SECURE_REFERRER_POLICY = "same-origin"
# https://docs.djangoproject.com/en/5.2/ref/clickjacking/
# DENY everywhere; Wagtail's preview views set SAMEORIGIN on their own responses.
X_FRAME_OPTIONS = "DENY"

# Static files with hashed names (collectstatic), compressed, served by the application through
# WhiteNoise with far-future caching: every application server serves them the same way.
# https://whitenoise.readthedocs.io/en/stable/django.html
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405
