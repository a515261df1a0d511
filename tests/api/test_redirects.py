"""``/api/v1/redirects`` and ``pages/resolve`` answering a redirected path."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from tests.api.conftest import translate
from tests.factories import RegionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redirects(home_tree, home_tree_zh, locale_zh, site):
    yangzhou = RegionPageFactory(parent=home_tree.regions, slug="yangzhou", title="Yangzhou")
    yangzhou_zh = translate(yangzhou, locale_zh, slug="yangzhou", title="扬州")
    private = RegionPageFactory(parent=home_tree.regions, slug="privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return {
        "page": Redirect.add_redirect("/de/regionen/alt/", yangzhou),
        "route": Redirect.add_redirect(
            "/de/yz", yangzhou, is_permanent=False, page_route_path="/events/"
        ),
        "link": Redirect.add_redirect("/de/broschuere", "https://example.org/broschuere.pdf"),
        "unprefixed": Redirect.add_redirect("/kontakt", yangzhou, site=site),
        "zh": Redirect.add_redirect("/zh-hans/diqu/yangzhou", yangzhou_zh),
        "private": Redirect.add_redirect("/de/geheim", private),
        "yangzhou": yangzhou,
        "yangzhou_zh": yangzhou_zh,
    }


def test_redirects_of_a_locale_with_their_targets(api, redirects):
    status, body = api.get("redirects", locale="de")
    assert status == 200
    by_path = {item["old_path"]: item for item in body["items"]}
    # The private page's redirect is left out; the Chinese one is in zh-hans.
    assert list(by_path) == ["/de/broschuere", "/de/regionen/alt", "/de/yz", "/kontakt"]
    assert body["count"] == 4
    assert by_path["/de/regionen/alt"] == {
        "id": redirects["page"].pk,
        "old_path": "/de/regionen/alt",
        "site": None,
        "is_permanent": True,
        "status": 301,
        "to_url": "/de/regionen/yangzhou/",
        "to_page": {
            "id": redirects["yangzhou"].pk,
            "type": "regions.RegionPage",
            "locale": "de",
            "title": "Yangzhou",
            "slug": "yangzhou",
            "url": "/de/regionen/yangzhou/",
            "fallback": False,
        },
        "automatically_created": False,
    }
    assert (by_path["/de/yz"]["status"], by_path["/de/yz"]["to_url"]) == (
        302,
        "/de/regionen/yangzhou/events/",
    )
    assert by_path["/de/broschuere"]["to_url"] == "https://example.org/broschuere.pdf"
    assert by_path["/de/broschuere"]["to_page"] is None
    assert by_path["/kontakt"]["site"] == "localhost"

    status, body = api.get("redirects", locale="zh-hans")
    assert [(item["old_path"], item["to_url"]) for item in body["items"]] == [
        ("/zh-hans/diqu/yangzhou", "/zh-hans/regionen/yangzhou/")
    ]


def test_a_renamed_page_leaves_a_redirect_that_resolve_answers(
    api, home_tree, redirects, django_capture_on_commit_callbacks
):
    page = RegionPageFactory(parent=home_tree.regions, slug="foshan", title="Foshan")
    page.slug = "foshan-neu"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # Wagtail creates the redirect from the old path
    status, body = api.get("pages/resolve", path="/de/regionen/foshan/")
    assert status == 200
    assert body["type"] == "redirect"
    assert body["redirect"]["old_path"] == "/de/regionen/foshan"
    assert body["redirect"]["to_url"] == "/de/regionen/foshan-neu/"
    assert body["redirect"]["status"] == 301
    assert body["redirect"]["automatically_created"] is True
    # The new path is the page itself.
    status, body = api.get("pages/resolve", path="/de/regionen/foshan-neu/")
    assert (status, body["type"], body["id"]) == (200, "regions.RegionPage", page.pk)


def test_resolve_answers_redirects_and_still_404s_elsewhere(api, redirects):
    status, body = api.get("pages/resolve", path="/kontakt")
    assert (status, body["redirect"]["to_url"]) == (200, "/de/regionen/yangzhou/")
    status, body = api.get("pages/resolve", path="/zh-hans/diqu/yangzhou/")
    assert body["redirect"]["to_page"]["title"] == "扬州"
    for path in ("/de/geheim", "/de/nirgends/", "/nirgends"):
        status, body = api.get("pages/resolve", path=path)
        assert status == 404, path
        assert "detail" in body


def test_a_new_redirect_invalidates_the_cached_list(client, redirects):
    first = client.get("/api/v1/redirects", {"locale": "de"})
    assert client.get("/api/v1/redirects", {"locale": "de"})["X-Cache"] == "HIT"
    Redirect.add_redirect("/de/neu", "https://example.org/")
    fresh = client.get("/api/v1/redirects", {"locale": "de"})
    assert fresh["X-Cache"] == "MISS"
    assert fresh.json()["count"] == first.json()["count"] + 1


@pytest.mark.parametrize("size", [5, 60])
def test_the_redirect_list_needs_a_fixed_number_of_queries(
    api, home_tree, size, django_assert_max_num_queries
):
    from tests.api.test_query_counts import cold_caches

    for n in range(size):
        page = RegionPageFactory(parent=home_tree.regions, slug=f"r-{n}")
        Redirect.add_redirect(f"/de/alt-{n}", page)
        Redirect.add_redirect(f"/de/extern-{n}", "https://example.org/")
    cold_caches()
    with django_assert_max_num_queries(6):  # count, list, references, site root paths (2)
        status, body = api.get("redirects", locale="de", limit=100)
    assert (status, body["count"]) == (200, 2 * size)
    assert all(item["to_url"] for item in body["items"])
