"""``/api/v1/opportunities``: filters, expiry, detail, errors; query budgets of the list, the
detail and the matches at two data sizes."""

import datetime

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from base.models import forget_locale_ids
from matchmaking.matching import rebuild_all
from tests.factories import OrganisationPageFactory
from tests.matchmaking.conftest import OpportunityPageFactory

pytestmark = pytest.mark.django_db

LIST_BUDGET = 8
DETAIL_BUDGET = 10
MATCHES_BUDGET = 16


def test_list_filters_and_expiry(market, api):
    status, body = api.get("opportunities")
    assert status == 200
    titles = [item["title"] for item in body["items"]]
    assert "Schulungen für Fachkräfte" in titles
    assert "Sensoren für Werkzeugmaschinen gesucht" not in titles  # expired
    status, body = api.get("opportunities", locale="zh-hans")
    assert [i["title"] for i in body["items"]] == ["专业人才培训"]
    item = body["items"][0]
    assert item["kind"] == {"value": "business-offer", "label": "商务供给"}
    assert item["organisation"]["title"] == "苏州学院"
    assert {s["name"] for s in item["sectors"]} == {"教育", "自动化"}
    assert body["count"] == 1
    sector = market.sectors["education"].pk
    for params, expected in (
        ({"kind": "business-offer"}, 1),
        ({"kind": "business-request"}, 0),
        ({"sector": sector}, 1),
        ({"sector": market.sectors["food"].pk}, 0),
        ({"cooperation_type": "skilled-workers"}, 1),
        ({"cooperation_type": "distribution"}, 0),
        ({"country": "CN"}, 0),
    ):
        status, body = api.get("opportunities", locale="zh-hans", **params)
        assert (status, body["count"]) == (200, expected), params


def test_detail_and_errors(market, api):
    page = market.pages["schulung"]
    status, body = api.get(f"opportunities/{page.pk}", locale="de")
    assert status == 200
    assert body["title"] == "Schulungen für Fachkräfte"
    assert body["translations"][0]["locale"] == "zh-hans"
    assert body["valid_until"]
    status, _body = api.get(f"opportunities/{market.pages['abgelaufen'].pk}")
    assert status == 404
    for params, field in (({"kind": "offer"}, "kind"), ({"country": "XX"}, "country")):
        status, body = api.get("opportunities", **params)
        assert status == 400 and field in body["detail"]


def build(market, size):
    owner = market.pages["sensorik"]
    for n in range(size):
        org = OrganisationPageFactory(
            parent=market.tree.organisations,
            title=f"Händler {size}-{n}",
            country="CN",
            summary="Händler für Werkzeugmaschinen und Sensoren.",
        )
        org.sectors.set([market.sectors["machinery"]])
        org.offers.set([market.codes["distribution"]])
        org.seeks.set([market.codes["technology-offer"]])
        org.save()
        opportunity = OpportunityPageFactory(
            parent=org,
            title=f"Gesuch {size}-{n}",
            kind="technology-request",
            summary="Sensoren gesucht.",
            target_countries=["DE"],
            valid_until=timezone.localdate() + datetime.timedelta(days=10),
        )
        opportunity.sectors.set([market.sectors["machinery"]])
        opportunity.save()
    rebuild_all()
    return owner


def count(client, path, **params):
    """Queries of one request from cold per-process caches (site roots, locale ids)."""
    forget_locale_ids()
    for cache in caches.all():
        if isinstance(cache, LocMemCache):
            cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


def measure(client, market, owner):
    listed, body = count(client, "/api/v1/opportunities", limit=100)
    assert listed <= LIST_BUDGET
    detail, _body = count(client, f"/api/v1/opportunities/{market.pages['schulung'].pk}")
    assert detail <= DETAIL_BUDGET
    matched, body = count(client, f"/api/v1/organisations/{owner.pk}/matches", limit=50)
    assert len(body["items"]) >= 3
    assert any(item["opportunity"] for item in body["items"])
    assert matched <= MATCHES_BUDGET
    return listed, detail, matched, len(body["items"])


def test_query_budgets_at_two_sizes(market, client, settings):
    """The same number of queries with 3 and with 33 extra organisations and opportunities."""
    settings.API_CACHE_ENABLED = False
    owner = build(market, 3)
    small = measure(client, market, owner)
    build(market, 30)
    large = measure(client, market, owner)
    assert large[3] > small[3]  # more matches returned ...
    assert large[:3] == small[:3]  # ... with the same queries


def test_in_the_feeds_and_in_search_until_expiry(market, client):
    response = client.get("/api/v1/feeds/opportunities.json", {"locale": "zh-hans"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["专业人才培训"]  # the expired request is not in it
    rss = client.get("/api/v1/feeds/opportunities.rss", {"locale": "de"}).content.decode()
    assert "Schulungen für Fachkräfte" in rss
    assert "Sensoren für Werkzeugmaschinen gesucht" not in rss
    assert client.get("/api/v1/feeds/opportunities.rss", {"kind": "x"}).status_code == 400

    found = client.get("/api/v1/search", {"q": "Schulungen"}).json()["items"]
    assert [(item["type"], item["title"]) for item in found] == [
        ("opportunity", "Schulungen für Fachkräfte")
    ]
    assert found[0]["api_url"].startswith("/api/v1/opportunities/")
    expired = client.get("/api/v1/search", {"q": "Abgelaufenes"}).json()
    assert expired["count"] == 0
