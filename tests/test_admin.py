"""The Wagtail admin in German and Chinese: page and snippet views render, forms validate."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile

from companies.models import CooperationType, OrganisationIndexPage, OrganisationPage, Sector
from home.models import HomePage
from matchmaking.models import OpportunityPage
from news.models import EventIndexPage, EventPage, NewsCategory, NewsIndexPage, NewsPage
from regions.models import ContactPerson, OfficePage, RegionIndexPage, RegionPage
from tests import factories
from tests.test_tree import PAGE_TYPES

PARENT_TYPE = {
    HomePage: None,  # the root
    RegionIndexPage: HomePage,
    RegionPage: RegionIndexPage,
    OfficePage: RegionPage,
    OrganisationIndexPage: HomePage,
    OrganisationPage: OrganisationIndexPage,
    OpportunityPage: OrganisationPage,
    NewsIndexPage: HomePage,
    NewsPage: NewsIndexPage,
    EventIndexPage: HomePage,
    EventPage: EventIndexPage,
}
FACTORY = {
    HomePage: factories.HomePageFactory,
    RegionIndexPage: factories.RegionIndexPageFactory,
    RegionPage: factories.RegionPageFactory,
    OfficePage: factories.OfficePageFactory,
    OrganisationIndexPage: factories.OrganisationIndexPageFactory,
    OrganisationPage: factories.OrganisationPageFactory,
    OpportunityPage: factories.OpportunityPageFactory,
    NewsIndexPage: factories.NewsIndexPageFactory,
    NewsPage: factories.NewsPageFactory,
    EventIndexPage: factories.EventIndexPageFactory,
    EventPage: factories.EventPageFactory,
}
SNIPPETS = [Sector, CooperationType, NewsCategory, ContactPerson]
ADMIN_LANGUAGES = ["de", "zh-hans"]


def build(page_type):
    """A page of the type with the chain of parents it needs, up to the root."""
    parent_type = PARENT_TYPE[page_type]
    parent = Page.get_first_root_node() if parent_type is None else build(parent_type)
    return FACTORY[page_type](parent=parent)


def set_admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def assert_admin_page(response, language):
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


def type_ids(page_type):
    return page_type.__name__


@pytest.mark.django_db
@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=type_ids)
def test_page_edit_view_renders(admin_client, admin_user, page_type, language):
    page = build(page_type)
    set_admin_language(admin_user, language)

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert_admin_page(response, language)
    assert response.context["page"].pk == page.pk


@pytest.mark.django_db
@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=type_ids)
def test_page_create_view_renders_under_its_parent(admin_client, admin_user, page_type, language):
    parent_type = PARENT_TYPE[page_type]
    parent = Page.get_first_root_node() if parent_type is None else build(parent_type)
    set_admin_language(admin_user, language)
    meta = page_type._meta

    response = admin_client.get(
        reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])
    )

    assert_admin_page(response, language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
@pytest.mark.parametrize("model", SNIPPETS, ids=type_ids)
def test_snippet_listing_and_create_views_render(admin_client, admin_user, model, language):
    factory = getattr(factories, f"{model.__name__}Factory")
    item = factory()
    set_admin_language(admin_user, language)
    namespace = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}"

    listing = admin_client.get(reverse(f"{namespace}:list"))
    create = admin_client.get(reverse(f"{namespace}:add"))
    edit = admin_client.get(reverse(f"{namespace}:edit", args=[item.pk]))

    assert_admin_page(listing, language)
    assert str(item) in listing.content.decode()
    assert_admin_page(create, language)
    assert_admin_page(edit, language)


@pytest.mark.django_db
def test_preferences_offer_german_and_chinese_as_admin_languages(admin_client, admin_user):
    response = admin_client.get(reverse("wagtailadmin_account"))

    assert response.status_code == 200
    html = response.content.decode()
    soup = WagtailTestUtils.get_soup(html)
    select = soup.find("select", attrs={"name": "locale-preferred_language"})
    offered = {option["value"]: option.get_text(strip=True) for option in select.find_all("option")}
    assert offered["de"] == "Deutsch"
    assert offered["zh-hans"] == "简体中文"

    form_index = soup.find_all("form").index(select.find_parent("form"))
    form = querydict_from_html(html, form_index=form_index)
    form["locale-preferred_language"] = "zh-hans"
    form["name_email-first_name"], form["name_email-last_name"] = "Wei", "Li"  # required there
    response = admin_client.post(reverse("wagtailadmin_account"), form)

    assert response.status_code == 302
    assert UserProfile.get_for_user(admin_user).preferred_language == "zh-hans"
    assert_admin_page(admin_client.get(reverse("wagtailadmin_home")), "zh-hans")


def organisation_form(sector, region, **overrides):
    data = {
        "title": "Bright Dream Robotics",
        "slug": "bright-dream-robotics",
        "legal_name": "广东博智林机器人有限公司",
        "organisation_type": "company",
        "size_band": "1000-4999",
        "summary": "Roboter für die Bauindustrie.",
        "description": rich_text("<p>Wir entwickeln <b>Bauroboter</b>.</p>"),
        "products_and_services": streamfield(
            [("service", {"title": "Bodenroboter", "description": "Verlegt Fliesen."})]
        ),
        "certifications": streamfield([]),
        "region": str(region.pk),
        "city": "Foshan",
        "country": "CN",
        "founding_year": "2018",
        "website": "https://www.bzlrobot.com",
        "contact_email": "partner@example.cn",
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    form = nested_form_data(data)
    # Multiple-choice fields post one value per choice (nested_form_data would number them).
    form.update(sectors=[str(sector.pk)], working_languages=["zh", "en"])
    return form


@pytest.fixture
def organisation_setup(home_tree):
    region = factories.RegionPageFactory(parent=home_tree.regions, title="Foshan")
    sector = factories.SectorFactory(name="Robotik")
    url = reverse(
        "wagtailadmin_pages:add",
        args=["companies", "organisationpage", home_tree.organisations.pk],
    )
    return url, sector, region


@pytest.mark.django_db
def test_posting_a_valid_organisation_form_creates_the_page(admin_client, organisation_setup):
    url, sector, region = organisation_setup

    response = admin_client.post(url, organisation_form(sector, region))

    assert response.status_code == 302
    page = OrganisationPage.objects.get(slug="bright-dream-robotics")
    assert page.live
    assert page.legal_name == "广东博智林机器人有限公司"
    assert list(page.sectors.all()) == [sector]
    assert page.region.specific == region
    assert page.working_languages == ["zh", "en"]
    assert "Wir entwickeln <b>Bauroboter</b>.</p>" in page.description
    assert page.products_and_services[0].value["title"] == "Bodenroboter"


@pytest.mark.django_db
def test_posting_an_invalid_organisation_form_shows_errors_and_creates_nothing(
    admin_client, organisation_setup
):
    url, sector, region = organisation_setup
    next_year = str(datetime.date.today().year + 1)

    response = admin_client.post(
        url, organisation_form(sector, region, founding_year=next_year, summary="x" * 301)
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"founding_year", "summary"}
    assert "Das Gründungsjahr darf nicht in der Zukunft liegen." in errors["founding_year"]
    assert not OrganisationPage.objects.exists()
