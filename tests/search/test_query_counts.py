"""Search and suggest need a fixed number of queries, whatever the number of results."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NewsPageFactory, OrganisationPageFactory

pytestmark = pytest.mark.django_db

# count, result page, locales, the pages (one query for the rows and one per page type); the
# user dictionary's content generation check is a cache read.
SEARCH_BUDGET = 6
SUGGEST_BUDGET = 6


def populate(home_tree, count):
    for number in range(count):
        OrganisationPageFactory(
            parent=home_tree.organisations,
            title=f"Robotik Werk {number}",
            summary="Roboter und Automatisierung.",
        )
        NewsPageFactory(parent=home_tree.news, title=f"Robotik News {number}")


def queries_for(client, path, params):
    # A first request memoises the site root paths and the locale ids, as in a running server.
    client.get(path, {**params, "q": params["q"] + " Werk"})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured), response.json()


@pytest.mark.parametrize("size", [2, 12])
def test_search_queries_do_not_grow_with_results(client, home_tree, size):
    populate(home_tree, size)
    count, body = queries_for(client, "/api/v1/search", {"q": "Robotik", "limit": 50})
    assert body["count"] == 2 * size
    assert count <= SEARCH_BUDGET


@pytest.mark.parametrize("size", [2, 12])
def test_suggest_queries_do_not_grow_with_results(client, home_tree, size):
    populate(home_tree, size)
    count, body = queries_for(client, "/api/v1/search/suggest", {"q": "Robo"})
    assert body["suggestions"][0] == "Robotik"
    assert count <= SUGGEST_BUDGET
