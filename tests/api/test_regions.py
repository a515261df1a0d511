"""Regions and their offices: lists, filters, order, details with relations."""

import datetime

import pytest

from regions.models import OfficeContact, RegionPartnerOrganisation
from tests.api.conftest import translate_snippet
from tests.factories import ContactPersonFactory, OfficePageFactory, RegionPageFactory

pytestmark = pytest.mark.django_db


def titles(api, endpoint, **params):
    status, body = api.get(endpoint, **params)
    assert status == 200, body
    return [item["title"] for item in body["items"]]


def test_regions_in_tree_order_or_by_title(api, content):
    assert titles(api, "regions") == ["Yangzhou", "Shanghai"]
    assert titles(api, "regions", order="title") == ["Shanghai", "Yangzhou"]
    assert titles(api, "regions", order="-title") == ["Yangzhou", "Shanghai"]


def test_region_filters(api, content):
    RegionPageFactory(
        parent=content.tree.regions, title="Kaiserslautern", country="DE", role="home"
    )
    assert titles(api, "regions", country="DE") == ["Kaiserslautern"]
    assert titles(api, "regions", role="partner") == ["Yangzhou", "Shanghai"]


def test_region_item(api, content):
    status, body = api.get("regions", locale="zh-hans")
    (item,) = body["items"]
    assert item["province"] == "江苏省"
    # Choice labels come in the requested language (locale/zh_Hans).
    assert item["country"] == {"value": "CN", "label": "中国"}
    assert [sector["name"] for sector in item["focus_sectors"]] == ["机器人"]


def test_region_detail_has_partner_organisations_and_offices_in_the_locale(api, content):
    content.yangzhou_zh.partner_organisations.add(
        RegionPartnerOrganisation(organisation=content.bright_dream)
    )
    content.yangzhou_zh.save_revision().publish()
    status, body = api.get(f"regions/{content.yangzhou_zh.pk}", locale="zh-hans")
    assert status == 200
    assert [(o["id"], o["title"]) for o in body["partner_organisations"]] == [
        (content.bright_dream_zh.pk, "博智林机器人")
    ]
    assert [(o["id"], o["url"]) for o in body["offices"]] == [
        (content.office_zh.pk, "/zh-hans/regionen/yangzhou/buero/")
    ]


def test_offices_filtered_by_region_and_status(api, content):
    OfficePageFactory(parent=content.shanghai, title="Büro Shanghai", status="planned")
    assert titles(api, "offices") == ["Repräsentanz Yangzhou", "Büro Shanghai"]
    assert titles(api, "offices", region="shanghai") == ["Büro Shanghai"]
    assert titles(api, "offices", region=content.yangzhou_zh.pk) == ["Repräsentanz Yangzhou"]
    assert titles(api, "offices", region="yangzhou", locale="zh-hans") == ["扬州代表处"]
    assert titles(api, "offices", status="planned") == ["Büro Shanghai"]
    assert titles(api, "offices", status="closed") == []


def test_offices_by_opening_date(api, content):
    OfficePageFactory(
        parent=content.shanghai, title="Büro Shanghai", opening_date=datetime.date(2025, 9, 15)
    )
    assert titles(api, "offices", order="-opening_date") == [
        "Büro Shanghai",
        "Repräsentanz Yangzhou",
    ]


def test_office_item_names_its_region_in_the_locale(api, content):
    status, body = api.get("offices", locale="zh-hans")
    assert body["items"][0]["region"]["title"] == "扬州"
    assert body["items"][0]["status"] == {"value": "open", "label": "已开业"}


def test_office_detail_has_contacts_with_localised_role_and_facilities(api, content, locale_zh):
    person = ContactPersonFactory(name="Li Wei", role="Leiterin der Repräsentanz")
    translate_snippet(person, locale_zh, role="代表处主任")
    content.office.contacts.add(OfficeContact(person=person))
    content.office.facilities = ["coworking", "offices"]
    content.office.save_revision().publish()
    status, body = api.get(f"offices/{content.office.pk}")
    assert body["contacts"] == [
        {
            "name": "Li Wei",
            "role": "Leiterin der Repräsentanz",
            "email": person.email,
            "phone": person.phone,
            "photo": None,
        }
    ]
    assert [f["value"] for f in body["facilities"]] == ["coworking", "offices"]
    assert body["region"]["id"] == content.yangzhou.pk

    # The Chinese office has its own contacts (synchronised): the role comes in Chinese.
    content.office_zh.contacts.add(OfficeContact(person=person))
    content.office_zh.save_revision().publish()
    status, body = api.get(f"offices/{content.office_zh.pk}", locale="zh-hans")
    assert [c["role"] for c in body["contacts"]] == ["代表处主任"]
