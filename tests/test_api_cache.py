"""The API response cache, ETags, Cache-Control, Vary and CORS, through real HTTP.

Invalidation is tested per event: each test fills the cache, checks that an unrelated database
write (``QuerySet.update``, which sends no signal) is *not* seen, then performs the event and
checks that the next response is fresh.
"""

import uuid

import pytest
import redis
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from companies.models import OrganisationPage
from regions.models import OfficeContact
from tests.factories import (
    ContactPersonFactory,
    CooperationTypeFactory,
    ImageFactory,
    NewsCategoryFactory,
    OfficePageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

ORGS = "/api/v1/organisations"
CACHE_CONTROL_60 = "public, max-age=60, stale-while-revalidate=30, stale-if-error=86400"


@pytest.fixture
def orgs(home_tree):
    """Two live organisations and one draft."""
    first = OrganisationPageFactory(parent=home_tree.organisations, title="Alpha", slug="alpha")
    second = OrganisationPageFactory(parent=home_tree.organisations, title="Beta", slug="beta")
    draft = OrganisationPageFactory(
        parent=home_tree.organisations, title="Gamma", slug="gamma", draft=True
    )
    return first, second, draft


def get(client, path, data=None, **headers):
    return client.get(path, data, headers=headers)


def titles(response):
    return [item["title"] for item in response.json()["items"]]


def assert_cached(client, path, data=None):
    """The response to path is cached now: a write without a signal is not seen."""
    response = get(client, path, data)
    assert response["X-Cache"] == "HIT", response["X-Cache"]
    return response


# --- Hits, misses, keys ------------------------------------------------------------------------


def test_second_request_is_a_hit_with_the_same_body_and_headers(client, orgs):
    first = get(client, ORGS)
    second = get(client, ORGS)
    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert first.content == second.content
    assert titles(first) == ["Alpha", "Beta"]
    for header in ("ETag", "Cache-Control", "Content-Type"):
        assert first[header] == second[header]
    assert first["Cache-Control"] == CACHE_CONTROL_60


def test_cached_response_survives_a_write_that_sends_no_signal(client, orgs):
    get(client, ORGS)
    OrganisationPage.objects.filter(pk=orgs[0].pk).update(title="Aleph")
    assert titles(assert_cached(client, ORGS)) == ["Alpha", "Beta"]


def test_query_parameter_order_does_not_matter_but_values_do(client, orgs):
    assert get(client, f"{ORGS}?locale=de&limit=1")["X-Cache"] == "MISS"
    assert get(client, f"{ORGS}?limit=1&locale=de")["X-Cache"] == "HIT"
    response = get(client, f"{ORGS}?limit=2&locale=de")
    assert response["X-Cache"] == "MISS"
    assert len(response.json()["items"]) == 2


@override_settings(API_CACHE_MAX_AGE=123)
def test_max_age_comes_from_the_setting(client, orgs):
    assert get(client, ORGS)["Cache-Control"].startswith(
        "public, max-age=123, stale-while-revalidate="
    )


@override_settings(API_CACHE_ENABLED=False)
def test_cache_can_be_switched_off(client, orgs):
    assert get(client, ORGS)["X-Cache"] == "BYPASS"
    OrganisationPage.objects.filter(pk=orgs[0].pk).update(title="Aleph")
    response = get(client, ORGS)
    assert response["X-Cache"] == "BYPASS"
    assert titles(response) == ["Aleph", "Beta"]
    assert response["Cache-Control"] == CACHE_CONTROL_60
    assert response.has_header("ETag")


def test_requests_with_credentials_are_neither_served_from_nor_stored_in_the_cache(client, orgs):
    get(client, ORGS)
    response = get(client, ORGS, Authorization="Bearer abc")
    assert response["X-Cache"] == "BYPASS"
    assert titles(response) == ["Alpha", "Beta"]


def test_bypass_parameter_is_only_honoured_when_a_setting_names_it(client, orgs):
    get(client, ORGS, {"nocache": "1"})
    assert get(client, ORGS, {"nocache": "1"})["X-Cache"] == "HIT"
    with override_settings(API_CACHE_BYPASS_PARAM="nocache"):
        assert get(client, ORGS, {"nocache": "1"})["X-Cache"] == "BYPASS"


def test_preview_is_never_cached(client, orgs):
    response = get(client, "/api/v1/preview", {"token": "x"})
    assert response.status_code == 403
    assert not response.has_header("X-Cache")
    assert not response.has_header("ETag")


def test_errors_are_not_stored_and_say_no_store(client, orgs):
    for _ in range(2):
        response = get(client, ORGS, {"locale": "xx"})
        assert response.status_code == 400
        assert response["X-Cache"] == "MISS"
        assert response["Cache-Control"] == "no-store"
        assert not response.has_header("ETag")
    missing = get(client, f"{ORGS}/999999")
    assert missing.status_code == 404
    assert missing["Cache-Control"] == "no-store"


# --- ETag and conditional requests -------------------------------------------------------------


def test_etag_is_a_strong_hash_of_the_body(client, orgs):
    response = get(client, ORGS)
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    other = get(client, ORGS, {"limit": 1})
    assert other["ETag"] != etag


@pytest.mark.parametrize("cached", [True, False])
def test_if_none_match_answers_304_cached_or_not(client, orgs, cached, settings):
    settings.API_CACHE_ENABLED = cached
    etag = get(client, ORGS)["ETag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = get(client, ORGS, If_None_Match=header)
        assert response.status_code == 304, header
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Cache-Control"] == CACHE_CONTROL_60
    assert get(client, ORGS, If_None_Match='"other"').status_code == 200


def test_etag_changes_when_the_content_changes(client, orgs):
    etag = get(client, ORGS)["ETag"]
    orgs[2].save_revision().publish()
    response = get(client, ORGS, If_None_Match=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_head_shares_the_entry_and_has_no_body(client, orgs):
    head = client.head(ORGS)
    assert head.status_code == 200
    assert head.content == b""
    assert head["X-Cache"] == "MISS"
    response = get(client, ORGS)
    assert response["X-Cache"] == "HIT"
    assert response["ETag"] == head["ETag"]
    assert client.head(ORGS, headers={"If-None-Match": head["ETag"]}).status_code == 304


# --- Vary, cookies, language -------------------------------------------------------------------


def test_public_responses_do_not_vary_on_cookie_or_accept_language(client, orgs, admin_user):
    for response in (get(client, ORGS), get(client, ORGS)):
        vary = response.get("Vary", "").lower()
        assert "cookie" not in vary
        assert "accept-language" not in vary
    # A logged-in editor (session cookie) gets the same shared entry.
    client.force_login(admin_user)
    assert get(client, ORGS)["X-Cache"] == "HIT"


def test_accept_language_and_language_cookie_do_not_change_the_body(client, orgs):
    german = get(client, "/api/v1/openapi.json").content
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(
        "/api/v1/openapi.json?x=1", headers={"Accept-Language": "zh-hans,zh;q=0.9"}
    )
    assert chinese["X-Cache"] == "MISS"
    assert chinese.content == german
    listing = get(client, ORGS, {"locale": "de", "organisation_type": "company"})
    assert listing.json()["items"][0]["organisation_type"]["label"] == "Unternehmen"


def test_content_language_is_the_requested_locale(client, orgs, home_tree_zh):
    assert get(client, ORGS, {"locale": "zh-hans"})["Content-Language"] == "zh-hans"
    assert get(client, ORGS, {"locale": "zh-hans"})["Content-Language"] == "zh-hans"
    assert not get(client, ORGS).has_header("Content-Language")


# --- Invalidation, one test per event ----------------------------------------------------------


def test_publishing_a_page_invalidates(client, orgs):
    get(client, ORGS)
    orgs[2].save_revision().publish()
    response = get(client, ORGS)
    assert response["X-Cache"] == "MISS"
    assert titles(response) == ["Alpha", "Beta", "Gamma"]


def test_saving_a_draft_does_not_invalidate(client, orgs):
    get(client, ORGS)
    orgs[0].title = "Alpha (Entwurf)"
    orgs[0].save_revision()
    assert titles(assert_cached(client, ORGS)) == ["Alpha", "Beta"]


def test_unpublishing_a_page_invalidates(client, orgs):
    get(client, ORGS)
    orgs[1].unpublish()
    response = get(client, ORGS)
    assert response["X-Cache"] == "MISS"
    assert titles(response) == ["Alpha"]


def test_deleting_a_page_invalidates(client, orgs):
    get(client, ORGS)
    Page.objects.get(pk=orgs[0].pk).delete()
    assert titles(get(client, ORGS)) == ["Beta"]


def test_moving_a_page_invalidates(client, home_tree):
    yangzhou = RegionPageFactory(parent=home_tree.regions, slug="yangzhou")
    shanghai = RegionPageFactory(parent=home_tree.regions, slug="shanghai")
    office = OfficePageFactory(parent=yangzhou, slug="buero")
    assert get(client, "/api/v1/offices", {"region": "shanghai"}).json()["count"] == 0
    office.move(shanghai, pos="last-child")
    response = get(client, "/api/v1/offices", {"region": "shanghai"})
    assert response["X-Cache"] == "MISS"
    assert response.json()["items"][0]["url"] == "/de/regionen/shanghai/buero/"


def test_view_restriction_invalidates(client, orgs):
    get(client, ORGS)
    PageViewRestriction.objects.create(
        page=orgs[0], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    assert titles(get(client, ORGS)) == ["Beta"]


def test_wagtail_localize_translation_publish_invalidates(
    client, orgs, home_tree_zh, locale_zh, django_capture_on_commit_callbacks
):
    listing = get(client, ORGS, {"locale": "zh-hans"})
    assert listing.json()["count"] == 0
    source, _created = TranslationSource.get_or_create_from_instance(orgs[0])
    translation = Translation.objects.create(source=source, target_locale=locale_zh)
    # The editor's "publish" in wagtail-localize: the translated page is published on commit.
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    response = get(client, ORGS, {"locale": "zh-hans"})
    assert response["X-Cache"] == "MISS"
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("factory", "endpoint", "field", "label"),
    [
        (SectorFactory, "/api/v1/sectors", "name", "name"),
        (CooperationTypeFactory, "/api/v1/cooperation-types", "name", "name"),
        (NewsCategoryFactory, "/api/v1/news-categories", "name", "name"),
    ],
)
def test_snippet_change_invalidates(client, db, factory, endpoint, field, label):
    entry = factory(**{field: "Alt"})
    assert [item[label] for item in get(client, endpoint).json()["items"]] == ["Alt"]
    type(entry).objects.filter(pk=entry.pk).update(**{field: "Ohne Signal"})
    assert_cached(client, endpoint)
    setattr(entry, field, "Neu")
    entry.save()
    assert [item[label] for item in get(client, endpoint).json()["items"]] == ["Neu"]
    entry.delete()
    assert get(client, endpoint).json()["items"] == []


def test_contact_person_change_invalidates(client, home_tree):
    region = RegionPageFactory(parent=home_tree.regions)
    office = OfficePageFactory(parent=region)
    person = ContactPersonFactory(name="Li Wei")
    office.contacts.add(OfficeContact(person=person))
    office.save_revision().publish()
    path = f"/api/v1/offices/{office.pk}"
    assert [c["name"] for c in get(client, path).json()["contacts"]] == ["Li Wei"]
    person.name = "Wang Fang"
    person.save()
    assert [c["name"] for c in get(client, path).json()["contacts"]] == ["Wang Fang"]


def test_image_change_invalidates(client, home_tree):
    logo = ImageFactory(title="Altes Logo")
    org = OrganisationPageFactory(parent=home_tree.organisations, logo=logo)
    path = f"/api/v1/organisations/{org.pk}"
    assert get(client, path).json()["logo"]["alt"] == "Altes Logo"
    logo.title = "Neues Logo"
    logo.save()
    assert get(client, path).json()["logo"]["alt"] == "Neues Logo"


# --- CORS --------------------------------------------------------------------------------------


@override_settings(CORS_ALLOWED_ORIGINS=["https://frontend.example.org"])
def test_cors_allows_configured_origins_only_also_on_cached_responses(client, orgs):
    allowed = get(client, ORGS, Origin="https://frontend.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://frontend.example.org"
    assert "origin" in allowed["Vary"].lower()
    other = get(client, ORGS, Origin="https://evil.example.com")
    assert other["X-Cache"] == "HIT"
    assert not other.has_header("Access-Control-Allow-Origin")
    again = get(client, ORGS, Origin="https://frontend.example.org")
    assert again["X-Cache"] == "HIT"
    assert again["Access-Control-Allow-Origin"] == "https://frontend.example.org"


@override_settings(CORS_ALLOWED_ORIGINS=["https://frontend.example.org"])
def test_cors_preflight_and_scope(client, orgs):
    preflight = client.options(
        ORGS,
        headers={
            "Origin": "https://frontend.example.org",
            "Access-Control-Request-Method": "GET",
        },
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://frontend.example.org"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    # Only the API: the public pages and the admin send no CORS headers.
    page = client.get("/de/", headers={"Origin": "https://frontend.example.org"})
    assert not page.has_header("Access-Control-Allow-Origin")


# --- Redis -------------------------------------------------------------------------------------


def test_cache_and_invalidation_work_on_redis(client, orgs):
    prefix = f"test-api-cache-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        }
    }
    connection = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        with override_settings(CACHES=caches):
            assert get(client, ORGS)["X-Cache"] == "MISS"
            assert connection.keys(f"{prefix}:*"), "nothing was stored in Redis"
            assert get(client, ORGS)["X-Cache"] == "HIT"
            orgs[2].save_revision().publish()
            response = get(client, ORGS)
            assert response["X-Cache"] == "MISS"
            assert titles(response) == ["Alpha", "Beta", "Gamma"]
            assert get(client, ORGS)["X-Cache"] == "HIT"
    finally:
        keys = connection.keys(f"{prefix}:*")
        if keys:
            connection.delete(*keys)
