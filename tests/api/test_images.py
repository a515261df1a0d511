"""Responsive images: every image object carries a srcset in WebP and in the original format
(widths of API_SRCSET_WIDTHS, never wider than the original) and its focal point; the
renditions come from the background task, never from a request."""

import pytest
from wagtail.images.models import Rendition

from tests.api.conftest import image_with_renditions
from tests.factories import ImageFactory, RegionPageFactory

pytestmark = pytest.mark.django_db


def test_an_image_has_a_webp_and_an_original_srcset_and_its_focal_point(api, home_tree):
    image = image_with_renditions(
        file__width=1000,
        file__height=600,
        file__filename="yangzhou.png",
        file__format="PNG",
        focal_point_x=700,
        focal_point_y=200,
        focal_point_width=100,
        focal_point_height=80,
    )
    region = RegionPageFactory(parent=home_tree.regions, hero_image=image)
    before = Rendition.objects.count()
    status, body = api.get(f"regions/{region.pk}")
    assert Rendition.objects.count() == before  # nothing generated in a request
    hero = body["hero_image"]
    webp = [entry.split(" ") for entry in hero["srcset"]["webp"].split(", ")]
    original = [entry.split(" ") for entry in hero["srcset"]["original"].split(", ")]
    # 400 and 800, and the original's 1000 once (1200 and 1600 would be upscaling).
    assert [width for _url, width in webp] == ["400w", "800w", "1000w"]
    assert [width for _url, width in original] == ["400w", "800w", "1000w"]
    assert all(url.startswith("http://testserver/media/") for url, _w in webp + original)
    assert all(url.endswith(".webp") for url, _width in webp)
    assert all(url.endswith(".png") for url, _width in original)
    assert hero["focal_point"] == {"x": 700, "y": 200, "width": 100, "height": 80}
    assert set(hero["renditions"]) == {"thumbnail", "medium", "large"}
    # The list item carries the same image object.
    status, body = api.get("regions")
    assert body["items"][0]["hero_image"]["srcset"] == hero["srcset"]


def test_an_image_without_renditions_yet_has_empty_srcsets(api, home_tree):
    region = RegionPageFactory(parent=home_tree.regions, hero_image=ImageFactory())
    status, body = api.get(f"regions/{region.pk}")
    assert body["hero_image"]["srcset"] == {"webp": "", "original": ""}
    assert body["hero_image"]["focal_point"] is None
