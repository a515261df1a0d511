"""Factories for every page type, snippet and image of the platform.

Pages are live by default and must be given their parent (``parent=...``); a page takes its
parent's locale. ``_create`` does nothing beyond saving the object: no revisions, no images, no
translations. Build a tree with the ``home_tree`` fixture of ``tests/conftest.py``.
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Collection, Locale

from companies.models import (
    CooperationType,
    OrganisationIndexPage,
    OrganisationPage,
    Sector,
)
from home.models import HomePage
from matchmaking.models import OpportunityPage
from news.models import EventIndexPage, EventPage, NewsCategory, NewsIndexPage, NewsPage
from regions.models import ContactPerson, OfficePage, RegionIndexPage, RegionPage


class ImageFactory(wagtail_factories.ImageFactory):
    """A tiny image in the root collection (the stock factory adds a new root collection)."""

    title = factory.Sequence(lambda n: f"Bild {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=8, height=8, color="steelblue")


class BasePageFactory(wagtail_factories.PageFactory):
    """A live page under the given parent, in the parent's locale."""

    locale = factory.LazyAttribute(lambda o: o.parent.locale if o.parent else Locale.get_default())
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        abstract = True

    class Params:
        draft = factory.Trait(
            live=False,
            has_unpublished_changes=True,
            first_published_at=None,
            last_published_at=None,
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("parent") is None:
            raise ValueError(f"{cls.__name__} needs parent=<the parent page>.")
        return super()._create(model_class, *args, **kwargs)


class HomePageFactory(BasePageFactory):
    title = "Wirtschaftsregion Kaiserslautern – China"
    slug = factory.Sequence(lambda n: f"start-{n}")
    intro = "Die Plattform für Unternehmen aus Kaiserslautern und China."

    class Meta:
        model = HomePage


class RegionIndexPageFactory(BasePageFactory):
    title = "Regionen"
    slug = "regionen"

    class Meta:
        model = RegionIndexPage


class RegionPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Region {n}")
    country = "CN"
    province = "Jiangsu"
    summary = factory.LazyAttribute(lambda o: f"{o.title}: Partnerregion der Wirtschaftsregion.")

    class Meta:
        model = RegionPage


class OfficePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Repräsentanz {n}")
    status = OfficePage.Status.OPEN
    opening_date = datetime.date(2025, 9, 12)
    summary = "Büro der Wirtschaftsförderung im Technologiezentrum."
    city = "Yangzhou"
    country = "CN"

    class Meta:
        model = OfficePage


class OrganisationIndexPageFactory(BasePageFactory):
    title = "Organisationen"
    slug = "organisationen"

    class Meta:
        model = OrganisationIndexPage


class OrganisationPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Organisation {n}")
    legal_name = factory.LazyAttribute(lambda o: f"{o.title} GmbH")
    organisation_type = OrganisationPage.OrganisationType.COMPANY
    summary = "Mittelständisches Unternehmen der Automatisierungstechnik."
    city = "Kaiserslautern"
    country = "DE"

    class Meta:
        model = OrganisationPage


class OpportunityPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Kooperationsangebot {n}")
    kind = "business-offer"
    summary = "Ein Angebot."
    valid_until = datetime.date(2099, 12, 31)

    class Meta:
        model = OpportunityPage


class NewsIndexPageFactory(BasePageFactory):
    title = "Nachrichten"
    slug = "nachrichten"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Nachricht {n}")
    date = datetime.date(2025, 9, 17)
    teaser = "Die Delegation ist aus China zurück."

    class Meta:
        model = NewsPage


class EventIndexPageFactory(BasePageFactory):
    title = "Veranstaltungen"
    slug = "veranstaltungen"

    class Meta:
        model = EventIndexPage


class EventPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    format = EventPage.Format.INFORMATION_EVENT
    time_zone = "Europe/Berlin"
    start = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    location = "Kaiserslautern"

    class Meta:
        model = EventPage


class SnippetFactory(factory.django.DjangoModelFactory):
    """A translatable snippet in the default locale unless given another."""

    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        abstract = True


class SectorFactory(SnippetFactory):
    name = factory.Sequence(lambda n: f"Branche {n}")
    nace_code = "C28"
    gbt_code = "C34"

    class Meta:
        model = Sector


class CooperationTypeFactory(SnippetFactory):
    code = factory.Sequence(lambda n: f"kooperation-{n}")
    name = factory.Sequence(lambda n: f"Kooperation {n}")
    category = CooperationType.Category.BUSINESS

    class Meta:
        model = CooperationType


class NewsCategoryFactory(SnippetFactory):
    name = factory.Sequence(lambda n: f"Kategorie {n}")
    slug = factory.Sequence(lambda n: f"kategorie-{n}")

    class Meta:
        model = NewsCategory


class ContactPersonFactory(SnippetFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Leiterin der Repräsentanz"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+86 514 0000 0000"

    class Meta:
        model = ContactPerson
