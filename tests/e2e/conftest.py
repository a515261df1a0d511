"""Real Chromium through Playwright for the browser tests."""

import pytest

from tests.e2e.test_profile_review_in_browser import CHROMIUM


@pytest.fixture
def browser(monkeypatch):
    # Playwright's synchronous API runs an event loop in this thread; the test's own ORM calls
    # are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()
