"""The editors' matchmaking report: best cross-border pairs, filters, CSV; not for
organisations."""

import pytest
from django.core import mail  # noqa: F401

from companies.onboarding import invite_organisation

pytestmark = pytest.mark.django_db


def test_report_pairs_filters_and_csv(
    market, client, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    page = client.get("/admin/reports/matchmaking/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lautern Sensorik GmbH" in html and "Suzhou Maschinenhandel" in html
    food = market.sectors["food"].pk
    filtered = client.get("/admin/reports/matchmaking/", {"sector": food}).content.decode()
    table = filtered.split("<tbody>")[1]
    assert "Suzhou Lebensmittelhandel" in table  # the food sector's organisation ...
    assert "Suzhou Maschinenhandel" not in table  # ... and not the machinery one
    csv = client.get("/admin/reports/matchmaking/", {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Suzhou Maschinenhandel" in text and "Sucht, was Sie bieten" in text
    assert "Perfekter Händler" not in text  # the draft
    with django_capture_on_commit_callbacks(execute=True):
        user = invite_organisation(market.pages["sensorik"], "team@sensorik.example").user
    client.force_login(user)
    assert client.get("/admin/reports/matchmaking/").status_code in (302, 403)
