"""Content locales follow the settings: created on migrate, a third language is a setting only."""

import json

import pytest
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import Locale, Page
from wagtail_localize.operations import TranslationCreator

from base.locales import sync_locales
from tests.test_settings import run_python

THREE_LANGUAGES = [("de", "Deutsch"), ("zh-hans", "简体中文"), ("en", "English")]


def locale_codes():
    return set(Locale.objects.values_list("language_code", flat=True))


@pytest.fixture
def english(settings):
    """The settings change that adds English as a third content language."""
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = THREE_LANGUAGES


@pytest.mark.django_db
def test_migrate_creates_the_two_content_locales():
    assert locale_codes() == {"de", "zh-hans"}
    assert Locale.get_default().language_code == "de"


@pytest.mark.django_db
def test_post_migrate_recreates_a_missing_locale(locale_zh):
    locale_zh.delete()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert locale_codes() == {"de", "zh-hans"}


def test_content_languages_come_from_the_environment():
    show = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.LANGUAGE_CODE, s.LANGUAGES, s.WAGTAIL_CONTENT_LANGUAGES]))"
    )
    result = run_python(["-c", show], CONTENT_LANGUAGES="de,zh-hans,en")

    assert result.returncode == 0, result.stderr
    language_code, languages, content_languages = json.loads(result.stdout)
    assert language_code == "de"
    assert [tuple(pair) for pair in languages] == THREE_LANGUAGES
    assert languages == content_languages


@pytest.mark.django_db
def test_a_third_language_is_a_settings_change(english):
    created = sync_locales()

    assert [locale.language_code for locale in created] == ["de", "zh-hans", "en"]
    assert locale_codes() == {"de", "zh-hans", "en"}
    assert Locale.objects.get(language_code="en").get_display_name() == "English"


@pytest.mark.django_db
def test_migrate_creates_the_third_locale(english):
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert "en" in locale_codes()


@pytest.mark.django_db
def test_pages_are_translated_into_the_third_language_and_served_under_its_prefix(
    english, home_tree, admin_user, client, django_capture_on_commit_callbacks
):
    sync_locales()
    en = Locale.objects.get(language_code="en")

    creator = TranslationCreator(admin_user, [en])
    # One transaction each, as in the admin: the publish of a translation runs on commit.
    for page in (home_tree.home, home_tree.regions):
        with django_capture_on_commit_callbacks(execute=True):
            creator.create_translations(page)

    english_home = home_tree.home.get_translation(en)
    english_regions = home_tree.regions.get_translation(en)
    assert english_home.live and english_regions.live
    assert english_home.get_parent().is_root()
    assert english_regions.get_parent().pk == english_home.pk
    assert english_home.get_url() == "/en/"
    assert english_regions.get_url() == "/en/regionen/"
    assert home_tree.regions.get_url() == "/de/regionen/"

    response = client.get("/en/regionen/")

    assert response.status_code == 200
    assert response.context["page"].pk == english_regions.pk
    assert '<html lang="en">' in response.content.decode()
    assert client.get("/de/regionen/").context["page"].pk == home_tree.regions.pk


@pytest.mark.django_db
def test_removing_a_language_from_the_settings_deletes_nothing(
    settings, home_tree, home_tree_zh, locale_zh
):
    pages_before = Page.objects.count()
    chinese_pages = set(Page.objects.filter(locale=locale_zh).values_list("pk", flat=True))
    assert len(chinese_pages) == 5

    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [("de", "Deutsch")]
    sync_locales()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert locale_codes() == {"de", "zh-hans"}
    assert Page.objects.count() == pages_before
    assert set(Page.objects.filter(locale=locale_zh).values_list("pk", flat=True)) == chinese_pages


@pytest.mark.parametrize(
    ("language", "message", "news_item"),
    [("en", "Message", "News item"), ("zh-hans", "留言", "新闻")],
)
def test_a_message_is_not_a_news_item(language, message, news_item):
    """German "Nachricht" is both; the page type has its own context (it was "News item" on
    the form of an expression of interest)."""
    from django.utils import translation

    from matchmaking.views import InterestForm
    from news.models import NewsPage

    with translation.override(language):
        assert str(InterestForm().fields["message"].label) == message
        assert str(NewsPage._meta.verbose_name) == news_item
