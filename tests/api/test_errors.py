"""The API's error format: every error is JSON with a message (``{"detail": ...}``), bad input
is a 4xx naming the parameter, never a 500; and the OpenAPI schema."""

import pytest

pytestmark = pytest.mark.django_db

LIST_ENDPOINTS = [
    "regions",
    "offices",
    "organisations",
    "news",
    "events",
    "sectors",
    "cooperation-types",
    "news-categories",
]
DETAIL_ENDPOINTS = ["regions", "offices", "organisations", "news", "events"]


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
def test_unknown_locale_is_a_400_naming_the_valid_locales(api, endpoint):
    status, body = api.get(endpoint, locale="fr")
    assert status == 400
    assert "Unknown locale 'fr'" in body["detail"]
    assert "Valid locales: de, zh-hans." in body["detail"]
    assert body["errors"][0]["field"] == "locale"


@pytest.mark.parametrize("limit", ["0", "101", "abc", "-1", "99999999999999999999999"])
def test_bad_limit_is_a_400_naming_the_field(api, limit):
    status, body = api.get("organisations", limit=limit)
    assert status == 400
    assert body["detail"].startswith("limit: ")
    assert body["errors"][0]["field"] == "limit"


def test_limit_100_is_allowed(api):
    assert api.get("organisations", limit=100)[0] == 200


def test_huge_offset_is_a_400(api):
    status, body = api.get("sectors", offset="10000000000000000000")
    assert status == 400
    assert body["errors"][0]["field"] == "offset"


@pytest.mark.parametrize(
    ("endpoint", "allowed"),
    [
        ("organisations", "'title', '-title', 'founding_year', '-founding_year'"),
        ("news", "'-date', 'date', 'title' or '-title'"),
        ("events", "'start', '-start', 'title' or '-title'"),
        ("regions", "'tree', 'title' or '-title'"),
        ("offices", "'tree', 'title', '-title', 'opening_date' or '-opening_date'"),
    ],
)
def test_unknown_order_is_a_400_naming_the_allowed_values(api, endpoint, allowed):
    status, body = api.get(endpoint, order="path")
    assert status == 400
    assert body["errors"][0]["field"] == "order"
    assert allowed in body["detail"]


@pytest.mark.parametrize(
    ("endpoint", "params", "field"),
    [
        ("organisations", {"sector": "robotik"}, "sector"),
        ("organisations", {"sector": "0"}, "sector"),
        ("organisations", {"organisation_type": "robot"}, "organisation_type"),
        ("organisations", {"size_band": "huge"}, "size_band"),
        ("organisations", {"country": "XX"}, "country"),
        ("organisations", {"offers": "no spaces"}, "offers"),
        ("organisations", {"seeks": "a/b"}, "seeks"),
        ("organisations", {"region": "a b"}, "region"),
        ("organisations", {"facets": "maybe"}, "facets"),
        ("news", {"date_from": "2025-13-01"}, "date_from"),
        ("news", {"date_to": "yesterday"}, "date_to"),
        ("news", {"organisation": "-5"}, "organisation"),
        ("news", {"newsletter": "perhaps"}, "newsletter"),
        ("news", {"category": "<script>"}, "category"),
        ("news", {"tag": "\x00"}, "tag"),
        ("events", {"when": "tomorrow"}, "when"),
        ("events", {"format": "party"}, "format"),
        ("offices", {"status": "busy"}, "status"),
        ("regions", {"role": "enemy"}, "role"),
        ("regions", {"fallback": "sometimes"}, "fallback"),
        ("pages/resolve", {"path": "/de/\x00/"}, "path"),
        ("pages/resolve", {}, "path"),
    ],
)
def test_bad_filter_value_is_a_400_naming_the_field(api, endpoint, params, field):
    status, body = api.get(endpoint, **params)
    assert status == 400, body
    assert [error["field"] for error in body["errors"]] == [field]
    assert body["detail"].startswith(f"{field}: ")


def test_an_inverted_date_range_is_a_400(api):
    status, body = api.get("news", date_from="2025-09-30", date_to="2025-09-01")
    assert status == 400
    assert "date_from must not be after date_to" in body["detail"]


def test_a_well_formed_but_unknown_filter_value_matches_nothing(api):
    status, body = api.get("organisations", sector="999999", region="999999999999")
    assert (status, body["count"]) == (200, 0)


@pytest.mark.parametrize("endpoint", DETAIL_ENDPOINTS)
def test_unknown_id_is_a_404_in_json(client, endpoint):
    response = client.get(f"/api/v1/{endpoint}/999999")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith("No ")


@pytest.mark.parametrize("page_id", ["0", "abc", "2147483648", "99999999999999999999"])
def test_invalid_id_is_a_400(api, page_id):
    status, body = api.get(f"organisations/{page_id}")
    assert status == 400
    assert body["errors"][0]["field"] == "id"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/sectors", "/api/v1/organisations/1"])
def test_writes_are_a_405_in_json(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": f"Method {method.upper()} not allowed. Allowed: GET."}


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/sectors/", "/api/v1/x/y/z"])
def test_unknown_api_path_is_a_404_in_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": f"No API endpoint at {path}."}


# --- OpenAPI ---------------------------------------------------------------------------------


def resolve_refs(node, schema, seen=None):
    """Every $ref in the schema points at an existing component."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref:
            assert ref.startswith("#/components/schemas/"), ref
            assert ref.rsplit("/", 1)[1] in schema["components"]["schemas"], ref
        for value in node.values():
            resolve_refs(value, schema)
    elif isinstance(node, list):
        for value in node:
            resolve_refs(value, schema)


def test_openapi_schema_is_openapi_3_1_with_every_path(api):
    status, schema = api.get("openapi.json")
    assert status == 200
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["version"] == "1"
    expected = {
        "/api/v1/regions",
        "/api/v1/regions/{id}",
        "/api/v1/offices",
        "/api/v1/offices/{id}",
        "/api/v1/organisations",
        "/api/v1/organisations/{id}",
        "/api/v1/news",
        "/api/v1/news/{id}",
        "/api/v1/newsletter/digest",
        "/api/v1/events",
        "/api/v1/events/{id}",
        "/api/v1/sectors",
        "/api/v1/cooperation-types",
        "/api/v1/news-categories",
        "/api/v1/pages/resolve",
        "/api/v1/preview",
        "/api/v1/search",
        "/api/v1/search/suggest",
        "/api/v1/inquiries",
        "/api/v1/redirects",
        "/api/v1/navigation",
        "/api/v1/sync",
        "/api/v1/opportunities",
        "/api/v1/opportunities/{id}",
        "/api/v1/opportunities/{id}/matches",
        "/api/v1/organisations/{id}/matches",
        "/api/v1/interests",
    }
    assert set(schema["paths"]) == expected
    for path, operations in schema["paths"].items():
        method = "post" if path in ("/api/v1/inquiries", "/api/v1/interests") else "get"
        assert set(operations) == {method}, path
        operation = operations[method]
        assert operation["summary"], path
        assert {"200", "202"} & set(operation["responses"]), path
        assert "400" in operation["responses"], path
    resolve_refs(schema, schema)


def test_openapi_documents_the_parameters(api):
    _status, schema = api.get("openapi.json")
    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/v1/organisations"]["get"]["parameters"]
    }
    assert {"locale", "fallback", "limit", "offset", "region", "sector", "offers", "seeks"} <= set(
        parameters
    )
    assert parameters["limit"]["schema"]["maximum"] == 100
    order = parameters["order"]["schema"]
    assert order["enum"] == [
        "title",
        "-title",
        "founding_year",
        "-founding_year",
        "-last_published_at",
    ]


def test_docs_are_served(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_api_root_points_at_schema_and_docs(api):
    status, body = api.get("")
    assert status == 200
    assert body["openapi"] == "/api/v1/openapi.json"
    assert body["docs"] == "/api/v1/docs"


def test_head_is_answered_like_get_without_a_body(client):
    response = client.head("/api/v1/sectors")
    assert response.status_code == 200
    assert response.content == b""


def test_docs_load_swagger_ui_from_this_server_not_a_cdn(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html and "https://" not in html
