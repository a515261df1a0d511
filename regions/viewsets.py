"""Admin viewset of the contact persons (registered in the "Verzeichnisse" group of
``news/wagtail_hooks.py``)."""

from wagtail.snippets.views.snippets import SnippetViewSet

from regions.models import ContactPerson


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    list_display = ["name", "role", "email"]
    search_fields = ["name", "role", "email"]
