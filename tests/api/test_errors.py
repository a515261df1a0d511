"""The API's error format: every error is JSON with a message, bad input is a 4xx."""

import pytest

pytestmark = pytest.mark.django_db


def test_unknown_locale_is_a_400_naming_the_valid_locales(api):
    status, body = api.get("sectors", locale="fr")
    assert status == 400
    assert "Unknown locale 'fr'" in body["detail"]
    assert "de, zh-hans" in body["detail"]
    assert body["errors"][0]["field"] == "locale"


@pytest.mark.parametrize("limit", ["0", "101", "abc", "-1", "99999999999999999999999"])
def test_bad_limit_is_a_400_naming_the_field(api, limit):
    status, body = api.get("sectors", limit=limit)
    assert status == 400
    assert body["detail"].startswith("limit: ")
    assert body["errors"][0]["field"] == "limit"


def test_huge_offset_is_a_400(api):
    status, body = api.get("sectors", offset="10000000000000000000")
    assert status == 400
    assert body["errors"][0]["field"] == "offset"


def test_post_is_a_405_in_json(client):
    response = client.post("/api/v1/sectors", {})
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": "Method POST not allowed. Allowed: GET."}


def test_unknown_api_path_is_a_404_in_json(api):
    status, body = api.get("nothing-here")
    assert status == 404
    assert body == {"detail": "No API endpoint at /api/v1/nothing-here."}


def test_openapi_schema_is_served_as_openapi_3_1(api):
    status, schema = api.get("openapi.json")
    assert status == 200
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/sectors" in schema["paths"]


def test_docs_are_served(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
