"""End to end in real Chromium (Debian's /usr/bin/chromium through Playwright): an organisation
user logs in, edits its profile, uploads a logo, submits it for review; an editor approves; the
delivery API then shows the new text and logo. ``.ci/run`` installs Chromium; without it the test
is skipped (say so: ``apt-get install chromium``)."""

import json
import os
import shutil
import urllib.request

import pytest
from PIL import Image

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not shutil.which(CHROMIUM),
        reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)",
    ),
]


def log_in(page, base, username, password):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def test_organisation_edits_uploads_submits_and_editor_approves(
    live_server, reviewed_profile, browser, tmp_path
):
    profile, organisation_user = reviewed_profile.profile, reviewed_profile.organisation_user
    base = live_server.url
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 80), (20, 90, 160)).save(logo)

    # The organisation user: edit, upload a logo, submit for review.
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, organisation_user.username, reviewed_profile.ORGANISATION_PASSWORD)
    page.goto(f"{base}/admin/pages/{profile.pk}/edit/")
    page.fill("#id_summary", "Sensorik für Roboter, neu aus dem Browser.")
    page.click("#id_logo-chooser .unchosen [data-chooser-action-choose]")
    page.click("#tab-label-upload")
    page.set_input_files("input[name=image-chooser-upload-file]", str(logo))
    page.fill("input[name=image-chooser-upload-title]", "Logo Westpfalz Sensorik")
    page.click("#tab-upload button[type=submit]")
    # Not wait_for_function: it evaluates a string, which the admin's CSP (no eval) refuses.
    from playwright.sync_api import expect

    expect(page.locator("#id_logo")).not_to_have_value("", timeout=20000)
    # "Submit for review" sits in the save button's menu.
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=action-submit]').click()")
    context.close()
    profile.refresh_from_db()
    assert profile.specific.summary == "Alte Beschreibung."  # not published by the submission

    # The editor approves in the page editor.
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, "redaktion", reviewed_profile.EDITOR_PASSWORD)
    page.goto(f"{base}/admin/pages/{profile.pk}/edit/")
    with page.expect_navigation():
        page.evaluate(
            "document.querySelector('button[data-workflow-action-name=approve]"
            ":not([data-workflow-action-modal-url])').click()"
        )
    context.close()

    # The delivery API shows the new text and the uploaded logo.
    with urllib.request.urlopen(f"{base}/api/v1/organisations/{profile.pk}") as response:  # noqa: S310
        body = json.loads(response.read())
    assert body["summary"] == "Sensorik für Roboter, neu aus dem Browser."
    assert body["logo"]["title"] == "Logo Westpfalz Sensorik"
    # The logo went into the organisation's own collection.
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(title="Logo Westpfalz Sensorik")
    assert image.collection.organisation_access.translation_key == profile.translation_key
