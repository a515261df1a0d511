"""Fixtures of the API tests: a JSON-reading client and a small bilingual data set."""

import datetime
from dataclasses import dataclass, field

import pytest
from wagtail.models import Page

from base.models import api_renditions
from tests.conftest import translate_page
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


class ApiClient:
    """GETs an API path with query parameters and returns (status, parsed JSON)."""

    def __init__(self, client):
        self.client = client

    def get(self, endpoint, **params):
        response = self.client.get(f"/api/v1/{endpoint.lstrip('/')}", params)
        return response.status_code, response.json()


@pytest.fixture
def api(client):
    return ApiClient(client)


def translate_snippet(entry, locale, **fields):
    """A saved translation of a taxonomy snippet with the given field values."""
    translation = entry.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def translate(page, locale, **fields):
    """A published translation of the page, with the given fields changed and published."""
    translation = translate_page(page, locale)
    if fields:
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        translation.refresh_from_db()
    return translation


def image_with_renditions(**kwargs):
    """An image whose named API renditions exist (as the pre-generation task leaves them)."""
    image = ImageFactory(**kwargs)
    for spec in api_renditions().values():
        image.get_rendition(spec)
    return image


@dataclass
class Content:
    """The bilingual data set: German pages, some translated to Chinese."""

    tree: object
    tree_zh: object
    robotics: object
    automotive: object
    joint_venture: object
    licensing: object
    delegation: object
    yangzhou: Page
    yangzhou_zh: Page
    shanghai: Page
    office: Page
    office_zh: Page
    bright_dream: Page
    bright_dream_zh: Page
    kl_robotics: Page
    news: Page
    news_zh: Page
    event: Page
    logo: object
    extra: dict = field(default_factory=dict)


@pytest.fixture
def content(home_tree, home_tree_zh, locale_zh):
    robotics = SectorFactory(name="Robotik", nace_code="C28")
    translate_snippet(robotics, locale_zh, name="机器人")
    automotive = SectorFactory(name="Automobil", nace_code="C29")
    joint_venture = CooperationTypeFactory(code="joint-venture", name="Joint Venture")
    translate_snippet(joint_venture, locale_zh, name="合资企业")
    licensing = CooperationTypeFactory(code="licensing", name="Lizenzvergabe")
    delegation = NewsCategoryFactory(name="Delegation", slug="delegation")
    translate_snippet(delegation, locale_zh, name="代表团")

    yangzhou = RegionPageFactory(
        parent=home_tree.regions, title="Yangzhou", slug="yangzhou", province="Jiangsu"
    )
    yangzhou.focus_sectors.set([robotics])
    yangzhou.save_revision().publish()
    yangzhou_zh = translate(yangzhou, locale_zh, title="扬州", province="江苏省")
    shanghai = RegionPageFactory(parent=home_tree.regions, title="Shanghai", slug="shanghai")

    office = OfficePageFactory(parent=yangzhou, title="Repräsentanz Yangzhou", slug="buero")
    office_zh = translate(office, locale_zh, title="扬州代表处")

    logo = image_with_renditions(title="Logo Bright Dream", description="Logo von Bright Dream")
    bright_dream = OrganisationPageFactory(
        parent=home_tree.organisations,
        title="Bright Dream Robotics",
        slug="bright-dream",
        legal_name="广东博智林机器人有限公司",
        organisation_type="company",
        size_band="1000-4999",
        country="CN",
        region=yangzhou,
        logo=logo,
        contact_email="secret-inbox@example.org",
        description=f'<p>Partner von <a linktype="page" id="{yangzhou.pk}">Yangzhou</a>.</p>',
    )
    bright_dream.sectors.set([robotics])
    bright_dream.offers.set([joint_venture])
    bright_dream.seeks.set([licensing])
    bright_dream.save_revision().publish()
    bright_dream_zh = translate(bright_dream, locale_zh, title="博智林机器人")
    kl_robotics = OrganisationPageFactory(
        parent=home_tree.organisations,
        title="KL Robotik GmbH",
        slug="kl-robotik",
        organisation_type="startup",
        country="DE",
        region=None,
    )
    kl_robotics.sectors.set([robotics, automotive])
    kl_robotics.offers.set([licensing])
    kl_robotics.save_revision().publish()

    news = NewsPageFactory(
        parent=home_tree.news,
        title="Absichtserklärung mit Yangzhou unterzeichnet",
        slug="mou-yangzhou",
        date=datetime.date(2025, 9, 12),
        category=delegation,
    )
    news.tags.add("mou")
    news.related_regions.create(region=yangzhou)
    news.related_organisations.create(organisation=bright_dream)
    news.save_revision().publish()
    news_zh = translate(news, locale_zh, title="与扬州签署合作备忘录")

    event = EventPageFactory(
        parent=home_tree.events,
        title="Informationsveranstaltung China",
        slug="infoabend",
        region=yangzhou,
        start=datetime.datetime(2030, 3, 12, 9, 0, tzinfo=datetime.UTC),
    )
    return Content(
        tree=home_tree,
        tree_zh=home_tree_zh,
        robotics=robotics,
        automotive=automotive,
        joint_venture=joint_venture,
        licensing=licensing,
        delegation=delegation,
        yangzhou=yangzhou,
        yangzhou_zh=yangzhou_zh,
        shanghai=shanghai,
        office=office,
        office_zh=office_zh,
        bright_dream=bright_dream,
        bright_dream_zh=bright_dream_zh,
        kl_robotics=kl_robotics,
        news=news,
        news_zh=news_zh,
        event=event,
        logo=logo,
    )
