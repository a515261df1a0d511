"""Fixtures of the matchmaking tests: a small bilingual market of organisations and
opportunities, German- and Chinese-written, with their match profiles computed."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from matchmaking.matching import rebuild_all
from tests.api.conftest import ApiClient, translate, translate_snippet
from tests.factories import (
    CooperationTypeFactory,
    OpportunityPageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
    SectorFactory,
)


@pytest.fixture
def api(client):
    return ApiClient(client)


@dataclass
class Market:
    tree: object
    tree_zh: object
    locale_de: object
    locale_zh: object
    sectors: dict
    codes: dict
    regions: dict
    pages: dict = field(default_factory=dict)

    def organisation(
        self,
        key,
        title,
        summary,
        country,
        sectors=(),
        offers=(),
        seeks=(),
        region=None,
        targets=(),
        written_in="de",
        translated=True,
        **extra,
    ):
        """An organisation written in ``written_in`` ((German, Chinese) pairs for title and
        summary), translated into the other locale unless ``translated`` is False."""
        source, other = (0, 1) if written_in == "de" else (1, 0)
        tree = self.tree if written_in == "de" else self.tree_zh
        page = OrganisationPageFactory(
            parent=tree.organisations,
            title=title[source],
            slug=key,
            summary=summary[source],
            country=country,
            region=self.regions.get(region) if region else None,
            contact_name=f"Kontakt {key}",
            contact_email=f"{key}@example.org",
            **extra,
        )
        page.sectors.set([self.sectors[s] for s in sectors])
        page.offers.set([self.codes[c] for c in offers])
        page.seeks.set([self.codes[c] for c in seeks])
        page.target_regions.set([self.regions[r] for r in targets])
        page.save_revision().publish()
        self.pages[key] = page
        if translated:
            locale = self.locale_zh if written_in == "de" else self.locale_de
            self.pages[f"{key}@other"] = translate(
                page, locale, title=title[other], summary=summary[other], slug=f"{key}-t"
            )
        return page

    def opportunity(
        self, key, owner, kind, title, summary, sectors=(), codes=(), translated=True, **extra
    ):
        owner_page = self.pages[owner]
        page = OpportunityPageFactory(
            parent=owner_page, title=title[0], slug=key, kind=kind, summary=summary[0], **extra
        )
        page.sectors.set([self.sectors[s] for s in sectors])
        page.cooperation_types.set([self.codes[c] for c in codes])
        page.save_revision().publish()
        self.pages[key] = page
        chinese = owner_page.locale_id == self.locale_zh.pk
        other = self.locale_de if chinese else self.locale_zh
        if translated and owner_page.get_translation_or_none(other):
            source, target = (1, 0) if chinese else (0, 1)
            page.title, page.summary = title[source], summary[source]
            page.save_revision().publish()
            self.pages[f"{key}@other"] = translate(
                page, other, title=title[target], summary=summary[target], slug=f"{key}-t"
            )
        return page


SECTORS = {
    "machinery": ("Maschinenbau", "机械制造"),
    "food": ("Nahrungsmittel", "食品"),
    "automation": ("Automatisierung", "自动化"),
    "education": ("Bildung", "教育"),
}
CODES = {
    "technology-offer": ("Technologieangebot", "技术供给"),
    "distribution": ("Vertriebspartnerschaft", "分销合作"),
    "joint-venture": ("Joint Venture", "合资企业"),
    "production-space": ("Büro- und Produktionsflächen", "办公与生产场地"),
    "skilled-workers": ("Fachkräfte und Ausbildung", "专业人才与培训"),
    "research-cooperation": ("Forschungskooperation", "科研合作"),
}


@pytest.fixture
def market_base(home_tree, home_tree_zh, locale_de, locale_zh):
    sectors, codes = {}, {}
    for key, (de, zh) in SECTORS.items():
        sectors[key] = SectorFactory(name=de)
        translate_snippet(sectors[key], locale_zh, name=zh)
    for code, (de, zh) in CODES.items():
        codes[code] = CooperationTypeFactory(code=code, name=de)
        translate_snippet(codes[code], locale_zh, name=zh)
    regions = {}
    for key, (de, zh, country) in {
        "kaiserslautern": ("Kaiserslautern", "凯泽斯劳滕", "DE"),
        "suzhou": ("Suzhou", "苏州", "CN"),
    }.items():
        region = RegionPageFactory(parent=home_tree.regions, title=de, slug=key, country=country)
        regions[key] = region
        translate(region, locale_zh, title=zh)
    return Market(home_tree, home_tree_zh, locale_de, locale_zh, sectors, codes, regions)


@pytest.fixture
def market(market_base):
    """The done-when case: a German sensor maker offering technology and seeking distribution,
    a Chinese distributor of the same sector seeking technology, distractors, a better-fitting
    draft and an expired opportunity."""
    m = market_base
    m.organisation(
        "sensorik",
        ("Lautern Sensorik GmbH", "劳特传感器有限公司"),
        (
            "Wir entwickeln Sensoren für Werkzeugmaschinen und suchen einen Vertriebspartner "
            "in China.",
            "我们为机床开发传感器，正在中国寻找分销合作伙伴。",
        ),
        "DE",
        sectors=["machinery"],
        offers=["technology-offer"],
        seeks=["distribution"],
        region="kaiserslautern",
        targets=["suzhou"],
    )
    m.organisation(
        "haendler",
        ("Suzhou Maschinenhandel", "苏州机械贸易有限公司"),
        (
            "Händler für Werkzeugmaschinen in Ostchina, sucht Technologie aus Deutschland.",
            "华东地区的机床经销商，寻求来自德国的技术。",
        ),
        "CN",
        sectors=["machinery"],
        offers=["distribution"],
        seeks=["technology-offer"],
        region="suzhou",
        targets=["kaiserslautern"],
        written_in="zh",
    )
    m.organisation(
        "lebensmittel",
        ("Suzhou Lebensmittelhandel", "苏州食品贸易"),
        ("Großhandel für Lebensmittel.", "食品批发。"),
        "CN",
        sectors=["food"],
        offers=["distribution"],
        region="suzhou",
        written_in="zh",
    )
    m.organisation(
        "akademie",
        ("Suzhou Akademie", "苏州学院"),
        ("Ausbildung von Fachkräften.", "培养专业人才。"),
        "CN",
        sectors=["education"],
        offers=["skilled-workers"],
        seeks=["research-cooperation"],
        region="suzhou",
        written_in="zh",
    )
    m.organisation(
        "nachbar",
        ("Pfälzer Vertrieb GmbH", "普法尔茨销售有限公司"),
        (
            "Vertrieb von Werkzeugmaschinen, sucht Technologie.",
            "机床销售，寻求技术。",
        ),
        "DE",
        sectors=["machinery"],
        offers=["distribution"],
        seeks=["technology-offer"],
        region="kaiserslautern",
    )
    draft = m.organisation(
        "entwurf",
        ("Perfekter Händler (Entwurf)", "完美经销商（草稿）"),
        (
            "Händler für Sensoren und Werkzeugmaschinen in Suzhou, sucht Technologie und "
            "Sensoren aus Deutschland.",
            "苏州的传感器和机床经销商，寻求来自德国的技术和传感器。",
        ),
        "CN",
        sectors=["machinery"],
        offers=["distribution"],
        seeks=["technology-offer"],
        region="suzhou",
        targets=["kaiserslautern"],
        written_in="zh",
    )
    m.opportunity(
        "abgelaufen",
        "lebensmittel",
        "business-request",
        ("Sensoren für Werkzeugmaschinen gesucht", "寻求机床传感器"),
        ("Abgelaufenes Gesuch nach Sensoren.", "已过期的传感器需求。"),
        sectors=["machinery"],
        codes=["technology-offer"],
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    m.opportunity(
        "schulung",
        "akademie",
        "business-offer",
        ("Schulungen für Fachkräfte", "专业人才培训"),
        ("Kurse in Automatisierung.", "自动化课程。"),
        sectors=["education", "automation"],
        codes=["skilled-workers"],
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
    )
    rebuild_all()
    # The draft had a profile while it was live; unpublished without the task having run,
    # its profile is stale: the request must still leave it out.
    type(draft).objects.filter(translation_key=draft.translation_key).update(live=False)
    return m
