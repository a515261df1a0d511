"""What wagtail-localize translates and what it copies unchanged, declared and in action."""

import datetime
from decimal import Decimal

import pytest
from modelcluster.fields import ParentalKey
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from companies.models import CooperationType, OrganisationIndexPage, OrganisationPage, Sector
from home.models import HomePage
from news.models import (
    EventIndexPage,
    EventPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
)
from regions.models import (
    ContactPerson,
    OfficeContact,
    OfficePage,
    RegionIndexPage,
    RegionPage,
)
from tests.factories import (
    ContactPersonFactory,
    CooperationTypeFactory,
    ImageFactory,
    OfficePageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
    SectorFactory,
)

PAGE_TEXTS = {"title", "slug", "seo_title", "search_description"}

# model -> (translated fields, synchronised fields)
EXPECTED = {
    HomePage: (PAGE_TEXTS | {"intro", "body"}, {"hero_image"}),
    RegionIndexPage: (PAGE_TEXTS | {"intro"}, set()),
    RegionPage: (
        PAGE_TEXTS | {"province", "summary", "body", "key_facts", "milestones"},
        {
            "country",
            "role",
            "hero_image",
            "focus_sectors",
            "latitude",
            "longitude",
            "partner_organisations",
        },
    ),
    OfficePage: (
        PAGE_TEXTS | {"summary", "host_institution", "street", "city", "services", "body"},
        {
            "status",
            "opening_date",
            "postal_code",
            "country",
            "floor_area_m2",
            "facilities",
            "latitude",
            "longitude",
            "contacts",
        },
    ),
    OrganisationIndexPage: (PAGE_TEXTS | {"intro"}, set()),
    OrganisationPage: (
        PAGE_TEXTS
        | {
            "street",
            "city",
            "summary",
            "description",
            "products_and_services",
            "certifications",
            "contact_role",
        },
        {
            "legal_name",
            "organisation_type",
            "sectors",
            "size_band",
            "founding_year",
            "website",
            "region",
            "postal_code",
            "country",
            "working_languages",
            "offers",
            "seeks",
            "target_regions",
            "contact_name",
            "contact_email",
            "logo",
            "profile_reviewed_at",
        },
    ),
    NewsIndexPage: (PAGE_TEXTS | {"intro"}, set()),
    NewsPage: (
        PAGE_TEXTS | {"teaser", "body"},
        {
            "date",
            "hero_image",
            "category",
            "tagged_items",
            "include_in_newsletter",
            "related_regions",
            "related_offices",
            "related_organisations",
        },
    ),
    EventIndexPage: (PAGE_TEXTS | {"intro"}, set()),
    EventPage: (
        PAGE_TEXTS | {"location", "teaser", "body"},
        {
            "start",
            "end",
            "time_zone",
            "region",
            "format",
            "hero_image",
            "registration_url",
            "registration_deadline",
        },
    ),
    Sector: ({"name"}, {"nace_code", "gbt_code"}),
    CooperationType: ({"name", "description"}, {"code", "category"}),
    NewsCategory: ({"name"}, {"slug"}),
    ContactPerson: ({"role"}, {"name", "email", "phone", "photo"}),
}


def declared(model, kind):
    return {f.field_name for f in get_translatable_fields(model) if type(f) is kind}


def own_content_fields(model):
    """The fields a model adds itself (not Page's or TranslatableMixin's), with child relations.

    A tag manager counts as its through relation (``tags`` is stored in ``tagged_items``).
    """
    names = set()
    for field in model._meta.get_fields():
        is_child_relation = (
            field.auto_created
            and isinstance(getattr(field, "field", None), ParentalKey)
            and field.field.related_model is model
        )
        is_own_field = (
            getattr(field, "model", None) is model
            and not field.auto_created
            and (field.concrete or field.many_to_many)
        )
        if is_child_relation or (is_own_field and field.name != "tags"):
            names.add(field.name)
    return names - {"locale", "translation_key", "id"}


@pytest.mark.parametrize("model", EXPECTED, ids=lambda m: m.__name__)
def test_translated_and_synchronised_fields_are_declared_exactly(model):
    translated, synchronised = EXPECTED[model]
    assert declared(model, TranslatableField) == translated
    assert declared(model, SynchronizedField) == synchronised


@pytest.mark.parametrize("model", EXPECTED, ids=lambda m: m.__name__)
def test_every_content_field_is_either_translated_or_synchronised(model):
    """A field added later must be given a translation rule, not silently left out."""
    translated, synchronised = EXPECTED[model]
    assert own_content_fields(model) - PAGE_TEXTS == (translated | synchronised) - PAGE_TEXTS
    for rule in get_translatable_fields(model):
        rule.get_field(model)  # raises FieldDoesNotExist on a typo


# German source text -> Chinese translation, as a translator would enter them.
CHINESE = {
    "Bright Dream Robotics": "博智林机器人",
    "Roboter für die Bauindustrie.": "面向建筑业的机器人。",
    "Wir entwickeln Bauroboter.": "我们研发建筑机器人。",
    "Repräsentanz Foshan": "佛山代表处",
    "Büro im Technologiezentrum.": "科技中心内的办公室。",
    "Robotik": "机器人技术",
}


def translate(instance, locale, publish_on_commit):
    """Submit the instance to wagtail-localize, translate the known strings, save the target."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(source=source, target_locale=locale)
    add_string_translations(translation)
    with publish_on_commit(execute=True):
        translation.save_target(publish=True)
    return translation


def add_string_translations(translation):
    segments = translation.source.stringsegment_set.select_related("string", "context")
    for segment in segments:
        if segment.string.data in CHINESE:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
                defaults={"data": CHINESE[segment.string.data]},
            )


@pytest.fixture
def organisation(home_tree, home_tree_zh):
    return OrganisationPageFactory(
        parent=home_tree.organisations,
        title="Bright Dream Robotics",
        legal_name="广东博智林机器人有限公司",
        organisation_type=OrganisationPage.OrganisationType.COMPANY,
        summary="Roboter für die Bauindustrie.",
        description="<p>Wir entwickeln Bauroboter.</p>",
        founding_year=2018,
        profile_reviewed_at=datetime.date(2025, 9, 15),
        website="https://www.bzlrobot.com",
        city="Foshan",
        country="CN",
        working_languages=["zh", "en"],
        contact_email="partner@example.cn",
        logo=ImageFactory(),
        sectors=[SectorFactory(name="Robotik")],
        offers=[CooperationTypeFactory(code="joint-venture")],
    )


@pytest.mark.django_db
def test_translating_an_organisation_copies_synchronised_fields(
    organisation, locale_zh, django_capture_on_commit_callbacks
):
    translate(organisation, locale_zh, django_capture_on_commit_callbacks)

    chinese = organisation.get_translation(locale_zh)
    assert chinese.live
    assert chinese.get_parent().specific_class is OrganisationIndexPage
    assert chinese.get_parent().locale == locale_zh
    # translated
    assert chinese.title == "博智林机器人"
    assert chinese.summary == "面向建筑业的机器人。"
    assert chinese.description == "<p>我们研发建筑机器人。</p>"
    # copied unchanged
    assert chinese.legal_name == "广东博智林机器人有限公司"
    assert chinese.founding_year == 2018
    assert chinese.profile_reviewed_at == datetime.date(2025, 9, 15)
    assert chinese.website == "https://www.bzlrobot.com"
    assert chinese.working_languages == ["zh", "en"]
    assert chinese.contact_email == "partner@example.cn"
    assert chinese.logo_id == organisation.logo_id
    assert set(chinese.sectors.all()) == set(organisation.sectors.all())
    assert set(chinese.offers.all()) == set(organisation.offers.all())
    # a string nobody translated yet falls back to the German source
    assert chinese.city == "Foshan"


@pytest.mark.django_db
def test_changed_synchronised_fields_reach_the_translation(
    organisation, locale_zh, django_capture_on_commit_callbacks
):
    translation = translate(organisation, locale_zh, django_capture_on_commit_callbacks)
    automation = SectorFactory(name="Automatisierung")

    organisation.legal_name = "广东博智林机器人股份有限公司"
    organisation.founding_year = 2017
    organisation.sectors = [automation]
    organisation.save_revision().publish()
    translation.source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    chinese = organisation.get_translation(locale_zh)
    assert chinese.legal_name == "广东博智林机器人股份有限公司"
    assert chinese.founding_year == 2017
    assert list(chinese.sectors.all()) == [automation]
    assert chinese.title == "博智林机器人"  # the translation itself is kept
    live = chinese.live_revision.as_object()
    assert live.legal_name == "广东博智林机器人股份有限公司"
    assert list(live.sectors.all()) == [automation]


@pytest.mark.django_db
def test_translating_an_office_keeps_coordinates_dates_and_contacts(
    home_tree, home_tree_zh, locale_zh, django_capture_on_commit_callbacks
):
    region = RegionPageFactory(parent=home_tree.regions, title="Foshan")
    translate(region, locale_zh, django_capture_on_commit_callbacks)
    person = ContactPersonFactory(name="Li Wei")
    office = OfficePageFactory(
        parent=region,
        title="Repräsentanz Foshan",
        summary="Büro im Technologiezentrum.",
        opening_date=datetime.date(2025, 9, 16),
        latitude=Decimal("23.021500"),
        longitude=Decimal("113.121400"),
        floor_area_m2=120,
        facilities=["offices", "meeting_rooms"],
        contacts=[OfficeContact(person=person)],
    )

    translate(office, locale_zh, django_capture_on_commit_callbacks)

    chinese = office.get_translation(locale_zh)
    assert chinese.get_parent().pk == region.get_translation(locale_zh).pk
    assert (chinese.title, chinese.summary) == ("佛山代表处", "科技中心内的办公室。")
    assert (chinese.latitude, chinese.longitude) == (Decimal("23.021500"), Decimal("113.121400"))
    assert chinese.opening_date == datetime.date(2025, 9, 16)
    assert chinese.floor_area_m2 == 120
    assert chinese.facilities == ["offices", "meeting_rooms"]
    assert [contact.person for contact in chinese.contacts.all()] == [person]


@pytest.mark.django_db
def test_translating_a_sector_translates_its_name_and_keeps_its_codes(
    locale_zh, django_capture_on_commit_callbacks
):
    sector = SectorFactory(name="Robotik", nace_code="C28", gbt_code="C34")

    translation = translate(sector, locale_zh, django_capture_on_commit_callbacks)

    chinese = sector.get_translation(locale_zh)
    assert chinese.pk != sector.pk
    assert (chinese.name, chinese.nace_code, chinese.gbt_code) == ("机器人技术", "C28", "C34")

    sector.gbt_code = "C349"
    sector.save()
    translation.source.update_from_db()
    translation.save_target()
    chinese.refresh_from_db()
    assert (chinese.name, chinese.gbt_code) == ("机器人技术", "C349")


@pytest.mark.parametrize("model", EXPECTED, ids=lambda m: m.__name__)
def test_each_model_declares_its_own_rules(model):
    """Without translatable_fields wagtail-localize guesses, and skips M2M fields."""
    assert "translatable_fields" in vars(model)
