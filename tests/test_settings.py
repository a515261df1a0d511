"""Settings: production fails fast and passes the deploy checks; the environment picks backends.

Settings are read once per process, so each configuration runs in a subprocess with a clean
environment (no variables leaking in from the developer's shell or CI).
"""

import json
import os
import secrets
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

import cms.settings.base

SHOW_SETTINGS = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'DEBUG': s.DEBUG, 'DATABASES': s.DATABASES, 'CACHES': s.CACHES}, "
    "default=str))"
)


def run_python(args, settings_module="cms.settings.base", **variables):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "DJANGO_SETTINGS_MODULE": settings_module,
        **variables,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def read_settings(**variables):
    result = run_python(["-c", SHOW_SETTINGS], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def documented_variables():
    """The variables of `.env.example`, as a production deployment would set them."""
    variables = {}
    for line in (settings.BASE_DIR / ".env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            variables[name] = value
    return variables


def test_production_refuses_to_start_without_secret_key():
    result = run_python(["-c", "import cms.settings.production"])

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deploy_checks_with_the_documented_variables():
    variables = documented_variables()
    assert variables["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"
    variables["SECRET_KEY"] = secrets.token_urlsafe(50)  # the example's placeholder is too weak

    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **variables)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_base_settings_are_safe_for_production():
    assert cms.settings.base.DEBUG is False
    assert read_settings()["DEBUG"] is False
    # No fallback key: without SECRET_KEY in the environment there is none.
    result = run_python(["-c", "from django.conf import settings; settings.SECRET_KEY"])
    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr


def test_without_variables_the_project_uses_sqlite_and_the_memory_cache():
    configured = read_settings()

    database = configured["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(settings.BASE_DIR / "db.sqlite3")
    cache = configured["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_database_url_switches_the_database():
    configured = read_settings(DATABASE_URL="postgres://cms:geheim@db.example.org:5433/plattform")

    database = configured["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.example.org",
        5433,
        "plattform",
    )
    assert (database["USER"], database["PASSWORD"]) == ("cms", "geheim")


def test_postgresql_connections_run_without_jit_unless_asked():
    url = "postgres://postgres@127.0.0.1:5432/plattform"
    assert (
        "jit=off" in read_settings(DATABASE_URL=url)["DATABASES"]["default"]["OPTIONS"]["options"]
    )
    database = read_settings(DATABASE_URL=url, DATABASE_JIT="on")["DATABASES"]["default"]
    assert "options" not in database.get("OPTIONS", {})
    assert "OPTIONS" not in read_settings()["DATABASES"]["default"] or (
        "options" not in read_settings()["DATABASES"]["default"]["OPTIONS"]
    )


@pytest.mark.django_db
def test_the_postgresql_session_has_jit_off():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (the tests also run on PostgreSQL in CI)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_redis_url_switches_the_cache_to_redis():
    configured = read_settings(REDIS_URL="redis://127.0.0.1:6379/0")

    cache = configured["CACHES"]["default"]
    assert cache["BACKEND"] == "cms.cache_backend.ResilientRedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/0"


def test_the_redis_cache_really_stores_and_reads_values():
    key = f"settings-test-{uuid.uuid4().hex}"
    round_trip = (
        "from django.core.cache import caches; cache = caches['default']; "
        f"cache.set({key!r}, {{'stadt': '扬州'}}, 30); "
        f"print(type(cache).__name__, cache.get({key!r})['stadt']); "
        f"cache.delete({key!r})"
    )

    result = run_python(
        ["-c", round_trip],
        settings_module="cms.settings.test",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ResilientRedisCache", "扬州"]


@pytest.mark.django_db
def test_admin_preview_may_still_be_framed_when_frames_are_denied(
    admin_client, home_tree, settings
):
    """Production sends X-Frame-Options: DENY; the admin's preview panel is an iframe."""
    settings.X_FRAME_OPTIONS = "DENY"
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[home_tree.news.pk])
    form = nested_form_data({"title": "Nachrichten", "slug": "nachrichten", "intro": "Neu"})

    assert admin_client.post(preview_url, form).json()["is_valid"] is True
    response = admin_client.get(preview_url)

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert admin_client.get(reverse("wagtailadmin_home"))["X-Frame-Options"] == "DENY"
