"""The API cache under changes and failures, in one process: targeted invalidation,
stale-while-revalidate with single flight, stale-if-error, an unreachable cache (a closed port),
missed invalidations replayed, the rate limit's local fallback."""

import time

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.test import override_settings

from api import cache as api_cache_module
from api.cache import TAG_KEY, cache_key, reset_circuit
from api.models import MissedInvalidation
from api.ratelimit import check_rate_limit
from companies.models import OrganisationPage
from news.models import NewsPage
from regions.models import RegionPage
from tests.factories import NewsPageFactory, OrganisationPageFactory, RegionPageFactory
from tests.resilience.conftest import closed_port

pytestmark = pytest.mark.django_db

ORGS = "/api/v1/organisations"
NEWS = "/api/v1/news"
REGIONS = "/api/v1/regions"


@pytest.fixture
def content(home_tree):
    region = RegionPageFactory(parent=home_tree.regions, title="Yangzhou", slug="yangzhou")
    org = OrganisationPageFactory(parent=home_tree.organisations, title="Alpha", slug="alpha")
    news = NewsPageFactory(parent=home_tree.news, title="Erste", slug="erste")
    draft = NewsPageFactory(parent=home_tree.news, title="Zweite", slug="zweite", draft=True)
    return {"region": region, "org": org, "news": news, "draft": draft, "tree": home_tree}


def warm(client, *paths):
    for path in paths:
        assert client.get(path)["X-Cache"] in ("MISS", "HIT")
        assert client.get(path)["X-Cache"] == "HIT", path


# --- Targeted invalidation ---------------------------------------------------------------------


def test_publishing_news_keeps_organisations_and_empties_news_and_undeclared(client, content):
    warm(client, ORGS, NEWS, REGIONS, f"{ORGS}/{content['org'].pk}")
    content["draft"].save_revision().publish()
    assert client.get(ORGS)["X-Cache"] == "HIT"
    assert client.get(f"{ORGS}/{content['org'].pk}")["X-Cache"] == "HIT"
    news = client.get(NEWS)
    assert news["X-Cache"] == "MISS"
    assert [item["title"] for item in news.json()["items"]].count("Zweite") == 1
    # /regions declares nothing specific: any change empties it (the safe default).
    assert client.get(REGIONS)["X-Cache"] == "MISS"


def test_a_profile_edit_keeps_news_and_empties_organisations(client, content):
    warm(client, ORGS, NEWS, f"{NEWS}/{content['news'].pk}")
    org = content["org"]
    org.title = "Alpha GmbH"
    org.save_revision().publish()
    assert client.get(NEWS)["X-Cache"] == "HIT"
    assert client.get(f"{NEWS}/{content['news'].pk}")["X-Cache"] == "HIT"
    response = client.get(ORGS)
    assert response["X-Cache"] == "MISS"
    assert [item["title"] for item in response.json()["items"]] == ["Alpha GmbH"]


def test_publishing_one_news_item_keeps_the_other_details(client, content, home_tree_zh, locale_zh):
    from tests.conftest import translate_page

    other = content["news"]
    changed = NewsPageFactory(parent=content["tree"].news, title="Dritte", slug="dritte")
    chinese = translate_page(changed, locale_zh)
    paths = [f"{NEWS}/{other.pk}", f"{NEWS}/{changed.pk}", f"{NEWS}/{chinese.pk}?locale=de"]
    warm(client, *paths)
    changed.title = "Dritte (neu)"
    changed.save_revision().publish()
    assert client.get(paths[0])["X-Cache"] == "HIT"
    for path in paths[1:]:  # by the id of either translation
        response = client.get(path)
        assert response["X-Cache"] == "MISS", path
        assert response.json()["title"] == "Dritte (neu)"


def test_news_that_refers_to_an_organisation_follows_its_changes(client, content):
    from news.models import NewsRelatedOrganisation

    news = content["news"]
    news.related_organisations.add(NewsRelatedOrganisation(organisation=content["org"]))
    news.save_revision().publish()
    detail = f"{NEWS}/{news.pk}"
    warm(client, detail)
    org = content["org"]
    org.title = "Alpha AG"
    org.save_revision().publish()
    response = client.get(detail)
    assert response["X-Cache"] == "MISS"
    assert response.json()["related_organisations"][0]["title"] == "Alpha AG"


def test_an_untargeted_page_or_a_snippet_empties_everything(client, content):
    warm(client, ORGS, NEWS)
    region = RegionPage.objects.get(pk=content["region"].pk)
    region.title = "Yangzhou (neu)"
    region.save_revision().publish()
    assert client.get(ORGS)["X-Cache"] == "MISS"
    assert client.get(NEWS)["X-Cache"] == "MISS"


def test_a_news_filter_naming_an_organisation_depends_on_every_page(client, content):
    path = f"{NEWS}?organisation={content['org'].pk}"
    warm(client, path)
    content["org"].save_revision().publish()
    assert client.get(path)["X-Cache"] == "MISS"


# --- Stale-while-revalidate, single flight, stale-if-error --------------------------------------


def stale_setup(client, content):
    warm(client, ORGS)
    org = content["org"]
    org.title = "Alpha neu"
    org.save_revision().publish()


def org_titles(response):
    return [item["title"] for item in response.json()["items"]]


@override_settings(API_CACHE_STALE_SECONDS=10)
def test_stale_entry_is_served_at_once_and_recomputed_after_the_response(client, content):
    stale_setup(client, content)
    stale = client.get(ORGS)
    assert (stale["X-Cache"], org_titles(stale)) == ("STALE", ["Alpha"])
    # That request recomputed the entry after its response was sent.
    fresh = client.get(ORGS)
    assert (fresh["X-Cache"], org_titles(fresh)) == ("HIT", ["Alpha neu"])


@override_settings(API_CACHE_STALE_SECONDS=10)
def test_a_304_to_a_stale_entry_still_revalidates_it(client, content):
    warm(client, ORGS)
    etag = client.get(ORGS)["ETag"]
    org = content["org"]
    org.title = "Alpha neu"
    org.save_revision().publish()
    not_modified = client.get(ORGS, headers={"If-None-Match": etag})
    assert (not_modified.status_code, not_modified["X-Cache"]) == (304, "STALE")
    fresh = client.get(ORGS)
    assert (fresh["X-Cache"], org_titles(fresh)) == ("HIT", ["Alpha neu"])


@override_settings(API_CACHE_STALE_SECONDS=10)
def test_single_flight_only_the_lock_holder_recomputes(client, content, rf):
    stale_setup(client, content)
    lock = f"{cache_key(rf.get(ORGS))}:lock"
    caches["default"].add(lock, 1, 10)  # another request is recomputing
    for _ in range(2):
        assert client.get(ORGS)["X-Cache"] == "STALE"  # and none of them recomputes
    caches["default"].delete(lock)
    assert client.get(ORGS)["X-Cache"] == "STALE"  # takes the lock, recomputes afterwards
    assert org_titles(client.get(ORGS)) == ["Alpha neu"]


@override_settings(API_CACHE_STALE_SECONDS=10, API_CACHE_REVALIDATE_SECONDS=60)
def test_an_entry_that_keeps_going_stale_is_recomputed_once_per_interval(client, content, rf):
    stale_setup(client, content)
    assert client.get(ORGS)["X-Cache"] == "STALE"  # recomputed after the response
    assert org_titles(client.get(ORGS)) == ["Alpha neu"]
    org = OrganisationPage.objects.get(pk=content["org"].pk)
    org.title = "Alpha neuer"
    org.save_revision().publish()
    for _ in range(2):  # within the interval: served stale, not recomputed
        response = client.get(ORGS)
        assert (response["X-Cache"], org_titles(response)) == ("STALE", ["Alpha neu"])
    caches["default"].delete(f"{cache_key(rf.get(ORGS))}:lock")  # the interval is over
    assert client.get(ORGS)["X-Cache"] == "STALE"
    fresh = client.get(ORGS)
    assert (fresh["X-Cache"], org_titles(fresh)) == ("HIT", ["Alpha neuer"])


@override_settings(API_CACHE_STALE_SECONDS=10)
def test_staleness_is_bounded(client, content):
    stale_setup(client, content)
    # The change happened 20 s ago (tag versions are the clock time of the change).
    caches["default"].set(
        TAG_KEY.format("page:companies.organisationpage"), time.time_ns() - 20 * 10**9, None
    )
    response = client.get(ORGS)
    assert (response["X-Cache"], org_titles(response)) == ("MISS", ["Alpha neu"])


def test_stale_if_error_serves_the_old_entry_when_the_database_fails(client, content, monkeypatch):
    stale_setup(client, content)

    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(OrganisationPage.objects, "for_api", fail)
    response = client.get(ORGS)
    assert response["X-Cache"] == "STALE-IF-ERROR"
    assert response.status_code == 200


# --- The cache unreachable ----------------------------------------------------------------------


def unreachable_cache():
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "cms.cache_backend.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
                "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
            }
        }
    )


def test_with_the_cache_down_the_api_answers_and_publishing_succeeds(client, content, caplog):
    with unreachable_cache():
        started = time.monotonic()
        response = client.get(NEWS)
        assert time.monotonic() - started < 1  # one connection timeout (0.2 s) at most
        assert response.status_code == 200
        assert response["X-Cache"] == "MISS"
        content["draft"].save_revision().publish()
        assert NewsPage.objects.live().filter(pk=content["draft"].pk).exists()
        assert "Zweite" in [item["title"] for item in client.get(NEWS).json()["items"]]
    assert "Cache unavailable" in caplog.text
    assert MissedInvalidation.objects.exists()


def test_missed_invalidations_are_replayed_once_the_cache_is_back(client, content):
    warm(client, NEWS)
    with unreachable_cache():
        content["draft"].save_revision().publish()
    reset_circuit()
    api_cache_module._replay["checked_at"] = 0.0
    response = client.get(NEWS)
    assert response["X-Cache"] == "MISS"  # hard-invalidated: not even served stale
    assert "Zweite" in [item["title"] for item in response.json()["items"]]
    assert not MissedInvalidation.objects.exists()


def test_rate_limit_counts_locally_when_the_cache_is_down(rf, caplog):
    request = rf.post("/api/v1/inquiries", REMOTE_ADDR="198.51.100.7")
    with unreachable_cache():
        check_rate_limit(request, "test-local", 2, 3600, "wait {retry_after}")
        check_rate_limit(request, "test-local", 2, 3600, "wait {retry_after}")
        with pytest.raises(Exception, match="wait"):
            check_rate_limit(request, "test-local", 2, 3600, "wait {retry_after}")
    assert "counted in this process only" in caplog.text
