"""The editors' journey in real Chromium: a German editor creates a news item with an image,
publishes it and has it machine pre-translated; a Chinese editor (admin in Chinese) corrects the
draft in the translation editor and publishes it; the delivery API shows both. Every request the
browser makes goes to the test server (no Gravatar, no CDN), and /api/v1/docs renders Swagger UI
with every other host cut off. Screenshots of each step go to ``test-artifacts/news-journey/``
(gitignored)."""

import io
import json
import os
import shutil
import urllib.request
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "news-journey"
PASSWORD = "Ein-sicheres-Passwort-2026"  # noqa: S105 - test users only

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not shutil.which(CHROMIUM),
        reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)",
    ),
]


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def editors(home_tree, home_tree_zh):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from tests.test_admin import set_admin_language

    call_command("setup_editor_groups", stdout=io.StringIO())
    users = {}
    # The German editor (admin in German) looks after both trees, as the Kaiserslautern office
    # does, so may pre-translate into Chinese; the Chinese editor writes Chinese only.
    for username, groups, language in (
        ("redaktion_de", ["Redaktion Deutsch", "Redaktion 中文"], "de"),
        ("redaktion_zh", ["Redaktion 中文"], "zh-hans"),
    ):
        user = get_user_model().objects.create_user(
            username,
            email=f"{username}@example.org",
            password=PASSWORD,
            first_name="Test",
            last_name=username,
        )
        user.groups.add(*Group.objects.filter(name__in=groups))
        set_admin_language(user, language)
        users[language] = user
    return users


class Journey:
    """One browser context per user; records every request and saves numbered screenshots."""

    def __init__(self, browser, base):
        self.browser, self.base, self.step = browser, base, 0
        self.requests = []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def context(self, cut_off_other_hosts=False):
        context = self.browser.new_context(viewport={"width": 1400, "height": 1000})
        context.on("request", lambda request: self.requests.append(request.url))
        if cut_off_other_hosts:
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(self.base)
                    else route.abort("internetdisconnected")
                ),
            )
        return context

    def shot(self, page, name):
        self.step += 1
        page.screenshot(path=ARTIFACTS / f"{self.step:02d}-{name}.png", full_page=True)

    def log_in(self, page, username):
        page.goto(f"{self.base}/admin/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{self.base}/admin/")

    def outside_requests(self):
        local = (self.base, "data:", "blob:", "about:")
        return sorted({url for url in self.requests if not url.startswith(local)})


def segment(page, source_text):
    """A segment of wagtail-localize's translation editor (the innermost list item with the
    source text and an edit button; the breadcrumbs hold the page title too)."""
    edit = page.locator("button", has_text="编辑")
    return page.locator("li", has_text=source_text).filter(has=edit).last.element_handle()


def correct(page, source_text, translation):
    """Edit a segment in the translation editor, type the translation, save it."""
    item = segment(page, source_text)
    item.query_selector("button:has-text('编辑')").click()
    item.wait_for_selector("textarea").fill(translation)
    item.query_selector("button:has-text('保存')").click()
    page.get_by_text(translation, exact=True).first.wait_for()


def api(base, path):
    with urllib.request.urlopen(f"{base}/api/v1/{path}") as response:  # noqa: S310 - test server
        return json.loads(response.read())


def test_german_editor_publishes_chinese_editor_corrects_api_shows_both(
    live_server, home_tree, home_tree_zh, editors, browser, tmp_path, settings
):
    from wagtail.models import Page

    settings.TRANSLATIONS_AUTO_COUNTERPARTS = False  # the editor asks for the pre-translation
    base = live_server.url
    journey = Journey(browser, base)
    photo = tmp_path / "roboter.png"
    Image.new("RGB", (640, 360), (26, 62, 92)).save(photo)

    # 1. The German editor creates the news item with an image and publishes it.
    context = journey.context()
    page = context.new_page()
    journey.log_in(page, "redaktion_de")
    journey.shot(page, "de-dashboard")
    page.goto(f"{base}/admin/pages/add/news/newspage/{home_tree.news.pk}/")
    page.fill("#id_title", "Roboterkooperation mit Foshan vereinbart")
    page.fill("#id_teaser", "Ein Kooperationsvertrag über Robotik wurde unterzeichnet.")
    page.click("#id_hero_image-chooser .unchosen [data-chooser-action-choose]")
    page.click("#tab-label-upload")
    page.set_input_files("input[name=image-chooser-upload-file]", str(photo))
    page.fill("input[name=image-chooser-upload-title]", "Roboter in Foshan")
    page.click("#tab-upload button[type=submit]")
    # Not wait_for_function: it evaluates a string, which the admin's CSP (no eval) refuses.
    expect(page.locator("#id_hero_image")).not_to_have_value("", timeout=20000)
    journey.shot(page, "de-news-filled")
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=action-publish]').click()")
    journey.shot(page, "de-published")
    news = Page.objects.get(locale__language_code="de", title__startswith="Roboterkooperation")
    assert news.live

    # 2. ... and has it machine pre-translated into Chinese (a draft).
    page.goto(f"{base}/admin/translations/machine/{news.pk}/")
    journey.shot(page, "de-machine-translate-form")
    page.select_option("select[name=locale]", label="简体中文")
    with page.expect_navigation():
        page.locator("button[type=submit]", has_text="Vorübersetzen").click()
    journey.shot(page, "de-pretranslated")
    draft = Page.objects.get(translation_key=news.translation_key, locale__language_code="zh-hans")
    assert not draft.live
    # The offline translator marks what it cannot translate instead of mixing languages.
    assert draft.title == "[需要翻译] Roboterkooperation mit Foshan vereinbart"
    context.close()

    # 3. The Chinese editor corrects the title in the translation editor and publishes.
    context = journey.context()
    page = context.new_page()
    journey.log_in(page, "redaktion_zh")
    journey.shot(page, "zh-dashboard")
    page.goto(f"{base}/admin/pages/{draft.pk}/edit/")
    page.wait_for_selector(".translation-editor, [data-translation-editor], textarea, main")
    journey.shot(page, "zh-translation-editor")
    # wagtail-localize's hard-coded English header, in Chinese (translations/editor-i18n.js).
    page.get_by_text("Deutsch → 简体中文 翻译").first.wait_for()
    assert " to 简体中文 translation" not in page.locator("body").inner_text()
    correct(page, "Roboterkooperation mit Foshan vereinbart", "与佛山达成机器人合作")
    correct(page, "Ein Kooperationsvertrag über Robotik", "双方签署了机器人合作协议。")
    journey.shot(page, "zh-title-corrected")
    with page.expect_navigation():
        page.locator("button", has_text="发布").first.click()
    journey.shot(page, "zh-published")
    context.close()

    # 4. The API shows both, each with its image.
    german = api(base, f"news/{news.pk}")
    chinese = api(base, f"news/{draft.pk}?locale=zh-hans")
    assert german["title"] == "Roboterkooperation mit Foshan vereinbart"
    assert chinese["title"] == "与佛山达成机器人合作"
    assert chinese["teaser"] == "双方签署了机器人合作协议。"
    assert german["hero_image"] and chinese["hero_image"]
    # First published with a Chinese title: a pinyin slug instead of the German one.
    draft.refresh_from_db()
    assert draft.slug.startswith("yu-foshan-")

    # 5. API docs with every other host cut off: Swagger UI renders from our static files.
    context = journey.context(cut_off_other_hosts=True)
    page = context.new_page()
    page.goto(f"{base}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
    journey.shot(page, "api-docs-offline")
    context.close()

    assert journey.outside_requests() == []
