"""Test settings: fast hashing, in-memory email and cache, immediate tasks, media in a temp dir."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cms-test-media-"))  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# New pages get machine-translated draft counterparts (translations/counterparts.py) in every
# environment but the tests, which create pages by the thousand; the feature's own tests switch
# it on.
TRANSLATIONS_AUTO_COUNTERPARTS = False
# The webhook tests' receiver listens on 127.0.0.1; the SSRF tests switch this off.
WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
# The admin without a second factor, except in the tests of the second factor.
TWO_FACTOR_REQUIRED = False
# Tests expect the next response after a change to be fresh: no stale-while-revalidate window
# (tests/resilience/ switch it on to test it).
API_CACHE_STALE_SECONDS = 0
