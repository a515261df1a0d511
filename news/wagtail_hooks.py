"""The admin's "Verzeichnisse" menu: the taxonomies and contact persons of every content app.

The group sits here because news is the app that builds on both companies and regions; apps
import downwards only (``tests/test_architecture.py``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from companies.viewsets import CooperationTypeViewSet, SectorViewSet
from news.models import NewsCategory
from regions.viewsets import ContactPersonViewSet


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class TaxonomyGroup(SnippetViewSetGroup):
    """Groups the taxonomies and contact persons under one admin menu item."""

    items = (SectorViewSet, CooperationTypeViewSet, NewsCategoryViewSet, ContactPersonViewSet)
    menu_icon = "list-ul"
    menu_label = _("Verzeichnisse")
    menu_name = "taxonomies"


register_snippet(TaxonomyGroup)
