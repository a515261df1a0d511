"""``/api/v1/sync``: the initial snapshot in pages, then deltas by token from the change log
(publish, unpublish, delete, move, view restriction, translation); tokens are signed, survive
restarts (they name a database row) and replay to the same answer."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from api.models import PageChange
from tests.api.conftest import translate
from tests.api.test_query_counts import cold_caches
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    OfficePageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_settling(settings):
    settings.SYNC_SETTLE_SECONDS = 0


def published(factory, **kwargs):
    """A page published through Wagtail (a revision, the page_published signal)."""
    page = factory(draft=True, **kwargs)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def snapshot(api, locale="de", limit=100):
    """Every page of the initial sync, following next_page_token, and the sync token."""
    items, params = [], {"locale": locale, "limit": limit}
    while True:
        status, body = api.get("sync", **params)
        assert status == 200, body
        items += body["items"]
        if body["next_sync_token"]:
            return items, body["next_sync_token"]
        params = {"token": body["next_page_token"], "limit": limit}


def changes(body):
    return {
        "items": sorted(item["id"] for item in body["items"]),
        "unpublished": body["unpublished"],
        "deleted": body["deleted"],
        "hidden": body["hidden"],
    }


@pytest.fixture
def pages(home_tree):
    return {
        "a": published(RegionPageFactory, parent=home_tree.regions, slug="a"),
        "b": published(RegionPageFactory, parent=home_tree.regions, slug="b"),
        "c": published(NewsPageFactory, parent=home_tree.news, slug="c"),
    }


def test_initial_snapshot_in_pages(api, home_tree, pages):
    items, token = snapshot(api, limit=3)
    ids = [item["id"] for item in items]
    assert ids == sorted(ids)
    assert set(ids) == {page.pk for page in home_tree.pages} | {p.pk for p in pages.values()}
    news = next(item for item in items if item["id"] == pages["c"].pk)
    assert news["type"] == "news.NewsPage" and "body" in news and "breadcrumbs" in news
    status, body = api.get("sync", token=token)
    assert changes(body) == {"items": [], "unpublished": [], "deleted": [], "hidden": []}
    assert body["next_sync_token"]


def test_publish_unpublish_delete_yield_exactly_those_three_changes(api, home_tree, pages):
    _items, token = snapshot(api)
    new = published(RegionPageFactory, parent=home_tree.regions, slug="neu")
    pages["a"].unpublish()
    deleted_id = pages["c"].pk
    pages["c"].delete()
    status, body = api.get("sync", token=token)
    assert status == 200
    assert changes(body) == {
        "items": [new.pk],
        "unpublished": [{"id": pages["a"].pk, "type": "regions.RegionPage"}],
        "deleted": [{"id": deleted_id, "type": "news.NewsPage"}],
        "hidden": [],
    }
    assert body["items"][0]["url"] == "/de/regionen/neu/"
    # Replaying the same token answers the same; the next token has nothing new.
    status, again = api.get("sync", token=token)
    assert again == body
    status, after = api.get("sync", token=body["next_sync_token"])
    assert changes(after) == {"items": [], "unpublished": [], "deleted": [], "hidden": []}


def test_a_change_is_an_item_with_its_new_content(api, pages):
    _items, token = snapshot(api)
    pages["b"].title = "B neu"
    pages["b"].save_revision().publish()
    status, body = api.get("sync", token=token)
    assert [(item["id"], item["title"]) for item in body["items"]] == [(pages["b"].pk, "B neu")]


def test_moves_and_view_restrictions(api, home_tree, pages):
    office = OfficePageFactory(parent=pages["b"], slug="buero")
    _items, token = snapshot(api)
    # Moving a page changes its URL and its descendants'.
    pages["b"].move(pages["a"], pos="last-child")
    status, body = api.get("sync", token=token)
    assert changes(body)["items"] == sorted([pages["b"].pk, office.pk])
    urls = {item["id"]: item["url"] for item in body["items"]}
    assert urls[office.pk] == "/de/regionen/a/b/buero/"
    # A view restriction hides the page and its descendants; removing it shows them again.
    token = body["next_sync_token"]
    restriction = PageViewRestriction.objects.create(
        page=pages["a"], restriction_type="password", password="x"
    )
    status, body = api.get("sync", token=token)
    assert changes(body)["items"] == []
    assert sorted(ref["id"] for ref in body["hidden"]) == sorted(
        [pages["a"].pk, pages["b"].pk, office.pk]
    )
    token = body["next_sync_token"]
    restriction.delete()
    status, body = api.get("sync", token=token)
    assert changes(body)["items"] == sorted([pages["a"].pk, pages["b"].pk, office.pk])
    assert body["hidden"] == []


def test_a_translation_reaches_its_locale_only(api, home_tree, home_tree_zh, locale_zh, pages):
    _items, token_de = snapshot(api, "de")
    items_zh, token_zh = snapshot(api, "zh-hans")
    assert {item["locale"] for item in items_zh} == {"zh-hans"}
    translation = translate(pages["a"], locale_zh, title="甲")
    status, body = api.get("sync", token=token_zh)
    assert [(item["id"], item["title"]) for item in body["items"]] == [(translation.pk, "甲")]
    status, body = api.get("sync", token=token_de)
    assert changes(body)["items"] == []


def test_a_page_published_and_deleted_in_one_window_is_only_deleted(api, home_tree):
    _items, token = snapshot(api)
    page = published(RegionPageFactory, parent=home_tree.regions, slug="kurz")
    page_id = page.pk
    page.delete()
    status, body = api.get("sync", token=token)
    assert changes(body) == {
        "items": [],
        "unpublished": [],
        "deleted": [{"id": page_id, "type": "regions.RegionPage"}],
        "hidden": [],
    }


def test_a_long_delta_comes_in_several_answers(api, home_tree):
    _items, token = snapshot(api)
    new = [published(RegionPageFactory, parent=home_tree.regions) for _ in range(5)]
    seen = []
    for _call in range(3):
        status, body = api.get("sync", token=token, limit=2)
        seen += [item["id"] for item in body["items"]]
        token = body["next_sync_token"]
        assert body["has_more"] is (_call < 2)
    assert seen == [page.pk for page in new]


def test_fresh_changes_wait_until_they_settle(api, settings, home_tree):
    _items, token = snapshot(api)
    settings.SYNC_SETTLE_SECONDS = 60
    published(RegionPageFactory, parent=home_tree.regions)
    status, body = api.get("sync", token=token)
    assert (body["items"], body["next_sync_token"]) == ([], token)
    PageChange.objects.update(created_at=timezone.now() - datetime.timedelta(seconds=61))
    status, body = api.get("sync", token=token)
    assert len(body["items"]) == 1


@pytest.mark.parametrize(
    "token", ["x", "abc:def", "", "a" * 300], ids=["garbage", "unsigned", "empty", "long"]
)
def test_a_bad_token_is_a_400(api, token):
    status, body = api.get("sync", token=token)
    if token == "":
        assert status == 200  # no token: the snapshot
        return
    assert status == 400
    assert body["detail"]


def test_a_forged_token_is_a_400(api):
    from django.core import signing

    forged = signing.Signer(salt="another-salt").sign_object({"l": "de", "c": 0})
    assert api.get("sync", token=forged)[0] == 400


# Per page type in the answer (10 here): its detail query and prefetches; the references,
# images and site root paths of all items together. Measured: 23 at both sizes.
SYNC_BUDGET = 25


@pytest.mark.parametrize("size", [5, 40])
def test_sync_needs_a_fixed_number_of_queries(api, home_tree, size, django_assert_max_num_queries):
    for _n in range(size):
        region = RegionPageFactory(parent=home_tree.regions)
        NewsPageFactory(parent=home_tree.news)
        OfficePageFactory(parent=region)
        OrganisationPageFactory(parent=home_tree.organisations, region=region)
        EventPageFactory(parent=home_tree.events, region=region)
    cold_caches()
    with django_assert_max_num_queries(SYNC_BUDGET):
        status, body = api.get("sync", locale="de", limit=100)
    assert status == 200 and len(body["items"]) == min(100, 5 + 5 * size)
