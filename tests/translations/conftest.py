"""Fixtures of the translation workflow tests: pages translated through wagtail-localize."""

import pytest
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from tests.factories import OrganisationPageFactory


def localize(instance, locale, capture, publish=True):
    """Submit ``instance`` to wagtail-localize, translate every segment (a "[zh] " prefix stands
    in for the translator), save the target; returns (translation, target page)."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"[{locale.language_code}] {segment.string.data}"},
        )
    with capture(execute=True):
        translation.save_target(publish=publish)
    return translation, translation.get_target_instance()


def sync(source_page, capture):
    """wagtail-localize's "Sync translated pages": extract the source again, update targets."""
    source = TranslationSource.objects.get(
        object_id=source_page.translation_key, locale=source_page.locale
    )
    source.update_from_db()
    for translation in source.translations.all():
        localize(source_page, translation.target_locale, capture)


@pytest.fixture
def german_profile(home_tree, home_tree_zh):
    return OrganisationPageFactory(
        parent=home_tree.organisations,
        title="Pfalz Robotik",
        slug="pfalz-robotik",
        summary="Roboter aus der Pfalz.",
    )
