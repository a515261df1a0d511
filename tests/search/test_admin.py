"""The Wagtail admin's page search, explorer search and page chooser use the analysed search."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def admin_get(admin_client, url, **params):
    response = admin_client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("机器人", "佛山的机器人公司", "上海申联汽配"),
        ("Werkzeugmaschine", "Pfalz Werkzeugmaschinen", "Lautern Automation"),
        ("Werkzeugm", "Pfalz Werkzeugmaschinen", "Lautern Automation"),  # as typed, a prefix
        ("智造", "佛山的机器人公司", "上海申联汽配"),  # part of a legal name
    ],
)
def test_admin_page_search(admin_client, search_content, query, found, not_found):
    html = admin_get(admin_client, reverse("wagtailadmin_pages:search"), q=query)
    assert found in html
    assert not_found not in html


def test_admin_search_finds_drafts_for_editors(admin_client, search_content):
    """Editors search their drafts too (the public API never shows them)."""
    html = admin_get(admin_client, reverse("wagtailadmin_pages:search"), q="Werkzeugmaschinen")
    assert "Geheime Werkzeugmaschinen" in html


def test_explorer_listing_search(admin_client, search_content, home_tree_zh):
    url = reverse("wagtailadmin_explore", args=[home_tree_zh.organisations.pk])
    html = admin_get(admin_client, url, q="机器人")
    assert "佛山的机器人公司" in html
    assert "上海申联汽配" not in html


def test_page_chooser_search(admin_client, search_content):
    html = admin_get(admin_client, reverse("wagtailadmin_choose_page_search"), q="机器")
    assert "佛山的机器人公司" in html
    html = admin_get(admin_client, reverse("wagtailadmin_choose_page_search"), q="Robotik")
    assert "Lautern Automation" in html
