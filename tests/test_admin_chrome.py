"""The admin's chrome in Chinese and English without German left over.

Django falls back to the default language (de) for every message that a package's zh_Hans
catalogue lacks, so Wagtail's own strings showed up in German in a Chinese editor's admin.
``locale/overrides/`` fills those gaps. These tests render the main screens for a Chinese and an
English user and fail on a German word or an umlaut in the visible text and the labels (content
such as page titles excluded); one test lists every upstream message that would fall back to
German, so an upgrade that adds some fails here.
"""

import os
import re
from html.parser import HTMLParser

import polib
import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from inquiries.models import Inquiry
from tests.factories import NewsPageFactory
from tests.test_admin import set_admin_language
from tests.translations.conftest import localize
from webhooks.models import WebhookSubscription

LOCALE_OVERRIDES = "locale/overrides"

# Words of the German admin (Wagtail's catalogue and ours) that have no place in the Chinese or
# English one; with umlauts and ß, which English and Chinese never use.
GERMAN_WORDS = {
    "Seite", "Seiten", "Suchen", "Benutzerkonto", "Konto", "Speichern", "Gespeichert",
    "Erkunden", "Aufgabe", "Einstellungen", "Abmelden", "Bearbeiten", "Bilder", "Dokumente",
    "Berichte", "Sprache", "Willkommen", "Entwurf", "Nachrichten", "Anfragen", "Passwort",
    "Anmelden", "Vorschau", "Aktionen", "Weitere", "Nutzung", "Seitentypen",
    "Sperren", "Gesperrt", "Freigeben", "Zugestellt", "Angelegt", "Ereignisse", "Aktiv",
    "Verlauf", "Hilfe", "Kommentare", "Hochladen", "Nach", "und", "nicht", "oder", "mit",
    "von", "Alle", "Keine", "Neu", "Neue", "Erstellt", "Titel", "Sprachen", "Übersetzung",
    "Übersetzungen", "Organisationen", "Regionen", "Veranstaltungen",
}  # fmt: skip
GERMAN = re.compile(r"[äöüÄÖÜß]|\b(?:" + "|".join(sorted(GERMAN_WORDS)) + r")\b")
LABEL_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}
# Names of the languages in the language menus are meant to be in their own language.
ALLOWED = {"Deutsch", "简体中文", "English"}


class VisibleText(HTMLParser):
    """Text nodes and label attributes, without scripts, styles and JSON props."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if name in LABEL_ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.parts.append(data.strip())


def german_in_chrome(html, content):
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        for text in sorted(content | ALLOWED, key=len, reverse=True):
            part = part.replace(text, " ")
        if GERMAN.search(part):
            found.append(part)
    return found


@pytest.fixture
def screens(home_tree, home_tree_zh, locale_zh, django_capture_on_commit_callbacks, admin_user):
    """The main screens with content in both trees: a news item, its wagtail-localize
    translation (the translation editor), an inquiry and a webhook."""
    news = NewsPageFactory(
        parent=home_tree.news, title="Robotik", slug="robotik", teaser="Robotik 2026"
    )
    news.save_revision(user=admin_user).publish()
    _translation, news_zh = localize(
        news, locale_zh, django_capture_on_commit_callbacks, publish=False
    )
    Inquiry.objects.create(
        recipient_title="Shanghai Office",
        recipient_kind="office",
        name="Li Wei",
        email="li@example.org",
        country="CN",
        message="Hello",
        language="en",
        consent_at=news.first_published_at,
        status=Inquiry.Status.DELIVERED,
    )
    WebhookSubscription.objects.create(
        name="Partner", url="https://partner.example/hook", events=["published"]
    )
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[home_tree.news.pk]),
        "search": reverse("wagtailadmin_pages:search") + "?q=Robotik",
        "edit": reverse("wagtailadmin_pages:edit", args=[news.pk]),
        "translation editor": reverse("wagtailadmin_pages:edit", args=[news_zh.pk]),
        "locked pages": reverse("wagtailadmin_reports:locked_pages"),
        "workflows report": reverse("wagtailadmin_reports:workflow"),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "aging pages": reverse("wagtailadmin_reports:aging_pages"),
        "page types usage": reverse("wagtailadmin_reports:page_types_usage"),
        "inquiries": reverse("inquiries:index"),
        "webhooks": reverse("webhook_subscriptions:index"),
        "newsletter": reverse("newsletter_preview"),
        "account": reverse("wagtailadmin_account"),
        "workflows": reverse("wagtailadmin_workflows:index"),
    }


def content_strings():
    """What editors wrote: page titles in both trees (and their parts, as breadcrumbs cut)."""
    titles = set(Page.objects.values_list("title", flat=True))
    return titles | {word for title in titles for word in title.split()}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_no_german_in_the_chrome_of_the_main_screens(admin_client, admin_user, screens, language):
    set_admin_language(admin_user, language)
    content = content_strings()
    leftovers = {}
    for name, url in screens.items():
        response = admin_client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, name
        found = german_in_chrome(html, content)
        if found:
            leftovers[name] = found
    assert leftovers == {}


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "password"), [("zh-hans", "密码"), ("en", "Password")])
def test_the_login_page_in_the_browsers_language(client, language, password):
    response = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert password in html
    assert german_in_chrome(html, set()) == []


def test_the_inquiry_status_delivered_is_a_state_not_a_time():
    with translation.override("zh-hans"):
        assert str(Inquiry.Status.DELIVERED.label) == "已送达"
        assert str(Inquiry._meta.get_field("created_at").verbose_name) == "收到时间"
    with translation.override("en"):
        assert str(Inquiry._meta.get_field("created_at").verbose_name) == "Received"


def upstream_gaps():
    """Messages of the installed packages with a German translation but neither a Chinese one
    of their own nor one in locale/overrides: a Chinese editor would read them in German."""
    from django.conf import settings

    overrides = {}
    for domain in ("django", "djangojs"):
        path = os.path.join(settings.BASE_DIR, LOCALE_OVERRIDES, "zh_Hans/LC_MESSAGES")
        for entry in polib.pofile(os.path.join(path, f"{domain}.po")):
            overrides[(domain, entry.msgctxt, entry.msgid)] = entry
    gaps = []
    for config in apps.get_app_configs():
        locale_dir = os.path.join(config.path, "locale")
        if "site-packages" not in locale_dir:
            continue
        for domain in ("django", "djangojs"):
            german = os.path.join(locale_dir, "de", "LC_MESSAGES", f"{domain}.po")
            chinese = os.path.join(locale_dir, "zh_Hans", "LC_MESSAGES", f"{domain}.po")
            if not os.path.exists(german):
                continue
            translated = set()
            if os.path.exists(chinese):
                translated = {(e.msgctxt, e.msgid) for e in polib.pofile(chinese) if e.translated()}
            for entry in polib.pofile(german):
                key = (entry.msgctxt, entry.msgid)
                missing = entry.translated() and not entry.obsolete and key not in translated
                if missing and (domain, *key) not in overrides:
                    gaps.append((config.label, domain, entry.msgid))
    return gaps


def test_every_upstream_message_with_a_german_translation_has_a_chinese_one():
    assert upstream_gaps() == []


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        ("Search all pages…", "搜索所有页面…"),
        ("Page types usage", "页面类型使用情况"),
        ("Exploring", "浏览"),
        ("By task", "按任务"),
        ("Saved", "已保存"),
    ],
)
def test_the_overrides_are_in_force(message, chinese):
    with translation.override("zh-hans"):
        assert translation.gettext(message) == chinese
    with translation.override("en"):
        assert translation.gettext(message) == message
