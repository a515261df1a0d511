"""The admin report of out-of-date translations and its dashboard panel."""

import pytest
from django.urls import reverse

from tests.translations.conftest import localize, sync

pytestmark = pytest.mark.django_db


@pytest.fixture
def stale(german_profile, locale_zh, django_capture_on_commit_callbacks):
    """The Chinese translation of ``german_profile``, made out of date by a new publication."""
    _translation, chinese = localize(german_profile, locale_zh, django_capture_on_commit_callbacks)
    german_profile.summary = "Neue Zusammenfassung."
    german_profile.save_revision().publish()
    return chinese


def report(admin_client, **params):
    response = admin_client.get(reverse("translations_out_of_date"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_report_lists_the_stale_translation_with_links(admin_client, stale, german_profile):
    html = report(admin_client)
    assert stale.title in html
    assert reverse("wagtailadmin_pages:edit", args=[stale.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[german_profile.pk]) in html
    # The source itself is never listed as needing work.
    assert (
        f'href="{reverse("wagtailadmin_pages:edit", args=[german_profile.pk])}">Pfalz' not in html
    )


def test_report_filters_by_locale_and_type(admin_client, stale):
    assert stale.title in report(admin_client, locale="zh-hans")
    assert stale.title not in report(admin_client, locale="de")
    from django.contrib.contenttypes.models import ContentType

    from news.models import NewsPage

    news_type = ContentType.objects.get_for_model(NewsPage)
    assert stale.title not in report(admin_client, content_type=news_type.pk)


def test_a_sync_clears_the_report(
    admin_client, stale, german_profile, django_capture_on_commit_callbacks
):
    sync(german_profile, django_capture_on_commit_callbacks)
    html = report(admin_client)
    assert stale.title not in html
    assert "Alle Übersetzungen sind auf dem Stand ihrer Quelle." in html


def test_report_exports_csv(admin_client, stale):
    response = admin_client.get(reverse("translations_out_of_date"), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert stale.title in content and "zh-hans" in content


def test_dashboard_panel_counts_per_locale(admin_client, stale):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="out-of-date-translations' in html or "out-of-date-translations" in html
    assert f"{reverse('translations_out_of_date')}?locale=zh-hans" in html
    assert ": 1</a>" in html


def test_screens_speak_the_editors_language(admin_client, admin_user, stale):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "zh-hans"
    profile.save()
    html = report(admin_client)
    assert "过期的译文" in html and "源文本发布时间" in html
    page_menu = admin_client.get(reverse("translations_po", args=[stale.pk])).content.decode()
    assert "以 PO 文件翻译" in page_menu and "上传" in page_menu
