"""Machine pre-translation: offline glossary and DeepL (against a real HTTP endpoint on
127.0.0.1), always into drafts; the ``translate_missing`` command and the admin screen."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue

from tests.factories import OrganisationPageFactory
from tests.translations import deepl_receiver
from tests.translations.conftest import localize
from translations.machine import MachineTranslationError
from translations.pretranslate import machine_translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def deepl():
    receiver = deepl_receiver.start()
    config = {
        "CLASS": "translations.machine.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "test-key:fx", "API_URL": receiver.url, "TIMEOUT": 5},
    }
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=config):
        yield receiver
    receiver.server.shutdown()


def test_offline_pre_translation_creates_an_unpublished_draft(german_profile, locale_zh):
    outcome = machine_translate_page(german_profile, locale_zh)
    target = outcome.target.specific
    assert outcome.created and outcome.strings >= 2
    assert target.locale == locale_zh
    assert target.live is False  # never published by itself
    # Not a glossary term as a whole: the German title, marked as needing a translator.
    assert target.title == "[需要翻译] Pfalz Robotik"
    machine = StringTranslation.objects.filter(locale=locale_zh)
    assert machine.exists()
    assert set(machine.values_list("translation_type", "tool_name")) == {
        ("machine", "Offline-Glossar")
    }


def test_a_live_translation_gets_a_draft_and_stays_as_it_was(
    german_profile, locale_zh, django_capture_on_commit_callbacks
):
    _translation, chinese = localize(german_profile, locale_zh, django_capture_on_commit_callbacks)
    live_title = chinese.title
    german_profile.summary = "Software für Roboter."
    german_profile.save_revision().publish()
    outcome = machine_translate_page(german_profile, locale_zh)
    chinese.refresh_from_db()
    assert not outcome.created and outcome.strings == 1
    assert chinese.live and chinese.title == live_title
    assert chinese.has_unpublished_changes
    draft = chinese.get_latest_revision_as_object()
    assert draft.summary == "[需要翻译] Software für Roboter."


def test_deepl_over_http(german_profile, locale_zh, deepl):
    outcome = machine_translate_page(german_profile, locale_zh)
    request = deepl.requests[0]
    assert request["headers"]["Authorization"] == "DeepL-Auth-Key test-key:fx"
    assert request["params"]["source_lang"] == ["DE"]
    assert request["params"]["target_lang"] == ["ZH"]
    assert "Pfalz Robotik" in request["params"]["text"]
    assert outcome.target.specific.title == "ZH:Pfalz Robotik"
    assert set(
        StringTranslation.objects.filter(locale=locale_zh).values_list("tool_name", flat=True)
    ) == {"DeepL"}
    assert outcome.target.live is False


def test_deepl_errors_are_clear_and_change_nothing(german_profile, locale_zh, deepl):
    deepl.errors = [456]
    with pytest.raises(MachineTranslationError, match="DeepL answered 456: .*Quota"):
        machine_translate_page(german_profile, locale_zh)
    assert german_profile.get_translation_or_none(locale_zh) is None
    assert not StringTranslation.objects.filter(locale=locale_zh).exists()


def test_translate_missing_command(german_profile, home_tree, locale_zh):
    second = OrganisationPageFactory(parent=home_tree.organisations, title="Westpfalz Software")
    out = io.StringIO()
    call_command("translate_missing", locale="zh-hans", subtree="/de/", dry_run=True, stdout=out)
    assert "would translate" in out.getvalue()
    assert german_profile.get_translation_or_none(locale_zh) is None
    out = io.StringIO()
    call_command("translate_missing", locale="zh-hans", subtree="/de/", stdout=out)
    assert "2 new" in out.getvalue()
    for page in (german_profile, second):
        translation = page.get_translation(locale_zh)
        assert translation.live is False
    assert second.get_translation(locale_zh).title == "[需要翻译] Westpfalz Software"
    # Nothing is missing any more: a second run creates nothing.
    out = io.StringIO()
    call_command("translate_missing", locale="zh-hans", subtree="/de/", stdout=out)
    assert "0 new" in out.getvalue()
    with pytest.raises(CommandError, match="Unknown locale 'fr'"):
        call_command("translate_missing", locale="fr", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No page"):
        call_command("translate_missing", locale="zh-hans", subtree="/de/nichts/")


def test_admin_machine_translation_of_a_page_and_a_subtree(
    admin_client, german_profile, home_tree, locale_zh
):
    url = reverse("translations_machine_translate", args=[german_profile.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    response = admin_client.post(url, {"locale": locale_zh.pk})
    target = german_profile.get_translation(locale_zh)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[target.pk])
    assert target.live is False
    # The subtree of the German organisation index, through the task queue.
    child = OrganisationPageFactory(parent=home_tree.organisations, title="Neu GmbH")
    url = reverse("translations_machine_translate", args=[home_tree.organisations.pk])
    response = admin_client.post(url, {"locale": locale_zh.pk, "include_subtree": "on"})
    assert response.status_code == 302
    assert child.get_translation(locale_zh).live is False


def test_admin_machine_translation_respects_the_locale_scope(
    client, django_user_model, home_tree_zh, german_profile, locale_de
):
    from django.contrib.auth.models import Group

    call_command("setup_editor_groups", stdout=io.StringIO())
    chinese_first = OrganisationPageFactory(parent=home_tree_zh.organisations, title="扬州装备")
    user = django_user_model.objects.create_user("zh", password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name="Redaktion 中文"))
    client.force_login(user)
    url = reverse("translations_machine_translate", args=[chinese_first.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"locale": locale_de.pk}).status_code in (302, 403)
    assert chinese_first.get_translation_or_none(locale_de) is None
    assert Page.objects.filter(locale=locale_de, title__contains="扬州").count() == 0


def test_the_offline_translator_never_mixes_languages():
    """A glossary term as a whole is translated; any other text keeps its source entirely
    behind a marker (it used to become "机器人kooperation mit 佛山 vereinbart")."""
    from wagtail.models import Locale

    from translations.machine import OfflineTranslator

    de, zh = Locale(language_code="de"), Locale(language_code="zh-hans")
    texts = {
        "Foshan": "佛山",
        "Robotik": "机器人技术",
        "mou-mit-yangzhou": "mou-mit-yangzhou",  # a slug stays as it is
        "Robotikkooperation mit Foshan vereinbart": (
            "[需要翻译] Robotikkooperation mit Foshan vereinbart"
        ),
        "<p>Software für <b>Roboter</b>.</p>": "<p>[需要翻译] Software für <b>Roboter</b>.</p>",
    }
    machine = OfflineTranslator({})
    result = machine.translate(de, zh, [StringValue(text) for text in texts])
    assert {source.data: target.data for source, target in result.items()} == texts
    backwards = machine.translate(zh, de, [StringValue("佛山"), StringValue("佛山的机器人")])
    assert [value.data for value in backwards.values()] == [
        "Foshan",
        "[Übersetzung nötig] 佛山的机器人",
    ]
