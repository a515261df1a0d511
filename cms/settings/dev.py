"""Development settings: debug on, console email, a fixed key that only ever serves localhost."""

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = True
# Development only: production.py refuses to start without SECRET_KEY from the environment.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"  # noqa: F405, S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
EMAIL_BACKEND = os.environ.get(  # noqa: F405
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

# Webhook receivers on this machine (webhooks/targets.py refuses non-public targets otherwise).
WEBHOOK_ALLOWED_NETWORKS = env_list("WEBHOOK_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128")
# No second factor on a developer's machine (production: on; security/twofactor.py).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)

# Links in mails (invitations, password resets) and feeds point at the server `make run` starts:
# HOST and PORT as make passes them (RUNSERVER_HOST, PORT), unless set explicitly.
_RUN_HOST = os.environ.get("RUNSERVER_HOST", "127.0.0.1")  # noqa: F405
_RUN_HOST = "127.0.0.1" if _RUN_HOST in ("0.0.0.0", "::", "") else _RUN_HOST  # noqa: S104
DEV_BASE_URL = f"http://{_RUN_HOST}:{os.environ.get('PORT', '8000')}"  # noqa: F405
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", DEV_BASE_URL)  # noqa: F405
FRONTEND_BASE_URL = os.environ.get("FRONTEND_BASE_URL", DEV_BASE_URL).rstrip("/")  # noqa: F405
