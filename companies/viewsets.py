"""Admin viewsets of the organisation taxonomies (registered in the "Verzeichnisse" group of
``news/wagtail_hooks.py``)."""

from wagtail.snippets.views.snippets import SnippetViewSet

from companies.models import CooperationType, Sector


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
