"""End to end in real Chromium: organisation A sees B among its matches in the portal,
expresses interest, B accepts, and both receive each other's contacts (mail and portal).
Skipped without Chromium, like ``test_profile_review_in_browser.py``."""

import pytest
from django.core import mail

from companies.onboarding import invite_organisation
from tests.e2e.test_profile_review_in_browser import CHROMIUM, log_in
from tests.matchmaking.conftest import market, market_base  # noqa: F401

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not __import__("shutil").which(CHROMIUM), reason=f"Chromium not found at {CHROMIUM}"
    ),
]
PASSWORD = "ein-langes-passwort-13"  # noqa: S105


def organisation_user(page, email):
    user = invite_organisation(page, email).user
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_expresses_interest_b_accepts_both_get_contacts(
    live_server,
    market,  # noqa: F811
    browser,  # noqa: F811
    tmp_path,
):
    a = organisation_user(market.pages["sensorik"], "team@sensorik.example")
    b = organisation_user(market.pages["haendler"], "team@haendler.example")
    mail.outbox.clear()
    base = live_server.url

    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, a.username, PASSWORD)
    page.goto(f"{base}/admin/matchmaking/")
    match = page.locator("li.match[data-organisation='Suzhou Maschinenhandel']")
    match.locator("textarea").fill("Wir suchen einen Vertriebspartner für unsere Sensoren.")
    page.screenshot(path=str(tmp_path / "1-matches.png"), full_page=True)
    with page.expect_navigation():
        match.locator("button[type=submit]").click()
    assert "Suzhou Maschinenhandel" in page.content()
    context.close()
    (notification,) = mail.outbox
    assert notification.to == ["haendler@example.org"]
    assert "sensorik@example.org" not in str(notification.message())

    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, b.username, PASSWORD)
    page.goto(f"{base}/admin/matchmaking/interests/")
    assert "sensorik@example.org" not in page.content()
    with page.expect_navigation():
        page.click("button[value=accept]")
    page.screenshot(path=str(tmp_path / "2-accepted.png"), full_page=True)
    assert "sensorik@example.org" in page.locator("p.contact").inner_text()
    context.close()

    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, a.username, PASSWORD)
    page.goto(f"{base}/admin/matchmaking/interests/")
    assert "haendler@example.org" in page.locator("p.contact").inner_text()
    context.close()
    addresses = sorted(message.to[0] for message in mail.outbox[1:])
    assert addresses == ["haendler@example.org", "sensorik@example.org"]
