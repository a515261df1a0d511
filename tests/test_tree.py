"""The page tree: which page type may sit under which, declared from both ends, and singletons."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from companies.models import OrganisationIndexPage, OrganisationPage
from home.models import HomePage
from matchmaking.models import OpportunityPage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from regions.models import OfficePage, RegionIndexPage, RegionPage

PAGE_TYPES = [
    HomePage,
    RegionIndexPage,
    RegionPage,
    OfficePage,
    OrganisationIndexPage,
    OrganisationPage,
    OpportunityPage,
    NewsIndexPage,
    NewsPage,
    EventIndexPage,
    EventPage,
]
INDEX_TYPES = [RegionIndexPage, OrganisationIndexPage, NewsIndexPage, EventIndexPage]

# parent type -> the page types allowed directly under it
TREE = {
    Page: {HomePage},
    HomePage: set(INDEX_TYPES),
    RegionIndexPage: {RegionPage},
    RegionPage: {OfficePage},
    OfficePage: set(),
    OrganisationIndexPage: {OrganisationPage},
    OrganisationPage: {OpportunityPage},
    OpportunityPage: set(),
    NewsIndexPage: {NewsPage},
    NewsPage: set(),
    EventIndexPage: {EventPage},
    EventPage: set(),
}


class PageTypeRulesTests(WagtailPageTestCase):
    """Each page type names its parents and its children; both ends agree."""

    def test_allowed_subpage_types(self):
        for parent, children in TREE.items():
            if parent is Page:
                continue
            self.assertAllowedSubpageTypes(parent, children, msg=parent.__name__)

    def test_allowed_parent_page_types(self):
        for child in PAGE_TYPES:
            parents = {parent for parent, children in TREE.items() if child in children}
            self.assertAllowedParentPageTypes(child, parents, msg=child.__name__)

    def test_only_the_home_page_goes_under_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        for page_type in PAGE_TYPES[1:]:
            self.assertCanNotCreateAt(Page, page_type)

    def test_every_pair_of_project_page_types(self):
        for parent in PAGE_TYPES:
            for child in PAGE_TYPES:
                if child in TREE[parent]:
                    self.assertCanCreateAt(parent, child)
                else:
                    self.assertCanNotCreateAt(parent, child)

    def test_singletons_are_limited_per_parent(self):
        for page_type in [HomePage, *INDEX_TYPES]:
            self.assertEqual(page_type.max_count_per_parent, 1, page_type.__name__)
            self.assertIsNone(page_type.max_count, page_type.__name__)


def add_url(page_type, parent):
    return reverse(
        "wagtailadmin_pages:add",
        args=[page_type._meta.app_label, page_type._meta.model_name, parent.pk],
    )


@pytest.mark.django_db
def test_second_home_page_cannot_be_created_under_the_root(admin_client, home_tree, root_page):
    assert not HomePage.can_create_at(root_page)

    # No page type is left to add under the root: "add child page" is refused as a whole.
    choose_type = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[root_page.pk]))
    assert choose_type.status_code == 302
    assert choose_type["Location"] == reverse("wagtailadmin_home")

    response = admin_client.post(
        add_url(HomePage, root_page),
        {"title": "Zweite Startseite", "slug": "zweite", "action-publish": "publish"},
    )
    # Wagtail answers a refused creation with a redirect to the dashboard, saving nothing.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert HomePage.objects.count() == 1


@pytest.mark.django_db
def test_first_home_page_can_be_created_under_an_empty_root(admin_client, root_page):
    Page.objects.filter(depth=2).delete()

    assert HomePage.can_create_at(root_page)
    # The home page is the only type allowed there, so Wagtail skips the type chooser.
    choose_type = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[root_page.pk]))
    assert choose_type.status_code == 302
    assert choose_type["Location"] == add_url(HomePage, root_page)
    assert admin_client.get(add_url(HomePage, root_page)).status_code == 200


@pytest.mark.django_db
def test_home_page_translation_is_created_beside_it(admin_client, home_tree, locale_zh):
    """The one-per-parent limit does not stop wagtail-localize from adding the zh-hans home."""
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[home_tree.home.pk]),
        {"locales": [locale_zh.pk]},
    )

    assert response.status_code == 302
    translation = home_tree.home.get_translation(locale_zh)
    assert isinstance(translation.specific, HomePage)
    assert translation.get_parent().is_root()
    assert HomePage.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("index_type", INDEX_TYPES, ids=lambda t: t.__name__)
def test_one_index_page_of_each_kind_per_home_page(admin_client, home_tree, index_type):
    assert not index_type.can_create_at(home_tree.home)
    response = admin_client.post(
        add_url(index_type, home_tree.home),
        {"title": "Noch eine Übersicht", "slug": "noch-eine", "action-publish": "publish"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert index_type.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("index_type", INDEX_TYPES, ids=lambda t: t.__name__)
def test_each_translated_home_page_gets_its_own_indexes(home_tree, home_tree_zh, index_type):
    assert index_type.objects.count() == 2
    # The limit counts the children of one home page, not all pages of the type.
    assert not index_type.can_create_at(home_tree_zh.home)
    home_tree_zh.home.get_children().type(index_type).delete()
    assert index_type.can_create_at(home_tree_zh.home)
