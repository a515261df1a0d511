"""New pages reach the other locale as unpublished, machine pre-translated drafts: when first
published or explicitly saved, never on an autosave."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page

from tests.factories import OrganisationPageFactory
from translations import counterparts

pytestmark = pytest.mark.django_db

ON = override_settings(TRANSLATIONS_AUTO_COUNTERPARTS=True)


@ON
def test_a_page_published_by_code_gets_a_draft_translation(
    home_tree, home_tree_zh, locale_zh, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = OrganisationPageFactory(
            parent=home_tree.organisations, title="Lautern Software", draft=True
        )
    assert page.get_translation_or_none(locale_zh) is None  # created, not yet published
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    translation = page.get_translation(locale_zh)
    assert translation.live is False
    assert translation.specific.title == "[需要翻译] Lautern Software"
    # It needs work: listed by the report (never published).
    from base.translation_status import out_of_date

    assert out_of_date(Page.objects.filter(pk=translation.pk)).exists()


@ON
def test_a_chinese_first_page_gets_a_german_draft(
    home_tree_zh, locale_de, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = OrganisationPageFactory(parent=home_tree_zh.organisations, title="佛山机器人")
        page.save_revision().publish()
    german = page.get_translation(locale_de)
    assert german.live is False
    assert german.specific.title == "[Übersetzung nötig] 佛山机器人"


def organisation_form(**extra):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    return nested_form_data(
        {
            "title": "Westpfalz Energie",
            "slug": "westpfalz-energie",
            "legal_name": "Westpfalz Energie GmbH",
            "organisation_type": "company",
            "summary": "Energie aus der Westpfalz.",
            "description": rich_text(""),
            "products_and_services": streamfield([]),
            "certifications": streamfield([]),
            "country": "DE",
            **extra,
        }
    )


@ON
def test_a_page_created_in_the_admin_gets_a_draft_translation(
    admin_client, home_tree, home_tree_zh, locale_zh, django_capture_on_commit_callbacks
):
    url = reverse(
        "wagtailadmin_pages:add",
        args=["companies", "organisationpage", home_tree.organisations.pk],
    )
    data = organisation_form(**{"action-publish": "publish"})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(slug="westpfalz-energie", locale__language_code="de")
    translation = page.get_translation(locale_zh)
    assert translation.live is False
    assert translation.title == "[需要翻译] Westpfalz Energie"


@ON
def test_translations_and_paused_loaders_make_no_extra_drafts(
    home_tree, home_tree_zh, locale_zh, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), counterparts.paused():
        page = OrganisationPageFactory(parent=home_tree.organisations, title="Ohne Entwurf")
        page.save_revision().publish()
    assert page.get_translation_or_none(locale_zh) is None
    # A translation created by wagtail-localize completes the group: nothing more to create.
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "translate_missing", locale="zh-hans", subtree=str(page.pk), stdout=io.StringIO()
        )
    assert Page.objects.filter(translation_key=page.translation_key).count() == 2


def test_switched_off_by_the_setting(
    home_tree, home_tree_zh, locale_zh, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = OrganisationPageFactory(parent=home_tree.organisations, title="Aus")
        page.save_revision().publish()
    assert page.get_translation_or_none(locale_zh) is None


@ON
def test_an_autosave_makes_no_counterpart_an_explicit_save_does(
    admin_client, home_tree, home_tree_zh, locale_zh, django_capture_on_commit_callbacks
):
    """Wagtail 8's editor autosaves a new page as a draft (a request asking for JSON) once a
    title is typed; an abandoned form must not leave a Chinese draft behind."""
    url = reverse(
        "wagtailadmin_pages:add",
        args=["companies", "organisationpage", home_tree.organisations.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, organisation_form(), HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response.json()["success"] is True
    page = Page.objects.get(slug="westpfalz-energie", locale__language_code="de")
    assert page.get_translation_or_none(locale_zh) is None

    # "Save draft" pressed by the editor: the counterpart follows.
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit, organisation_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert page.get_translation(locale_zh).live is False
