"""``/api/v1/navigation`` (the menu tree from show_in_menus), and the breadcrumbs, SEO fields
and social image of every detail."""

import pytest
from wagtail.models import PageViewRestriction

from tests.api.conftest import image_with_renditions, translate
from tests.api.test_query_counts import cold_caches
from tests.factories import OfficePageFactory, OrganisationPageFactory, RegionPageFactory

pytestmark = pytest.mark.django_db


def in_menu(*pages):
    for page in pages:
        page.show_in_menus = True
        page.save()
        page.refresh_from_db()


@pytest.fixture
def menu(home_tree, home_tree_zh, locale_zh):
    in_menu(home_tree.regions, home_tree.organisations, home_tree.news)
    in_menu(home_tree_zh.regions)
    yangzhou = RegionPageFactory(parent=home_tree.regions, slug="yangzhou", show_in_menus=True)
    yangzhou_zh = translate(yangzhou, locale_zh, title="扬州")
    office = OfficePageFactory(parent=yangzhou, slug="buero", show_in_menus=True)
    RegionPageFactory(parent=home_tree.regions, slug="nicht-im-menue")
    RegionPageFactory(parent=home_tree.regions, slug="entwurf", show_in_menus=True, draft=True)
    private = RegionPageFactory(parent=home_tree.regions, slug="privat", show_in_menus=True)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    # In the menu, but below a page that is not: left out.
    OfficePageFactory(parent=home_tree.events, slug="unter-events", show_in_menus=True)
    return {"yangzhou": yangzhou, "yangzhou_zh": yangzhou_zh, "office": office}


def titles(items):
    return [(item["slug"], titles(item["children"])) for item in items]


def test_the_menu_tree_in_order_with_translations(api, home_tree, menu):
    status, body = api.get("navigation", locale="de")
    assert status == 200
    assert body["home"]["id"] == home_tree.home.pk
    assert titles(body["items"]) == [
        ("regionen", [("yangzhou", [])]),
        ("organisationen", []),
        ("nachrichten", []),
    ]
    regions = body["items"][0]
    assert regions["url"] == "/de/regionen/"
    assert [link["locale"] for link in regions["translations"]] == ["zh-hans"]
    yangzhou = regions["children"][0]
    assert yangzhou["translations"][0]["title"] == "扬州"
    # depth=3 adds the office under Yangzhou.
    status, body = api.get("navigation", locale="de", depth=3)
    assert titles(body["items"])[0] == ("regionen", [("yangzhou", [("buero", [])])])


def test_the_chinese_menu_and_bad_parameters(api, menu):
    status, body = api.get("navigation", locale="zh-hans")
    assert status == 200
    # Only the Chinese regions index is in the Chinese menu (yangzhou_zh is not marked).
    assert [item["locale"] for item in body["items"]] == ["zh-hans"]
    for params in ({"locale": "fr"}, {"depth": 0}, {"depth": 5}, {"depth": "x"}):
        status, body = api.get("navigation", **params)
        assert status == 400, params
        assert body["detail"]


def test_details_carry_breadcrumbs_seo_fields_and_a_social_image(api, home_tree, locale_zh):
    logo = image_with_renditions()
    region = RegionPageFactory(
        parent=home_tree.regions,
        slug="yangzhou",
        seo_title="Yangzhou – Partnerregion",
        search_description="Partnerregion in Jiangsu.",
    )
    private = RegionPageFactory(parent=home_tree.regions, slug="privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    office = OfficePageFactory(parent=region)
    organisation = OrganisationPageFactory(parent=home_tree.organisations, logo=logo)
    status, body = api.get(f"offices/{office.pk}")
    assert status == 200
    assert [(crumb["title"], crumb["url"]) for crumb in body["breadcrumbs"]] == [
        (home_tree.home.title, "/de/"),
        (home_tree.regions.title, "/de/regionen/"),
        (region.title, "/de/regionen/yangzhou/"),
    ]
    status, body = api.get(f"regions/{region.pk}")
    assert (body["seo_title"], body["search_description"]) == (
        "Yangzhou – Partnerregion",
        "Partnerregion in Jiangsu.",
    )
    assert body["social_image"] is None
    status, body = api.get(f"organisations/{organisation.pk}")
    assert body["social_image"]["id"] == logo.pk
    assert body["social_image"] == body["logo"]
    # The home page has no ancestors below the tree root; resolve carries them too.
    status, body = api.get("pages/resolve", path="/de/")
    assert body["breadcrumbs"] == []
    status, body = api.get("pages/resolve", path="/de/regionen/yangzhou/")
    assert [crumb["url"] for crumb in body["breadcrumbs"]] == ["/de/", "/de/regionen/"]


def test_an_ancestor_the_public_may_not_see_is_no_breadcrumb(api, home_tree):
    region = RegionPageFactory(parent=home_tree.regions, slug="yangzhou")
    office = OfficePageFactory(parent=region)
    # (A view restriction would hide the office as well.) Expired: not visible.
    region.expire_at = region.last_published_at
    region.save()
    status, body = api.get(f"offices/{office.pk}")
    assert status == 200
    assert [crumb["url"] for crumb in body["breadcrumbs"]] == ["/de/", "/de/regionen/"]


@pytest.mark.parametrize("size", [5, 40])
def test_navigation_needs_a_fixed_number_of_queries(
    api, home_tree, home_tree_zh, locale_zh, size, django_assert_max_num_queries
):
    in_menu(home_tree.regions, home_tree.news)
    for _n in range(size):
        region = RegionPageFactory(parent=home_tree.regions, show_in_menus=True)
        OfficePageFactory(parent=region, show_in_menus=True)
        translate(region, locale_zh)
    cold_caches()
    with django_assert_max_num_queries(5):  # site roots (2), menu pages, translations, locale
        status, body = api.get("navigation", locale="de", depth=4)
    assert status == 200
    assert len(body["items"][0]["children"]) == size
    assert all(len(item["children"]) == 1 for item in body["items"][0]["children"])
