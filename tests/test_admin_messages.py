"""The admin's message catalogues: our German source strings (model labels, help texts, choices,
block labels, panel headings) are translated completely into Simplified Chinese and English, the
compiled catalogues match their sources, and an admin user sees our labels in their language."""

import gettext
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from wagtail.fields import StreamField

from tests.test_admin import build, set_admin_language

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
CATALOGUES = {"zh-hans": "zh_Hans", "en": "en"}
OUR_APPS = (
    "home",
    "regions",
    "companies",
    "news",
    "search",
    "translations",
    "inquiries",
    "feeds",
    "webhooks",
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def read_po(path):
    """msgid → (msgstr, fuzzy) of a .po file (singular entries, as ours are); an entry with a
    context is keyed ``context\x04msgid``, as gettext compiles it."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n)+)', block + "\n", re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        context = re.search(r'^msgctxt ((?:".*"\n)+)', block + "\n", re.M)
        if not msgid or not msgstr:
            continue

        def join(match):
            return "".join(re.findall(r'"(.*)"', match.group(1))).replace('\\"', '"')

        if join(msgid):
            key = f"{join(context)}\x04{join(msgid)}" if context else join(msgid)
            entries[key] = (join(msgstr), "#, fuzzy" in block)
    return entries


def mo_catalogue(path):
    with path.open("rb") as handle:
        catalogue = dict(gettext.GNUTranslations(handle)._catalog)
    catalogue.pop("", None)  # the header
    return catalogue


def lazy_strings():
    """The lazily translated strings of our models: verbose names, help texts, choice labels and
    the labels of StreamField blocks."""
    found = set()

    def add(value):
        if isinstance(value, Promise) and value._args and "{}" not in str(value._args[0]):
            msgid = value._args[0]
            if len(value._args) == 2:  # pgettext_lazy(context, message)
                msgid = f"{value._args[0]}\x04{value._args[1]}"
            with translation.override("de"):
                # Wagtail's and Django's own labels (English msgids with a German catalogue of
                # their own) are theirs to translate.
                if translation.gettext(msgid) == msgid:
                    found.add(msgid)

    def walk_block(block):
        add(block.meta.label)
        add(getattr(block.meta, "help_text", None))
        for child in getattr(block, "child_blocks", {}).values():
            walk_block(child)

    for config in (apps.get_app_config(label) for label in OUR_APPS):
        for model in config.get_models():
            add(model._meta.verbose_name)
            add(model._meta.verbose_name_plural)
            for field in model._meta.get_fields():
                add(getattr(field, "verbose_name", None))
                add(getattr(field, "help_text", None))
                for _value, label in getattr(field, "choices", None) or []:
                    add(label)
                for _value, label in getattr(field, "choices_list", []):
                    add(label)
                if isinstance(field, StreamField):
                    for child in field.stream_block.child_blocks.values():
                        walk_block(child)
    return found


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = read_po(LOCALE_DIR / CATALOGUES[language] / "LC_MESSAGES" / "django.po")
    assert len(entries) > 150
    assert [msgid for msgid, (msgstr, _fuzzy) in entries.items() if not msgstr] == []
    assert [msgid for msgid, (_msgstr, fuzzy) in entries.items() if fuzzy] == []
    if language == "zh-hans":
        assert [msgid for msgid, (msgstr, _) in entries.items() if not CJK.search(msgstr)] == []


@pytest.mark.parametrize("language", CATALOGUES)
def test_compiled_catalogue_matches_its_source(language, tmp_path):
    directory = LOCALE_DIR / CATALOGUES[language] / "LC_MESSAGES"
    entries = read_po(directory / "django.po")
    compiled = mo_catalogue(directory / "django.mo")
    assert compiled == {msgid: msgstr for msgid, (msgstr, _fuzzy) in entries.items()}


def test_the_catalogues_hold_the_same_messages():
    zh, en = (
        set(read_po(LOCALE_DIR / name / "LC_MESSAGES" / "django.po")) for name in ("zh_Hans", "en")
    )
    assert zh == en


def test_every_model_and_block_label_is_in_the_catalogues():
    """What ``make messages`` would add: a label written since the catalogues were updated."""
    strings = lazy_strings()
    assert len(strings) > 150
    for language, name in CATALOGUES.items():
        catalogue = mo_catalogue(LOCALE_DIR / name / "LC_MESSAGES" / "django.mo")
        assert sorted(strings - set(catalogue)) == [], language
        with translation.override(language):
            translated = {str(translation.gettext(text)) for text in strings}
        assert translated.isdisjoint({"Rechtlicher Name", "Kurzbeschreibung", "Anreißer"})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "legal_name", "tab"),
    [
        ("de", "Rechtlicher Name", "Kooperation"),
        ("zh-hans", "法定名称", "合作"),
        ("en", "Legal name", "Cooperation"),
    ],
)
def test_the_organisation_form_speaks_the_users_language(
    admin_client, admin_user, language, legal_name, tab
):
    from companies.models import OrganisationPage

    page = build(OrganisationPage)
    set_admin_language(admin_user, language)

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert legal_name in html
    assert tab in html
    if language != "de":
        assert "Rechtlicher Name" not in html
