"""Pinyin slugs for Chinese pages: a translation published for the first time with a Chinese
title leaves its source's German slug for the title in pinyin (translations/slugs.py)."""

import pytest

from tests.factories import NewsPageFactory
from translations.pretranslate import machine_translate_page
from translations.slugs import pinyin_slug

pytestmark = pytest.mark.django_db


def test_pinyin_slug_joins_the_syllables_of_each_word():
    # Word boundaries are jieba's (the search app adds terms to its dictionary).
    slug = pinyin_slug("与扬州签署合作备忘录")
    assert slug.startswith("yu-yangzhou-qianshu-")
    assert slug.replace("-", "") == "yuyangzhouqianshuhezuobeiwanglu"
    assert pinyin_slug("佛山 Robotik 2026") == "foshan-robotik-2026"


def test_first_publish_with_a_chinese_title_sets_the_pinyin_slug(
    home_tree, home_tree_zh, locale_zh, django_capture_on_commit_callbacks
):
    news = NewsPageFactory(parent=home_tree.news, title="MoU mit Yangzhou", slug="mou-yangzhou")
    draft = machine_translate_page(news, locale_zh).target.specific
    assert draft.slug == "mou-yangzhou"  # the source's slug while it is a draft
    draft.title = "与扬州签署合作备忘录"
    draft.save_revision().publish()
    draft.refresh_from_db()
    expected = pinyin_slug("与扬州签署合作备忘录")
    assert draft.slug == expected
    assert draft.url_path.endswith(f"/{expected}/")
    # The editor's form loads the revision: it has the new slug too.
    assert draft.get_latest_revision_as_object().slug == draft.slug

    # Published pages keep their URL: a later title change does not move it.
    draft.title = "扬州备忘录"
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert draft.slug == expected


def test_a_slug_the_editor_chose_stays(
    home_tree, home_tree_zh, locale_zh, django_capture_on_commit_callbacks
):
    news = NewsPageFactory(parent=home_tree.news, title="Delegation", slug="delegation")
    draft = machine_translate_page(news, locale_zh).target.specific
    draft.title, draft.slug = "代表团访问", "daibiaotuan"
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert draft.slug == "daibiaotuan"
