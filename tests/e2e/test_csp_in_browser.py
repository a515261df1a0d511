"""The Content-Security-Policy does not break the admin (issue 15): a superuser walks the main
admin screens and the API docs in real Chromium; any 'securitypolicyviolation' event or console
message about the Content Security Policy fails the test. Screenshots in test-artifacts/csp/."""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image
from wagtail.documents.models import Document

from tests.factories import ImageFactory, NewsPageFactory, OrganisationPageFactory

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "csp"
PASSWORD = "ein-langes-passwort-csp"  # noqa: S105

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not shutil.which(CHROMIUM),
        reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)",
    ),
]

# Recorded in every document before its own scripts run.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__csp.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def admin_content(home_tree):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 90, 160)).save(buffer, "PNG")
    image = ImageFactory(title="Delegation")
    document = Document.objects.create(
        title="Programm", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="programm.pdf")
    )
    news = NewsPageFactory(parent=home_tree.news, title="MoU", slug="mou", hero_image=image)
    organisation = OrganisationPageFactory(parent=home_tree.organisations, title="Pfalz Robotik")
    get_user_model().objects.create_superuser("chefin", "chefin@example.org", PASSWORD)
    return {"image": image, "document": document, "news": news, "organisation": organisation}


def test_the_admin_screens_run_without_csp_violations(
    live_server, home_tree, admin_content, browser
):
    base = live_server.url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )

    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "chefin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    screens = {
        "dashboard": "/admin/",
        "explorer": f"/admin/pages/{home_tree.home.pk}/",
        "news-edit": f"/admin/pages/{admin_content['news'].pk}/edit/",
        "organisation-edit": f"/admin/pages/{admin_content['organisation'].pk}/edit/",
        "images": "/admin/images/",
        "image-edit": f"/admin/images/{admin_content['image'].pk}/",
        "documents": "/admin/documents/",
        "document-edit": f"/admin/documents/edit/{admin_content['document'].pk}/",
        "reports-locked": "/admin/reports/locked/",
        "reports-history": "/admin/reports/site-history/",
        "sites": "/admin/sites/",
        "locales": "/admin/locales/",
        "users": "/admin/users/",
        "webhooks": "/admin/webhook_subscriptions/",
        "api-docs": "/api/v1/docs",
    }
    violations = {}
    for name, path in screens.items():
        response = page.goto(f"{base}{path}")
        assert response.status == 200, (name, response.status)
        assert "content-security-policy" in response.headers, name
        page.wait_for_load_state("networkidle")
        if name == "news-edit":
            # The preview side panel loads the page preview in an iframe.
            toggle = page.locator("[data-side-panel-toggle='preview']")
            if toggle.count():
                toggle.first.click()
                page.wait_for_load_state("networkidle")
        if name == "api-docs":
            page.wait_for_selector(".swagger-ui .info", timeout=20000)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        found = page.evaluate("window.__csp")
        if found:
            violations[name] = found
    context.close()
    assert violations == {}
    assert console == []


def test_the_walk_would_see_a_violation(live_server, home_tree, admin_content, browser, settings):
    """The detector works: without 'unsafe-inline' for scripts, Wagtail's editor (its date
    widget's inline script) violates the policy and the event is recorded."""
    admin = dict(settings.CSP_POLICIES["admin"], **{"script-src": ["'self'"]})
    settings.CSP_POLICIES = {**settings.CSP_POLICIES, "admin": admin}
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "chefin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/pages/{admin_content['news'].pk}/edit/")
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__csp")
    context.close()
    assert any(entry.startswith("script-src") for entry in found), found
