"""The unfiltered organisation directory is counted on the page table alone; the count must be
exactly the number of items the list can show, in every visibility case and locale."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.api.conftest import translate
from tests.factories import OrganisationIndexPageFactory, OrganisationPageFactory

pytestmark = pytest.mark.django_db


def listed(api, **params):
    status, body = api.get("organisations", limit=100, **params)
    assert status == 200, body
    return body["count"], [item["title"] for item in body["items"]]


def test_unfiltered_count_equals_the_visible_items_in_every_case(
    api, home_tree, home_tree_zh, locale_zh
):
    orgs = home_tree.organisations
    shown = OrganisationPageFactory(parent=orgs, title="Sichtbar")
    translate(shown, locale_zh, title="可见")
    OrganisationPageFactory(parent=orgs, title="Nur Deutsch")
    OrganisationPageFactory(parent=orgs, title="Entwurf", draft=True)
    OrganisationPageFactory(
        parent=orgs, title="Abgelaufen", expire_at=timezone.now() - datetime.timedelta(days=1)
    )
    OrganisationPageFactory(
        parent=orgs, title="Geplant", go_live_at=timezone.now() + datetime.timedelta(days=1)
    )
    # A second directory under a restricted index: its profiles are hidden too.
    hidden_index = OrganisationIndexPageFactory(parent=home_tree.news, slug="intern")
    OrganisationPageFactory(parent=hidden_index, title="Geschützt")
    PageViewRestriction.objects.create(
        page=hidden_index, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    assert listed(api) == (2, ["Nur Deutsch", "Sichtbar"])
    assert listed(api, locale="zh-hans") == (1, ["可见"])
    count, titles = listed(api, locale="zh-hans", fallback="true")
    assert (count, sorted(titles)) == (2, sorted(["可见", "Nur Deutsch"]))
    # A filter counts on the organisations' own table.
    assert listed(api, country="CN")[0] == len(listed(api, country="CN")[1])


def test_the_unfiltered_count_does_not_join_the_organisation_table(api, home_tree):
    OrganisationPageFactory(parent=home_tree.organisations)
    with CaptureQueriesContext(connection) as queries:
        listed(api)
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]
    assert len(counts) == 1
    assert "companies_organisationpage" not in counts[0]
    with CaptureQueriesContext(connection) as queries:
        listed(api, organisation_type="company")
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]
    assert "companies_organisationpage" in counts[0]
