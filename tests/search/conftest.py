"""Fixtures of the search tests: a small bilingual set of pages with the words the issue names."""

from dataclasses import dataclass

import pytest

from tests.api.conftest import ApiClient
from tests.factories import NewsPageFactory, OrganisationPageFactory
from tests.search.evaluation import FOSHAN_ROBOTS, SHANGHAI_PARTS


@dataclass
class SearchContent:
    werkzeug: object  # German profile: "Werkzeugmaschinen"
    robotik: object  # German profile: "Robotikunternehmen"
    foshan: object  # Chinese-first profile: 佛山的机器人公司
    parts: object  # Chinese profile: 汽车零部件
    draft: object  # German draft profile, never in results
    news: object  # German news page about machine tools


@pytest.fixture
def search_content(home_tree, home_tree_zh):
    werkzeug = OrganisationPageFactory(
        parent=home_tree.organisations,
        title="Pfalz Werkzeugmaschinen",
        slug="pfalz-werkzeugmaschinen",
        legal_name="Pfalz Werkzeugmaschinen GmbH",
        summary="Hersteller von Werkzeugmaschinen und Fahrzeugteilen in der Westpfalz.",
    )
    robotik = OrganisationPageFactory(
        parent=home_tree.organisations,
        title="Lautern Automation",
        slug="lautern-automation",
        legal_name="Lautern Automation GmbH",
        summary="Ein Robotikunternehmen aus Kaiserslautern, das Schweißroboter baut.",
    )
    foshan = OrganisationPageFactory(parent=home_tree_zh.organisations, **FOSHAN_ROBOTS)
    parts = OrganisationPageFactory(parent=home_tree_zh.organisations, **SHANGHAI_PARTS)
    draft = OrganisationPageFactory(
        parent=home_tree.organisations,
        title="Geheime Werkzeugmaschinen",
        slug="geheime-werkzeugmaschinen",
        summary="Ein Entwurf über Werkzeugmaschinen.",
        draft=True,
    )
    news = NewsPageFactory(
        parent=home_tree.news,
        title="Werkzeugmaschinenbau in der Westpfalz",
        slug="werkzeugmaschinenbau",
        teaser="Drei Hersteller stellen ihre neuen Werkzeugmaschinen vor.",
    )
    return SearchContent(werkzeug, robotik, foshan, parts, draft, news)


@pytest.fixture
def api(client):
    return ApiClient(client)
