"""Query budgets: every list endpoint at most 8 queries, every detail at most 10 (resolving a
path one more), whatever the size of the data and the page. Locked at two data sizes (5 and 60
of each) and at limit 100.

The site root paths Wagtail uses for page URLs are cached; the caches are cleared before each
request, so the counts include filling that cache (2 queries).
"""

import datetime

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.models import Embed
from wagtail.rich_text import RichText

from news.models import NewsRelatedOffice, NewsRelatedOrganisation, NewsRelatedRegion
from regions.models import RegionPartnerOrganisation
from tests.api.conftest import image_with_renditions, translate
from tests.factories import (
    CooperationTypeFactory,
    EventPageFactory,
    ImageFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    OfficePageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

LIST_BUDGET = 8
DETAIL_BUDGET = 10


def build(tree, locale_zh, size):
    """``size`` regions, offices, organisations, news and events with all their relations,
    the first of each translated into Chinese. Relations are saved with the page (no
    revisions), which keeps 60 of each quick to build."""
    sectors = [SectorFactory() for _ in range(3)]
    cooperation = [CooperationTypeFactory() for _ in range(3)]
    category = NewsCategoryFactory()
    image = image_with_renditions()
    pages = {"regions": [], "offices": [], "organisations": [], "news": [], "events": []}
    for n in range(size):
        region = RegionPageFactory(parent=tree.regions, hero_image=image)
        office = OfficePageFactory(parent=region)
        organisation = OrganisationPageFactory(
            parent=tree.organisations, region=region, logo=image, size_band="10-49"
        )
        organisation.sectors.set(sectors)
        organisation.offers.set(cooperation[:2])
        organisation.seeks.set(cooperation[1:])
        organisation.target_regions.set([region])
        organisation.save()
        region.focus_sectors.set(sectors[:2])
        region.partner_organisations.add(RegionPartnerOrganisation(organisation=organisation))
        region.save()
        news = NewsPageFactory(parent=tree.news, category=category, hero_image=image)
        news.tags.add("mou", f"tag-{n}")
        news.related_regions.add(NewsRelatedRegion(region=region))
        news.related_offices.add(NewsRelatedOffice(office=office))
        news.related_organisations.add(NewsRelatedOrganisation(organisation=organisation))
        news.save()
        event = EventPageFactory(
            parent=tree.events,
            region=region,
            hero_image=image,
            start=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(days=n),
        )
        pages["regions"].append(region)
        pages["offices"].append(office)
        pages["organisations"].append(organisation)
        pages["news"].append(news)
        pages["events"].append(event)
    body = rich_body(pages["regions"][0], ImageFactory(), image)
    for key in ("regions", "offices", "news", "events"):
        pages[key][0].body = body
        pages[key][0].save()
    organisation = pages["organisations"][0]
    organisation.description = body[0][1].source
    organisation.save()
    for key in ("regions", "offices", "organisations", "news", "events"):
        translate(pages[key][0], locale_zh)
    return pages


def rich_body(linked_page, inline_image, block_image):
    """A body with every kind of reference: a rich text link and image, an image block, an
    embed and a call to action to a page."""
    url = "https://www.youtube.com/watch?v=example"
    Embed.objects.create(
        url=url, hash="e" * 32, html="<iframe></iframe>", type="video", provider_name="YouTube"
    )
    html = (
        f'<p>Siehe <a linktype="page" id="{linked_page.pk}">Region</a>.</p>'
        f'<embed alt="Bild" embedtype="image" format="fullwidth" id="{inline_image.pk}"/>'
    )
    return [
        ("paragraph", RichText(html)),
        ("image", {"image": block_image, "caption": "Unterschrift", "credit": ""}),
        ("embed", EmbedValue(url)),
        ("call_to_action", {"text": "Mehr", "page": linked_page, "url": ""}),
    ]


@pytest.fixture(params=[5, 60], ids=["5-each", "60-each"])
def data(request, home_tree, home_tree_zh, locale_zh):
    return build(home_tree, locale_zh, request.param)


DETAILS = ["regions", "offices", "organisations", "news", "events"]


def list_requests(data):
    """Every list endpoint, unfiltered and with filters that match the data."""
    region = data["regions"][0]
    organisation = data["organisations"][0]
    sector = organisation.sectors.first()
    offer = organisation.offers.first()
    return [
        ("regions", {}),
        ("regions", {"country": "CN", "order": "-title"}),
        ("offices", {}),
        ("offices", {"region": region.slug, "status": "open"}),
        ("organisations", {}),
        ("organisations", {"facets": "true"}),
        (
            "organisations",
            {"facets": "true", "sector": sector.pk, "offers": offer.code, "region": region.pk},
        ),
        ("news", {}),
        (
            "news",
            {"newsletter": "true", "date_from": "2020-01-01", "region": region.pk, "tag": "mou"},
        ),
        ("news", {"organisation": organisation.pk, "category": data["news"][0].category.slug}),
        ("events", {"when": "upcoming", "region": region.pk}),
        ("sectors", {}),
        ("cooperation-types", {}),
        ("news-categories", {}),
    ]


def cold_caches():
    """Empty the local-memory caches, so each request also fills Wagtail's site root paths."""
    for cache in caches.all():
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.mark.parametrize("size", [5, 60])
def test_every_list_and_detail_stays_within_budget(
    api, home_tree, home_tree_zh, locale_zh, size, django_assert_max_num_queries
):
    data = build(home_tree, locale_zh, size)
    requests = list_requests(data)
    for locale in ("de", "zh-hans"):
        for endpoint, params in requests:
            cold_caches()
            with django_assert_max_num_queries(LIST_BUDGET):
                status, body = api.get(
                    endpoint, locale=locale, fallback="true", limit=100, **params
                )
            assert status == 200, (endpoint, params, body)
            assert body["count"] > 0, (endpoint, params)
            if endpoint in DETAILS and not params:
                assert body["count"] == size, (endpoint, locale)
        for resource in DETAILS:
            page = data[resource][0]
            cold_caches()
            with django_assert_max_num_queries(DETAIL_BUDGET):
                status, body = api.get(f"{resource}/{page.pk}", locale=locale)
            assert (status, body["locale"]) == (200, locale), resource
            # Resolving a path costs one lookup more than the detail it returns.
            cold_caches()
            with django_assert_max_num_queries(DETAIL_BUDGET + 1):
                status, body = api.get("pages/resolve", path=body["url"])
            assert (status, body["locale"]) == (200, locale), resource
