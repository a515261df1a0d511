"""A small bilingual news and event set for the feed, digest and webhook tests."""

import datetime
from dataclasses import dataclass

import pytest
from wagtail.rich_text import RichText

from tests.api.conftest import image_with_renditions, translate
from tests.factories import (
    EventPageFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    RegionPageFactory,
)


@dataclass
class FeedContent:
    tree: object
    tree_zh: object
    region: object
    region_zh: object
    news: object
    news_zh: object
    other_news: object
    event: object
    event_zh: object
    image: object


@pytest.fixture
def feed_content(home_tree, home_tree_zh, locale_zh, settings):
    settings.FRONTEND_BASE_URL = "https://www.kl-china.example"
    settings.FRONTEND_BASE_URLS = {"zh-hans": "https://cn.kl-china.example"}
    settings.API_MEDIA_BASE_URL = "https://media.kl-china.example"
    region = RegionPageFactory(parent=home_tree.regions, title="Yangzhou", slug="yangzhou")
    region_zh = translate(region, locale_zh, title="扬州", slug="yangzhou")
    image = image_with_renditions(title="Delegation", description="Die Delegation in Yangzhou")
    category = NewsCategoryFactory(name="Delegation", slug="delegation")
    body = [
        (
            "paragraph",
            RichText(f'<p>Mehr über <a linktype="page" id="{region.pk}">Yangzhou</a>.</p>'),
        ),
        ("quote", {"text": "Ein guter Anfang.", "author": "Anna Becker", "role": "WFK"}),
        ("call_to_action", {"text": "Zur Region", "page": region, "url": ""}),
    ]
    news = NewsPageFactory(
        parent=home_tree.news,
        title="MoU mit Yangzhou",
        slug="mou",
        teaser="Die Absichtserklärung ist unterzeichnet.",
        hero_image=image,
        category=category,
        body=body,
        include_in_newsletter=True,
        first_published_at=datetime.datetime(2026, 9, 11, 8, 0, tzinfo=datetime.UTC),
        last_published_at=datetime.datetime(2026, 9, 12, 8, 0, tzinfo=datetime.UTC),
    )
    news.save_revision().publish()
    news_zh = translate(
        news,
        locale_zh,
        title="与扬州签署合作备忘录",
        teaser="合作备忘录已经签署。",
        slug="mou",
        body=[
            (
                "paragraph",
                RichText(f'<p>了解<a linktype="page" id="{region.pk}">扬州</a>。</p>'),
            )
        ],
    )
    other_news = NewsPageFactory(
        parent=home_tree.news,
        title="Intern",
        slug="intern",
        include_in_newsletter=False,
        first_published_at=datetime.datetime(2026, 9, 1, 8, 0, tzinfo=datetime.UTC),
    )
    event = EventPageFactory(
        parent=home_tree.events,
        title="Startup-Konferenz",
        slug="konferenz",
        time_zone="Asia/Shanghai",
        start=datetime.datetime(2030, 5, 12, 1, 30, tzinfo=datetime.UTC),
        region=region,
        teaser="Startups aus beiden Ländern.",
        hero_image=image,
    )
    event.save_revision().publish()
    event_zh = translate(event, locale_zh, title="初创企业大会", teaser="两国的初创企业。")
    return FeedContent(
        tree=home_tree,
        tree_zh=home_tree_zh,
        region=region,
        region_zh=region_zh,
        news=news,
        news_zh=news_zh,
        other_news=other_news,
        event=event,
        event_zh=event_zh,
        image=image,
    )
