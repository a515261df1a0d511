"""``/sitemap.xml`` (an index of one sitemap per locale, paged), the sitemaps with hreflang
alternates, and ``/robots.txt``: valid against the sitemap 0.9 schema, only live public pages,
frontend URLs per locale, cached and invalidated like the API, a fixed number of queries."""

from pathlib import Path

import pytest
from lxml import etree
from wagtail.models import PageViewRestriction

from tests.api.conftest import translate
from tests.api.test_query_counts import cold_caches
from tests.factories import NewsPageFactory, RegionPageFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
DE = "https://www.kl-china.example"
ZH = "https://cn.kl-china.example"


@pytest.fixture(autouse=True)
def frontend(settings):
    settings.FRONTEND_BASE_URL = DE
    settings.FRONTEND_BASE_URLS = {"zh-hans": ZH}


def schema(name):
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def fetch(client, path, schema_name=None, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, (path, response.content[:300])
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    if schema_name:
        validator = schema(schema_name)
        assert validator.validate(document), validator.error_log
    return document


def local_path(url):
    """The sitemap path an index entry names, on this server."""
    return "/" + url.split("/", 3)[3]


def sitemap_urls(client):
    """Every <url> of every sitemap of the index: loc → {hreflang: href}, and the lastmods."""
    index = fetch(client, "/sitemap.xml", "siteindex.xsd")
    urls, lastmods = {}, {}
    for loc in index.xpath("//s:sitemap/s:loc/text()", namespaces=NS):
        sitemap = fetch(client, local_path(loc), "localised-sitemap.xsd")
        for url in sitemap.xpath("//s:url", namespaces=NS):
            page_loc = url.findtext("s:loc", namespaces=NS)
            assert page_loc not in urls, page_loc
            urls[page_loc] = {
                link.get("hreflang"): link.get("href")
                for link in url.findall("x:link", namespaces=NS)
            }
            lastmods[page_loc] = url.findtext("s:lastmod", namespaces=NS)
    return index, urls, lastmods


@pytest.fixture
def content(home_tree, home_tree_zh, locale_zh):
    yangzhou = RegionPageFactory(parent=home_tree.regions, slug="yangzhou", title="Yangzhou")
    yangzhou_zh = translate(yangzhou, locale_zh, slug="扬州", title="扬州")
    german_only = RegionPageFactory(parent=home_tree.regions, slug="nur-deutsch")
    RegionPageFactory(parent=home_tree.regions, slug="entwurf", draft=True)
    private = RegionPageFactory(parent=home_tree.regions, slug="privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return {"yangzhou": yangzhou, "yangzhou_zh": yangzhou_zh, "german_only": german_only}


def test_the_index_and_sitemaps_validate_and_list_both_languages_with_alternates(
    client, home_tree, content
):
    index, urls, lastmods = sitemap_urls(client)
    assert index.xpath("//s:sitemap/s:loc/text()", namespaces=NS) == [
        f"{DE}/sitemap-de-1.xml",
        f"{ZH}/sitemap-zh-hans-1.xml",
    ]
    yangzhou_de = f"{DE}/de/regionen/yangzhou/"
    yangzhou_zh = f"{ZH}/zh-hans/regionen/%E6%89%AC%E5%B7%9E/"  # the slug 扬州, percent-encoded
    expected_alternates = {"de": yangzhou_de, "zh-hans": yangzhou_zh, "x-default": yangzhou_de}
    assert urls[yangzhou_de] == expected_alternates
    assert urls[yangzhou_zh] == expected_alternates
    assert urls[f"{DE}/de/"]["zh-hans"] == f"{ZH}/zh-hans/"
    # A page in one language has no alternates; drafts and private pages are not listed.
    assert urls[f"{DE}/de/regionen/nur-deutsch/"] == {}
    assert not any("entwurf" in url or "privat" in url for url in urls)
    # The five pages of each tree, Yangzhou in both languages, the German-only region.
    assert len(urls) == 5 + 5 + 2 + 1
    assert lastmods[yangzhou_zh] == content["yangzhou_zh"].last_published_at.strftime(
        "%Y-%m-%dT%H:%M:%S+00:00"
    )


def test_a_large_locale_is_split_into_several_sitemaps(client, settings, home_tree, content):
    _index, all_urls, _lastmods = sitemap_urls(client)
    settings.SITEMAP_MAX_URLS = 3
    cold_caches()  # a changed setting is no content change
    index, paged_urls, _lastmods = sitemap_urls(client)
    assert index.xpath("//s:sitemap/s:loc/text()", namespaces=NS) == [
        f"{DE}/sitemap-de-1.xml",
        f"{DE}/sitemap-de-2.xml",
        f"{DE}/sitemap-de-3.xml",
        f"{ZH}/sitemap-zh-hans-1.xml",
        f"{ZH}/sitemap-zh-hans-2.xml",
    ]
    assert paged_urls == all_urls
    for path in ("/sitemap-de-4.xml", "/sitemap-de-0.xml", "/sitemap-en-1.xml"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Cache-Control"] == "no-store"


def test_robots_txt_names_the_sitemap_index_on_each_frontend(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: {DE}/sitemap.xml",
        f"Sitemap: {ZH}/sitemap.xml",
    ]


def test_sitemaps_are_cached_and_invalidated_by_a_publish(client, home_tree, content):
    first = client.get("/sitemap-de-1.xml")
    assert first["X-Cache"] == "MISS"
    again = client.get("/sitemap-de-1.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again["X-Cache"]) == (304, "HIT")
    assert again["Cache-Control"] == "public, max-age=60"
    NewsPageFactory(parent=home_tree.news, slug="neu", draft=True).save_revision().publish()
    fresh = client.get("/sitemap-de-1.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (fresh.status_code, fresh["X-Cache"]) == (200, "MISS")
    assert b"/neu/" not in first.content
    assert b"/neu/" in fresh.content


def test_only_get_and_head(client):
    assert client.post("/sitemap.xml").status_code == 405
    assert client.head("/robots.txt").status_code == 200


@pytest.mark.parametrize("size", [5, 60])
def test_sitemaps_need_a_fixed_number_of_queries(
    client, home_tree, home_tree_zh, locale_zh, size, django_assert_max_num_queries
):
    for n in range(size):
        region = RegionPageFactory(parent=home_tree.regions)
        if n % 2:
            translate(region, locale_zh)
    cold_caches()
    with django_assert_max_num_queries(3):  # the generation, the counts; content types cached
        index = fetch(client, "/sitemap.xml")
    assert len(index.xpath("//s:sitemap", namespaces=NS)) == 2
    for code, expected in (("de", 5 + size), ("zh-hans", 5 + size // 2)):
        cold_caches()
        with django_assert_max_num_queries(4):  # chunk, translations, site root paths (2)
            sitemap = fetch(client, f"/sitemap-{code}-1.xml")
        assert len(sitemap.xpath("//s:url", namespaces=NS)) == expected
