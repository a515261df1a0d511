"""The organisation portal in real Chromium with the admin in Chinese: the organisation user
logs in, finds its Chinese profile on the portal dashboard, edits it in Wagtail's editor (a
synced wagtail-localize translation), chooses a logo, submits; a Chinese editor approves; the
API shows the new Chinese text and logo. Screenshots go to ``test-artifacts/portal/``."""

import json
import urllib.request
from pathlib import Path

from django.contrib.auth.models import Group
from PIL import Image
from wagtail.users.models import UserProfile

from tests.e2e.test_profile_review_in_browser import log_in, pytestmark  # noqa: F401
from tests.translations.conftest import localize

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "portal"


def test_chinese_organisation_edits_chooses_logo_submits_and_editor_approves(
    live_server, reviewed_profile, locale_zh, browser, tmp_path, django_capture_on_commit_callbacks
):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _translation, chinese = localize(
        reviewed_profile.profile, locale_zh, django_capture_on_commit_callbacks
    )
    user = reviewed_profile.organisation_user
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    editor = type(user).objects.create_user(
        "redaktion-zh", password=reviewed_profile.EDITOR_PASSWORD
    )
    editor.groups.add(Group.objects.get(name="Redaktion 中文"))
    base = live_server.url
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 80), (200, 30, 30)).save(logo)

    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    log_in(page, base, user.username, reviewed_profile.ORGANISATION_PASSWORD)
    page.screenshot(path=ARTIFACTS / "1-dashboard.png", full_page=True)
    assert "您的机构区域" in page.content()
    page.click(f"#own-profile-section a[href='/admin/pages/{chinese.pk}/edit/']")
    page.wait_for_url(f"{base}/admin/pages/{chinese.pk}/edit/")
    page.fill("#id_summary", "来自浏览器的中文简介。")
    page.click("#id_logo-chooser .unchosen [data-chooser-action-choose]")
    page.click("#tab-label-upload")
    page.set_input_files("input[name=image-chooser-upload-file]", str(logo))
    page.fill("input[name=image-chooser-upload-title]", "中文标志")
    page.click("#tab-upload button[type=submit]")
    # Not wait_for_function: it evaluates a string, which the admin's CSP (no eval) refuses.
    from playwright.sync_api import expect

    expect(page.locator("#id_logo")).not_to_have_value("", timeout=20000)
    page.screenshot(path=ARTIFACTS / "2-editor-zh.png", full_page=True)
    assert "js-translation-editor" not in page.content()
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=action-submit]').click()")
    page.screenshot(path=ARTIFACTS / "3-submitted.png", full_page=True)
    assert page.url == f"{base}/admin/" and "data-portal-forbidden" not in page.content()
    context.close()

    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, "redaktion-zh", reviewed_profile.EDITOR_PASSWORD)
    # The synced translation opens in wagtail-localize's editor for editors: they approve from
    # the dashboard's review panel (the same workflow action as in the page editor).
    with page.expect_navigation():
        page.evaluate(  # in the row's dropdown, as the editor would open it
            "document.querySelector(\"button[data-workflow-action-url*='/approve/']"
            ':not([data-launch-modal])").click()'
        )
    page.screenshot(path=ARTIFACTS / "4-approved.png", full_page=True)
    context.close()

    url = f"{base}/api/v1/organisations/{chinese.pk}?locale=zh-hans"
    with urllib.request.urlopen(url) as response:  # noqa: S310
        body = json.loads(response.read())
    assert body["summary"] == "来自浏览器的中文简介。"
    assert body["logo"]["title"] == "中文标志"
