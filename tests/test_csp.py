"""Content-Security-Policy on every response (issue 15): strict for the API and pages, what
Wagtail's admin needs for the admin and the API docs (the browser test checks that it is
enough: tests/e2e/test_csp_in_browser.py)."""

import pytest

from security.csp import build

pytestmark = pytest.mark.django_db


def policy(response, kind="Content-Security-Policy"):
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in response[kind].split(";") if part
    )


def test_the_api_loads_and_runs_nothing(client, home_tree):
    for path in ("/api/v1/regions", "/api/v1/nowhere", "/api/v1/openapi.json"):
        response = client.get(path)
        assert policy(response)["default-src"] == "'none'", path
        assert policy(response)["frame-ancestors"] == "'none'"


def test_pages_run_only_scripts_of_this_origin(client, home_tree):
    response = client.get("/de/")
    rules = policy(response)
    assert rules["script-src"] == "'self'"
    assert rules["object-src"] == "'none'"
    assert "unsafe" not in rules["default-src"]


def test_admin_and_api_docs_no_foreign_scripts_no_eval(admin_client):
    for path in ("/admin/", "/admin/login/", "/api/v1/docs"):
        rules = policy(admin_client.get(path))
        assert rules["script-src"] == "'self' 'unsafe-inline'", path
        assert "unsafe-eval" not in " ".join(rules.values())
        assert rules["object-src"] == "'none'"
        assert rules["frame-ancestors"] == "'self'"


def test_the_api_docs_are_served_without_a_cdn(client):
    body = client.get("/api/v1/docs").content.decode()
    assert "cdn.jsdelivr.net" not in body
    assert "/static/ninja/swagger-ui-bundle.js" in body


def test_media_on_another_origin_is_allowed_as_images(settings):
    settings.MEDIA_URL = "https://media.kl-china.example/media/"
    value = build(settings.CSP_POLICIES["admin"])
    assert "img-src 'self' data: blob: https://media.kl-china.example" in value


def test_report_only(client, settings, home_tree):
    settings.CSP_REPORT_ONLY = True
    response = client.get("/api/v1/regions")
    assert "Content-Security-Policy" not in response
    assert policy(response, "Content-Security-Policy-Report-Only")["default-src"] == "'none'"


def test_the_login_lockout_page_has_a_policy_too(client, settings, django_user_model):
    settings.AXES_FAILURE_LIMIT = 1
    django_user_model.objects.create_user("jemand", password="lang-genug-und-selten")
    client.post("/admin/login/", {"username": "jemand", "password": "x"})
    locked = client.post("/admin/login/", {"username": "jemand", "password": "x"})
    assert locked.status_code == 429
    assert "script-src" in locked["Content-Security-Policy"]
