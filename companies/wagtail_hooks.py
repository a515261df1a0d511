"""Admin registration of the organisation taxonomies."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from companies.models import CooperationType, Sector
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
