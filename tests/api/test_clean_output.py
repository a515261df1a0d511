"""Rich text leaves the API without the editor's internal attributes (Draftail's
``data-block-key``), in StreamField blocks and rich text fields alike."""

import pytest
from wagtail.rich_text import RichText

from tests.factories import OrganisationPageFactory, RegionPageFactory

pytestmark = pytest.mark.django_db

HTML = (
    '<h2 data-block-key="a1b2c">Überblick</h2>'
    '<p data-block-key="d3e4f">Text mit <a linktype="page" id="{id}">Link</a>.</p>'
)


def test_rich_text_has_no_block_keys(api, home_tree):
    region = RegionPageFactory(parent=home_tree.regions, slug="yangzhou")
    region.body = [("paragraph", RichText(HTML.format(id=region.pk)))]
    region.save()
    organisation = OrganisationPageFactory(
        parent=home_tree.organisations, description=HTML.format(id=region.pk)
    )
    _status, body = api.get(f"regions/{region.pk}")
    html = body["body"][0]["value"]
    assert html == ('<h2>Überblick</h2><p>Text mit <a href="/de/regionen/yangzhou/">Link</a>.</p>')
    _status, body = api.get(f"organisations/{organisation.pk}")
    assert "data-block-key" not in body["description"]
    assert body["description"].startswith("<h2>Überblick</h2>")
