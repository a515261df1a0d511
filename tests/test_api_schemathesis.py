"""Property-based tests of the delivery API against its own OpenAPI schema (schemathesis).

Every operation of ``/api/v1/openapi.json`` is called in-process through the WSGI application
(the whole middleware stack, cache included) with generated valid and invalid parameters,
25 examples per operation, on a small bilingual data set. Checked: no response is a 5xx; the
status code, content type and body conform to the schema. (``negative_data_rejection`` is not
checked yet: ``date_to=0`` is accepted, pydantic reading it as a Unix timestamp.)
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import translate_page
from tests.factories import (
    CooperationTypeFactory,
    EventPageFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    OfficePageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
    SectorFactory,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(request, db, home_tree, home_tree_zh, locale_zh):
    """The schema of the running application, with a few live pages in both languages."""
    # schemathesis 4.32 reads the item's `_nodeid`, which pytest 9 no longer has; it only uses
    # it to name the operations in its report.
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid
    sector = SectorFactory(name="Robotik")
    cooperation = CooperationTypeFactory(code="joint-venture")
    category = NewsCategoryFactory(slug="delegation")
    region = RegionPageFactory(parent=home_tree.regions, slug="yangzhou")
    translate_page(region, locale_zh)
    office = OfficePageFactory(parent=region, slug="buero")
    translate_page(office, locale_zh)
    organisation = OrganisationPageFactory(parent=home_tree.organisations, region=region)
    organisation.sectors.set([sector])
    organisation.offers.set([cooperation])
    organisation.save()
    translate_page(organisation, locale_zh)
    news = NewsPageFactory(parent=home_tree.news, category=category)
    translate_page(news, locale_zh)
    EventPageFactory(parent=home_tree.events, region=region)
    # The real WSGI handler closes the database connection after each request, which would end
    # the test's transaction; Django's test client keeps it open the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    # The same examples on every run (no flaky CI), and no example database in the checkout.
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_schema_and_never_fails(case):
    case.call_and_validate(checks=CHECKS)
