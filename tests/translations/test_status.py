"""``translation_status`` of API page items: source, out of date after the source is
republished, fresh again after a sync."""

import pytest

from tests.api.conftest import ApiClient
from tests.factories import OrganisationPageFactory
from tests.translations.conftest import localize, sync

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return ApiClient(client)


def status_of(api, page, locale):
    code, body = api.get(f"organisations/{page.pk}", locale=locale)
    assert code == 200, body
    return body["translation_status"]


def test_source_and_fresh_translation(
    api, german_profile, locale_zh, django_capture_on_commit_callbacks
):
    _translation, chinese = localize(german_profile, locale_zh, django_capture_on_commit_callbacks)
    german = status_of(api, german_profile, "de")
    assert german["source_locale"] == "de"
    assert german["is_source"] is True
    assert german["out_of_date"] is False
    status = status_of(api, chinese, "zh-hans")
    assert status["source_locale"] == "de"
    assert status["is_source"] is False
    assert status["out_of_date"] is False
    assert status["last_synced_at"] is not None
    assert status["source_last_published_at"] is not None


def test_republished_source_makes_the_translation_stale_until_synced(
    api, german_profile, locale_zh, django_capture_on_commit_callbacks
):
    _translation, chinese = localize(german_profile, locale_zh, django_capture_on_commit_callbacks)
    assert status_of(api, chinese, "zh-hans")["out_of_date"] is False
    german_profile.summary = "Roboter und Greifer aus der Pfalz."
    german_profile.save_revision().publish()
    status = status_of(api, chinese, "zh-hans")
    assert status["out_of_date"] is True
    assert status["source_last_published_at"] > status["last_synced_at"]
    # The list says the same.
    code, body = api.get("organisations", locale="zh-hans")
    item = next(item for item in body["items"] if item["id"] == chinese.pk)
    assert item["translation_status"]["out_of_date"] is True
    sync(german_profile, django_capture_on_commit_callbacks)
    assert status_of(api, chinese, "zh-hans")["out_of_date"] is False


def test_chinese_first_profile_has_chinese_as_source(
    api, home_tree_zh, locale_de, django_capture_on_commit_callbacks
):
    chinese = OrganisationPageFactory(parent=home_tree_zh.organisations, title="扬州智能装备")
    _translation, german = localize(chinese, locale_de, django_capture_on_commit_callbacks)
    status = status_of(api, german, "de")
    assert status["source_locale"] == "zh-hans"
    assert status["is_source"] is False
    assert status_of(api, chinese, "zh-hans")["is_source"] is True


def test_without_a_recorded_source_the_default_locale_is_the_source(api, german_profile, locale_zh):
    chinese = german_profile.copy_for_translation(locale_zh)
    chinese.get_latest_revision().publish()
    assert status_of(api, chinese, "zh-hans") == {
        **status_of(api, chinese, "zh-hans"),
        "source_locale": "de",
        "is_source": False,
        "out_of_date": False,
        "last_synced_at": None,
    }
    german_profile.save_revision().publish()  # after the translation's publication
    assert status_of(api, chinese, "zh-hans")["out_of_date"] is True


def test_source_pages_of_a_group(
    german_profile, home_tree_zh, locale_zh, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    from base.translation_status import source_pages

    def sources(*pages):
        return set(
            source_pages(Page.objects.filter(pk__in=[p.pk for p in pages])).values_list(
                "pk", flat=True
            )
        )

    # Copied by code, nothing recorded: the default locale's page.
    copy = german_profile.copy_for_translation(locale_zh)
    assert sources(german_profile, copy) == {german_profile.pk}
    # Written in Chinese first, nothing recorded, no German page: the page itself.
    chinese_first = OrganisationPageFactory(parent=home_tree_zh.organisations, title="扬州装备")
    assert sources(chinese_first) == {chinese_first.pk}
    # Recorded by wagtail-localize: the recorded locale, here Chinese.
    _translation, german = localize(
        chinese_first, german_profile.locale, django_capture_on_commit_callbacks
    )
    assert sources(chinese_first, german) == {chinese_first.pk}
