"""Locale-scoped editor groups (``setup_editor_groups``): the Chinese editors edit, translate
and publish Chinese pages and cannot change German ones, and the reverse."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from tests.factories import OrganisationPageFactory
from tests.translations.conftest import localize

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(german_profile, home_tree_zh, locale_zh, django_capture_on_commit_callbacks):
    _translation, chinese = localize(german_profile, locale_zh, django_capture_on_commit_callbacks)
    chinese_first = OrganisationPageFactory(
        parent=home_tree_zh.organisations, title="扬州智能装备", slug="yangzhou-zhineng"
    )
    call_command("setup_editor_groups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {"de": german_profile, "zh": chinese, "zh_first": chinese_first}


def editor(django_user_model, client_class, group_name, username):
    user = django_user_model.objects.create_user(username, password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name=group_name))
    client = client_class()
    client.force_login(user)
    return user, client


@pytest.fixture
def zh_editor(django_user_model, client_class):
    return editor(django_user_model, client_class, "Redaktion 中文", "zh-editor")


@pytest.fixture
def de_editor(django_user_model, client_class):
    return editor(django_user_model, client_class, "Redaktion Deutsch", "de-editor")


@pytest.fixture
def client_class():
    from django.test import Client

    return Client


def denied(response):
    """Wagtail answers a missing permission with a redirect to the dashboard (or a 403)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")
    )


def test_groups_are_created_once(pages):
    call_command("setup_editor_groups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Group.objects.filter(name__startswith="Redaktion").count() == 2
    zh = Group.objects.get(name="Redaktion 中文")
    assert {p.page.locale.language_code for p in zh.page_permissions.all()} == {"zh-hans"}


@pytest.mark.parametrize(
    ("who", "own", "other"), [("zh_editor", "zh", "de"), ("de_editor", "de", "zh")]
)
def test_edit_and_publish_only_in_the_own_locale(request, pages, who, own, other):
    user, client = request.getfixturevalue(who)
    own_page, other_page = pages[own], pages[other]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own_page.pk])).status_code == 200
    assert denied(client.get(reverse("wagtailadmin_pages:edit", args=[other_page.pk])))
    assert own_page.permissions_for_user(user).can_publish()
    assert not other_page.permissions_for_user(user).can_publish()
    assert not other_page.permissions_for_user(user).can_edit()
    assert not other_page.permissions_for_user(user).can_delete()
    # Unpublishing the other locale's page is refused too, and leaves it live.
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[other_page.pk]))
    assert denied(response)
    other_page.refresh_from_db()
    assert other_page.live


def test_chinese_editor_cannot_translate_into_german(pages, zh_editor):
    user, client = zh_editor
    url = reverse("wagtail_localize:submit_page_translation", args=[pages["zh_first"].pk])
    assert denied(client.get(url))
    german_locale = pages["de"].locale
    response = client.post(url, {"locales": [german_locale.pk]})
    assert denied(response)
    assert not pages["zh_first"].get_translations().exists()


def test_german_editor_cannot_translate_into_chinese_but_chinese_editor_can(
    pages, zh_editor, de_editor, home_tree
):
    new_page = OrganisationPageFactory(parent=home_tree.organisations, title="Neu", slug="neu")
    url = reverse("wagtail_localize:submit_page_translation", args=[new_page.pk])
    _user, de_client = de_editor
    assert denied(de_client.get(url))
    _user, zh_client = zh_editor
    response = zh_client.get(url)
    assert response.status_code == 200
    assert "中文" in response.content.decode() or "zh-hans" in response.content.decode()
    zh_locale = pages["zh"].locale
    response = zh_client.post(url, {"locales": [zh_locale.pk]})
    assert response.status_code == 302
    assert new_page.get_translation(zh_locale).live is False  # a draft to translate


def test_translation_editor_and_sync_follow_the_target_locale(pages, zh_editor, de_editor):
    _user, zh_client = zh_editor
    _user, de_client = de_editor
    chinese = pages["zh"]
    # The Chinese translation's editor (wagtail-localize's, behind the page edit URL).
    assert zh_client.get(reverse("wagtailadmin_pages:edit", args=[chinese.pk])).status_code == 200
    assert denied(de_client.get(reverse("wagtailadmin_pages:edit", args=[chinese.pk])))
    # Syncing the German source rewrites the Chinese page: Chinese editors only.
    source = TranslationSource.objects.get(
        object_id=pages["de"].translation_key, locale=pages["de"].locale
    )
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert zh_client.get(url).status_code == 200
    assert denied(de_client.get(url))
    assert denied(de_client.post(url, {"publish_translations": "on"}))
