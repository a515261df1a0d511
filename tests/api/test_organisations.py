"""The organisation directory: filters, order, facets, detail, and the private email."""

import pytest

from tests.api.conftest import translate_snippet
from tests.factories import OrganisationPageFactory

pytestmark = pytest.mark.django_db


def titles(api, **params):
    status, body = api.get("organisations", **params)
    assert status == 200, body
    return [item["title"] for item in body["items"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"organisation_type": "startup"}, ["KL Robotik GmbH"]),
        ({"organisation_type": "university"}, []),
        ({"size_band": "1000-4999"}, ["Bright Dream Robotics"]),
        ({"country": "DE"}, ["KL Robotik GmbH"]),
        ({"offers": "joint-venture"}, ["Bright Dream Robotics"]),
        ({"offers": "licensing"}, ["KL Robotik GmbH"]),
        ({"seeks": "licensing"}, ["Bright Dream Robotics"]),
        ({"seeks": "unknown-code"}, []),
        ({"region": "yangzhou"}, ["Bright Dream Robotics"]),
        ({"region": "shanghai"}, []),
        ({"country": "CN", "offers": "licensing"}, []),
    ],
)
def test_filters(api, content, params, expected):
    assert titles(api, **params) == expected


def test_region_filter_takes_the_id_of_any_translation(api, content):
    assert titles(api, region=content.yangzhou.pk) == ["Bright Dream Robotics"]
    assert titles(api, region=content.yangzhou_zh.pk) == ["Bright Dream Robotics"]
    assert titles(api, region=content.yangzhou.pk, locale="zh-hans") == ["博智林机器人"]


def test_sector_filter_takes_the_id_of_any_translation(api, content, locale_zh):
    assert titles(api, sector=content.automotive.pk) == ["KL Robotik GmbH"]
    assert titles(api, sector=content.robotics.pk) == ["Bright Dream Robotics", "KL Robotik GmbH"]
    robotics_zh = type(content.robotics).objects.get(
        translation_key=content.robotics.translation_key, locale=locale_zh
    )
    assert titles(api, sector=robotics_zh.pk) == ["Bright Dream Robotics", "KL Robotik GmbH"]


def test_order(api, content):
    assert titles(api) == ["Bright Dream Robotics", "KL Robotik GmbH"]
    assert titles(api, order="-title") == ["KL Robotik GmbH", "Bright Dream Robotics"]


def test_pagination(api, content):
    status, body = api.get("organisations", limit=1, offset=1)
    assert body["count"] == 2
    assert [item["title"] for item in body["items"]] == ["KL Robotik GmbH"]
    status, body = api.get("organisations", offset=5)
    assert (body["count"], body["items"]) == (2, [])


def test_facets_count_the_filtered_organisations_in_the_locale(api, content, locale_zh):
    translate_snippet(content.automotive, locale_zh, name="汽车")
    status, body = api.get("organisations", facets="true", locale="zh-hans", fallback="true")
    facets = body["facets"]
    assert facets["sectors"] == [
        {"id": content.robotics.pk, "code": "", "label": "机器人", "count": 2},
        {"id": content.automotive.pk, "code": "", "label": "汽车", "count": 1},
    ]
    assert facets["regions"] == [
        {"id": content.yangzhou_zh.pk, "code": "yangzhou", "label": "扬州", "count": 1}
    ]
    assert {(e["code"], e["count"]) for e in facets["organisation_types"]} == {
        ("company", 1),
        ("startup", 1),
    }
    # Most frequent first, then by label.
    assert [(e["code"], e["label"], e["count"]) for e in facets["offers"]] == [
        ("licensing", "Lizenzvergabe", 1),
        ("joint-venture", "合资企业", 1),
    ]
    assert [(e["code"], e["count"]) for e in facets["seeks"]] == [("licensing", 1)]

    status, body = api.get("organisations", facets="true", organisation_type="startup")
    assert [(e["label"], e["count"]) for e in body["facets"]["sectors"]] == [
        ("Automobil", 1),
        ("Robotik", 1),
    ]
    assert body["facets"]["regions"] == []
    assert body["facets"]["seeks"] == []


def test_facets_only_on_request(api, content):
    status, body = api.get("organisations")
    assert "facets" not in body or body["facets"] is None


def test_detail(api, content):
    status, body = api.get(f"organisations/{content.bright_dream.pk}")
    assert status == 200
    assert body["legal_name"] == "广东博智林机器人有限公司"
    assert body["organisation_type"] == {"value": "company", "label": "Unternehmen"}
    assert body["size_band"]["value"] == "1000-4999"
    assert body["description"] == (
        '<p>Partner von <a href="/de/regionen/yangzhou/">Yangzhou</a>.</p>'
    )
    assert [sector["name"] for sector in body["sectors"]] == ["Robotik"]
    assert body["logo"]["alt"] == "Logo von Bright Dream"


def test_the_private_contact_email_never_appears(client, content):
    OrganisationPageFactory(
        parent=content.tree.organisations, contact_email="another-secret@example.org"
    )
    paths = [
        "/api/v1/organisations?facets=true",
        "/api/v1/organisations?locale=zh-hans&fallback=true",
        f"/api/v1/organisations/{content.bright_dream.pk}",
        f"/api/v1/organisations/{content.bright_dream.pk}?locale=zh-hans",
        "/api/v1/pages/resolve?path=/de/organisationen/bright-dream/",
        f"/api/v1/news/{content.news.pk}",
        "/api/v1/openapi.json",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"secret" not in response.content, path
        assert b"contact_email" not in response.content, path
