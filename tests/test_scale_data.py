"""``generate_scale_data``: counts, translations, a sound page tree, determinism, reruns."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.images.models import Rendition
from wagtail.models import Page

from base.models import api_renditions
from companies.models import OrganisationPage
from news.models import NewsPage
from tests.conftest import translate_page
from tests.factories import (
    CooperationTypeFactory,
    NewsCategoryFactory,
    RegionPageFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def base_tree(home_tree, home_tree_zh, locale_zh):
    """What load_demo provides: both trees, two regions (one translated), taxonomies."""
    yangzhou = RegionPageFactory(parent=home_tree.regions, title="Yangzhou", slug="yangzhou")
    translate_page(yangzhou, locale_zh)
    RegionPageFactory(parent=home_tree.regions, title="Kaiserslautern", country="DE")
    for name in ("Robotik", "Automobil", "Software"):
        SectorFactory(name=name)
    for code in ("joint-venture", "licensing", "distribution"):
        CooperationTypeFactory(code=code)
    NewsCategoryFactory(name="Delegation", slug="delegation")
    return home_tree, home_tree_zh


def generate(**options):
    call_command("generate_scale_data", verbosity=0, **{"logos": 2, **options})


def scale_pages(model, language_code):
    return model.objects.filter(slug__startswith="scale-", locale__language_code=language_code)


def test_counts_translations_and_tree(base_tree, client):
    tree, tree_zh = base_tree
    generate(organisations=30, news=10)

    for model, count, parent, parent_zh in (
        (OrganisationPage, 30, tree.organisations, tree_zh.organisations),
        (NewsPage, 10, tree.news, tree_zh.news),
    ):
        german, chinese = scale_pages(model, "de"), scale_pages(model, "zh-hans")
        assert german.count() == chinese.count() == count
        assert german.live().count() == chinese.live().count() == count
        # Each Chinese page is the translation of a German one: same key, translated parent.
        assert set(german.values_list("translation_key", flat=True)) == set(
            chinese.values_list("translation_key", flat=True)
        )
        assert {p.get_parent().pk for p in german} == {parent.pk}
        assert {p.get_parent().pk for p in chinese} == {parent_zh.pk}
        page = chinese.order_by("slug").first()
        assert page.url_path == f"{parent_zh.url_path}{page.slug}/"
        assert page.get_translation(tree.home.locale).slug == page.slug

    # The tree is consistent (paths, depth, numchild), as treebeard checks it.
    assert all(not problems for problems in Page.find_problems())
    tree.organisations.refresh_from_db()
    assert tree.organisations.numchild == 30

    # The API serves them in both languages, each with its translation.
    body = client.get("/api/v1/organisations", {"locale": "zh-hans", "limit": 100}).json()
    assert body["count"] == 30
    item = body["items"][0]
    assert [t["locale"] for t in item["translations"]] == ["de"]
    assert "\u4e00" <= item["title"][0] <= "\u9fff"  # a Chinese title
    assert client.get("/api/v1/news", {"locale": "de"}).json()["count"] == 10
    detail = client.get(f"/api/v1/organisations/{item['id']}", {"locale": "de"})
    assert detail.status_code == 200

    # Shared logos come with their API renditions.
    logos = {p.logo_id for p in scale_pages(OrganisationPage, "de") if p.logo_id}
    assert logos
    assert Rendition.objects.filter(image_id__in=logos).count() == len(logos) * len(
        api_renditions()
    )


def test_relations_of_translations_point_at_translated_pages(base_tree):
    generate(organisations=30, news=10)
    for org in scale_pages(OrganisationPage, "zh-hans").select_related("region"):
        if org.region.slug == "yangzhou":
            assert org.region.locale.language_code == "zh-hans"
        assert org.sectors.exists()
    for news in scale_pages(NewsPage, "zh-hans"):
        for related in news.related_organisations.select_related("organisation__locale"):
            assert related.organisation.locale.language_code == "zh-hans"


def test_same_seed_same_data_and_reruns_are_explicit(base_tree):
    generate(organisations=12, news=4, seed=7)

    def snapshot():
        return sorted(
            (p.slug, p.locale.language_code, p.title, str(p.translation_key), p.organisation_type)
            for p in OrganisationPage.objects.filter(slug__startswith="scale-")
        )

    first = snapshot()
    with pytest.raises(CommandError, match="--replace"):
        generate(organisations=12, news=4, seed=7)
    generate(organisations=12, news=4, seed=7, replace=True)
    assert snapshot() == first
    assert all(not problems for problems in Page.find_problems())

    generate(delete=True)
    assert not Page.objects.filter(slug__startswith="scale-").exists()
    base_tree[0].organisations.refresh_from_db()
    assert base_tree[0].organisations.numchild == 0


def test_refuses_without_the_base_tree(home_tree):
    with pytest.raises(CommandError, match="load_demo"):
        generate(organisations=1, news=1)


def test_generated_pages_are_searchable_and_replace_drops_their_index_entries(base_tree, client):
    from wagtail.search.models import IndexEntry

    generate(organisations=20, news=4)
    german = scale_pages(OrganisationPage, "de").first()
    chinese = scale_pages(OrganisationPage, "zh-hans").get(translation_key=german.translation_key)
    for page in (german, chinese):
        body = client.get(
            "/api/v1/search",
            {"q": page.title, "locale": page.locale.language_code, "type": "organisation"},
        ).json()
        assert page.pk in [item["id"] for item in body["items"]]
    entries = IndexEntry.objects.filter(object_id__in=[str(german.pk), str(chinese.pk)])
    assert entries.count() == 2
    generate(organisations=5, news=0, replace=True)
    assert not entries.exists()
