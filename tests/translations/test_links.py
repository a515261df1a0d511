"""Localised links: a German page's link to a German organisation resolves, in the Chinese
version and in the API, to the Chinese organisation when it is live there, else to the German
one marked with hreflang; page references (StreamField choosers, related pages) likewise."""

import pytest
from django.utils import translation
from wagtail.rich_text import expand_db_html

from tests.api.conftest import ApiClient
from tests.factories import NewsPageFactory, OrganisationPageFactory
from tests.translations.conftest import localize

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return ApiClient(client)


@pytest.fixture
def linked(home_tree, home_tree_zh, locale_zh, django_capture_on_commit_callbacks):
    translated = OrganisationPageFactory(
        parent=home_tree.organisations, title="Partner A", slug="partner-a"
    )
    untranslated = OrganisationPageFactory(
        parent=home_tree.organisations, title="Partner B", slug="partner-b"
    )
    _t, translated_zh = localize(translated, locale_zh, django_capture_on_commit_callbacks)
    linking = OrganisationPageFactory(
        parent=home_tree.organisations,
        title="Verlinkendes Profil",
        slug="verlinkend",
        description=(
            f'<p><a linktype="page" id="{translated.pk}">A</a> und '
            f'<a linktype="page" id="{untranslated.pk}">B</a></p>'
        ),
    )
    _t, linking_zh = localize(linking, locale_zh, django_capture_on_commit_callbacks)
    return {
        "translated": translated,
        "translated_zh": translated_zh,
        "untranslated": untranslated,
        "linking": linking,
        "linking_zh": linking_zh,
    }


def test_api_rich_text_links_resolve_to_the_locale(api, linked):
    status, body = api.get(f"organisations/{linked['linking_zh'].pk}", locale="zh-hans")
    assert status == 200
    html = body["description"]
    zh_url = linked["translated_zh"].get_url()
    de_url = linked["untranslated"].get_url()
    assert f'<a href="{zh_url}">' in html
    assert f'<a href="{de_url}" hreflang="de">' in html
    # In German both point at the German pages, unmarked.
    status, body = api.get(f"organisations/{linked['linking'].pk}", locale="de")
    assert f'<a href="{linked["translated"].get_url()}">' in body["description"]
    assert "hreflang" not in body["description"]


def test_rendered_rich_text_links_resolve_to_the_active_language(linked):
    source = linked["linking_zh"].description
    with translation.override("zh-hans"):
        html = expand_db_html(source)
    assert f'<a href="{linked["translated_zh"].url}">' in html
    assert f'<a href="{linked["untranslated"].url}" hreflang="de">' in html
    with translation.override("de"):
        html = expand_db_html(source)
    assert "hreflang" not in html


def test_related_pages_resolve_to_the_locale_with_a_fallback_flag(
    api, linked, home_tree, locale_zh, django_capture_on_commit_callbacks
):
    news = NewsPageFactory(parent=home_tree.news, title="Partner im Profil")
    news.related_organisations.create(organisation=linked["translated"])
    news.related_organisations.create(organisation=linked["untranslated"])
    news.save_revision().publish()
    _t, news_zh = localize(news, locale_zh, django_capture_on_commit_callbacks)
    status, body = api.get(f"news/{news_zh.pk}", locale="zh-hans")
    assert status == 200
    refs = {ref["id"]: ref for ref in body["related_organisations"]}
    assert refs[linked["translated_zh"].pk]["fallback"] is False
    assert refs[linked["translated_zh"].pk]["locale"] == "zh-hans"
    assert refs[linked["untranslated"].pk]["fallback"] is True
    assert refs[linked["untranslated"].pk]["locale"] == "de"
