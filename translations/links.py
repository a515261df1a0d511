"""Localised page links in rendered rich text: Wagtail links to the page's live translation in
the active language (``Page.localized``); this handler also marks a link whose target has none,
with ``hreflang`` naming the language the reader will get. The delivery API does the same in
``api.context.ApiContext._page_link``."""

from django.utils.html import escape
from django.utils.translation import get_language
from wagtail.rich_text.pages import PageLinkHandler


class LocalisedPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        active = (get_language() or "").lower()
        links = []
        for page in cls.get_many(attrs_list):
            if page is None:
                links.append("<a>")
                continue
            target = page.localized
            url = escape(target.url or "")
            language = target.locale.language_code
            if active and language != active:
                links.append(f'<a href="{url}" hreflang="{escape(language)}">')
            else:
                links.append(f'<a href="{url}">')
        return links
