"""URLs of the API benchmark (``cms.settings.benchmark``): the site's URLs plus Wagtail's API v2
(``/api/v2/``, for comparison) and a floor view returning pre-rendered bytes.

Never part of ``cms.urls``: Wagtail's API v2 is not exposed publicly (PRODUCT.md, decision 4).
"""

from django.http import HttpResponse
from django.urls import path
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from base.models import api_renditions
from cms.urls import urlpatterns as site_urlpatterns
from companies.models import OrganisationPage

# The fields of our organisation list item that API v2 can express (it has no translations).
OrganisationPage.api_fields = [
    APIField("legal_name"),
    APIField("organisation_type"),
    APIField("size_band"),
    APIField("summary"),
    APIField("city"),
    APIField("country"),
    APIField("region"),
    APIField("website"),
    APIField("founding_year"),
    APIField("logo"),
    *(
        APIField(f"logo_{name}", serializer=ImageRenditionField(spec, source="logo"))
        for name, spec in api_renditions().items()
    ),
    APIField("sectors"),
    APIField("offers"),
    APIField("seeks"),
]

v2_router = WagtailAPIRouter("wagtailapi")
v2_router.register_endpoint("pages", PagesAPIViewSet)

_floor_bodies = {}


def floor(request):
    """The floor: Django's request cycle around bytes rendered once per size (``?size=``)."""
    try:
        size = min(max(int(request.GET.get("size", "20000")), 2), 1_000_000)
    except ValueError:
        size = 20000
    body = _floor_bodies.get(size)
    if body is None:
        body = _floor_bodies[size] = b'"' + b"x" * (size - 2) + b'"'
    return HttpResponse(body, content_type="application/json")


urlpatterns = [
    path("benchmark/floor", floor),
    path("api/v2/", v2_router.urls),
    *site_urlpatterns,
]

handler500 = "cms.errors.handler500"
