"""Admin registration of the organisation taxonomies, and the invitation of organisations."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from companies.isolation import limit_pages, organisation_keys
from companies.models import CooperationType, OrganisationPage, Sector
from companies.views import invite
from news.models import NewsCategory
from regions.models import ContactPerson


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "site"
    list_display = ["name", "nace_code", "gbt_code"]
    search_fields = ["name", "nace_code", "gbt_code"]


class CooperationTypeViewSet(SnippetViewSet):
    model = CooperationType
    icon = "group"
    list_display = ["name", "category", "code"]
    list_filter = ["category"]
    search_fields = ["name", "code"]


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    list_display = ["name", "role", "email"]
    search_fields = ["name", "role", "email"]


class TaxonomyGroup(SnippetViewSetGroup):
    """Groups the taxonomies and contact persons under one admin menu item."""

    items = (SectorViewSet, CooperationTypeViewSet, NewsCategoryViewSet, ContactPersonViewSet)
    menu_icon = "list-ul"
    menu_label = _("Verzeichnisse")
    menu_name = "taxonomies"


register_snippet(TaxonomyGroup)


@hooks.register("register_admin_urls")
def register_invite_url():
    return [path("organisations/<int:page_id>/invite/", invite, name="companies_invite")]


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def invite_button(page, user, view_name=None, next_url=None):
    if page.specific_class is OrganisationPage and page.permissions_for_user(user).can_publish():
        yield ListingButton(
            _("Organisation einladen"),
            reverse("companies_invite", args=[page.pk]),
            priority=70,
            icon_name="user",
        )


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    return limit_pages(pages, request)


@hooks.register("construct_explorer_page_queryset")
def limit_explorer(parent_page, pages, request):
    return limit_pages(pages, request)


class OwnProfilePanel(Component):
    """Dashboard of an organisation user: its profile in every language, with links."""

    name = "own_profile"
    template_name = "companies/own_profile_panel.html"
    order = 50

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context=None):
        return {"pages": self.pages}


@hooks.register("construct_homepage_panels")
def add_own_profile_panel(request, panels):
    keys = organisation_keys(request.user)
    if keys:
        pages = list(
            Page.objects.filter(translation_key__in=keys)
            .select_related("locale")
            .order_by("locale_id")
        )
        panels.append(OwnProfilePanel(pages))
