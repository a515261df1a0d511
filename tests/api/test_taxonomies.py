"""Taxonomy endpoints: sectors, cooperation types and news categories, labelled per locale."""

import pytest

from tests.factories import CooperationTypeFactory, NewsCategoryFactory, SectorFactory

pytestmark = pytest.mark.django_db


def translate_snippet(entry, locale, **fields):
    translation = entry.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def test_sectors_are_labelled_in_the_requested_locale(api, locale_zh):
    robotics = SectorFactory(name="Robotik")
    translate_snippet(robotics, locale_zh, name="机器人")
    SectorFactory(name="Automobil")  # no Chinese label yet

    status, de = api.get("sectors")
    assert status == 200
    assert de["count"] == 2
    assert [item["name"] for item in de["items"]] == ["Automobil", "Robotik"]

    status, zh = api.get("sectors", locale="zh-hans")
    by_id = {item["id"]: item for item in zh["items"]}
    assert by_id[robotics.pk]["name"] == "机器人"
    assert by_id[robotics.pk]["locale"] == "zh-hans"
    # The untranslated one keeps its German label, marked with its language.
    untranslated = next(item for item in zh["items"] if item["id"] != robotics.pk)
    assert (untranslated["name"], untranslated["locale"]) == ("Automobil", "de")


def test_cooperation_types_carry_code_and_localised_description(api, locale_zh):
    jv = CooperationTypeFactory(code="joint-venture", name="Joint Venture", description="JV")
    translate_snippet(jv, locale_zh, name="合资企业", description="合资")
    status, body = api.get("cooperation-types", locale="zh-hans")
    assert status == 200
    assert body["items"] == [
        {
            "id": jv.pk,
            "key": str(jv.translation_key),
            "locale": "zh-hans",
            "name": "合资企业",
            "code": "joint-venture",
            "category": "business",
            "description": "合资",
        }
    ]


def test_news_categories_carry_their_slug(api):
    NewsCategoryFactory(name="Delegation", slug="delegation")
    status, body = api.get("news-categories")
    assert status == 200
    assert [(i["slug"], i["name"]) for i in body["items"]] == [("delegation", "Delegation")]


@pytest.mark.parametrize("path", ["sectors", "cooperation-types", "news-categories"])
def test_taxonomy_lists_take_two_queries(api, path, django_assert_num_queries):
    for _ in range(3):
        SectorFactory()
        CooperationTypeFactory()
        NewsCategoryFactory()
    with django_assert_num_queries(2):
        status, _body = api.get(path, locale="zh-hans")
    assert status == 200
