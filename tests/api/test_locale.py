"""Locales: the default, the requested one, translations for a language switcher, fallback,
and a third language added by settings alone."""

import pytest
from django.test import override_settings
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def test_default_locale_is_german(api, content):
    status, body = api.get("organisations")
    assert status == 200
    assert {item["locale"] for item in body["items"]} == {"de"}
    assert body["count"] == 2


def test_each_item_has_the_common_page_fields(api, content):
    status, body = api.get("organisations", locale="zh-hans")
    (item,) = body["items"]
    assert item["id"] == content.bright_dream_zh.pk
    assert item["type"] == "companies.OrganisationPage"
    assert item["locale"] == "zh-hans"
    assert item["title"] == "博智林机器人"
    assert item["slug"] == "bright-dream"
    assert item["url"] == "/zh-hans/organisationen/bright-dream/"
    assert item["first_published_at"] and item["last_published_at"]
    assert item["fallback"] is False


def test_translations_list_the_other_live_translations(api, content):
    status, body = api.get("regions")
    yangzhou = next(item for item in body["items"] if item["id"] == content.yangzhou.pk)
    assert yangzhou["translations"] == [
        {
            "locale": "zh-hans",
            "id": content.yangzhou_zh.pk,
            "title": "扬州",
            "url": "/zh-hans/regionen/yangzhou/",
        }
    ]
    shanghai = next(item for item in body["items"] if item["id"] == content.shanghai.pk)
    assert shanghai["translations"] == []


def test_a_list_without_fallback_has_only_the_locale(api, content):
    status, body = api.get("regions", locale="zh-hans")
    assert [item["id"] for item in body["items"]] == [content.yangzhou_zh.pk]


def test_fallback_adds_untranslated_items_in_their_source_language(api, content):
    status, body = api.get("regions", locale="zh-hans", fallback="true")
    items = {item["id"]: item for item in body["items"]}
    assert body["count"] == 2
    assert items[content.yangzhou_zh.pk]["fallback"] is False
    assert items[content.shanghai.pk]["fallback"] is True
    assert items[content.shanghai.pk]["locale"] == "de"
    # The translated region comes once, in Chinese, not also in German.
    assert content.yangzhou.pk not in items


def test_fallback_prefers_the_translation_source(api, content, locale_zh, locale_de):
    """A Chinese-first profile: with fallback, an English request gets the Chinese source."""
    from wagtail_localize.models import TranslationSource

    TranslationSource.get_or_create_from_instance(content.bright_dream_zh)
    with override_settings(
        WAGTAIL_CONTENT_LANGUAGES=[("de", "Deutsch"), ("zh-hans", "简体中文"), ("en", "English")],
        LANGUAGES=[("de", "Deutsch"), ("zh-hans", "简体中文"), ("en", "English")],
    ):
        Locale.objects.create(language_code="en")
        status, body = api.get("organisations", locale="en", fallback="true")
    items = {item["title"]: item for item in body["items"]}
    assert items["博智林机器人"]["locale"] == "zh-hans"
    assert items["博智林机器人"]["fallback"] is True


def test_detail_takes_the_id_of_any_translation(api, content):
    status, body = api.get(f"organisations/{content.bright_dream.pk}", locale="zh-hans")
    assert (status, body["id"], body["locale"]) == (200, content.bright_dream_zh.pk, "zh-hans")
    status, body = api.get(f"organisations/{content.bright_dream_zh.pk}")
    assert (status, body["id"], body["locale"]) == (200, content.bright_dream.pk, "de")


def test_detail_of_an_untranslated_page_is_404_unless_fallback(api, content):
    status, body = api.get(f"regions/{content.shanghai.pk}", locale="zh-hans")
    assert status == 404
    assert body == {"detail": f"No RegionPage {content.shanghai.pk} in locale zh-hans."}
    status, body = api.get(f"regions/{content.shanghai.pk}", locale="zh-hans", fallback="true")
    assert (status, body["locale"], body["fallback"]) == (200, "de", True)


def test_taxonomy_labels_and_related_pages_come_in_the_requested_locale(api, content):
    status, body = api.get(f"organisations/{content.bright_dream.pk}", locale="zh-hans")
    assert [sector["name"] for sector in body["sectors"]] == ["机器人"]
    assert [offer["name"] for offer in body["offers"]] == ["合资企业"]
    # Untranslated labels keep the default language and say so.
    assert [(s["name"], s["locale"]) for s in body["seeks"]] == [("Lizenzvergabe", "de")]
    # The profile points at the German region; the answer gives its Chinese translation.
    assert body["region"] == {
        "id": content.yangzhou_zh.pk,
        "type": "regions.RegionPage",
        "locale": "zh-hans",
        "title": "扬州",
        "slug": "yangzhou",
        "url": "/zh-hans/regionen/yangzhou/",
        "fallback": False,
    }
    status, news = api.get(f"news/{content.news.pk}", locale="zh-hans")
    assert news["category"]["name"] == "代表团"
    assert [r["title"] for r in news["related_regions"]] == ["扬州"]
    assert [o["title"] for o in news["related_organisations"]] == ["博智林机器人"]


def test_a_third_locale_is_a_settings_change_only(api, content):
    languages = [("de", "Deutsch"), ("zh-hans", "简体中文"), ("en", "English")]
    with override_settings(WAGTAIL_CONTENT_LANGUAGES=languages, LANGUAGES=languages):
        Locale.objects.create(language_code="en")
        status, body = api.get("regions", locale="en")
        assert (status, body["count"]) == (200, 0)
        status, body = api.get("regions", locale="en", fallback="true")
        # Without a recorded translation source, the first configured language is preferred.
        assert [(item["title"], item["locale"]) for item in body["items"]] == [
            ("Yangzhou", "de"),
            ("Shanghai", "de"),
        ]
        status, body = api.get("sectors", locale="xx")
        assert status == 400
        assert body["detail"].endswith("Valid locales: de, zh-hans, en.")


def test_locale_codes_are_case_insensitive(api, content):
    status, body = api.get("regions", locale="ZH-Hans")
    assert status == 200
    assert body["items"][0]["locale"] == "zh-hans"
