"""Search fields whose values are analysed in Python before any backend sees them.

``analysed(fields)`` turns the ``SearchField``/``AutocompleteField`` entries of a model's
``search_fields`` into the classes below and leaves filters and related fields alone, so a page
model writes ``search_fields = analysed(Page.search_fields + [...])``. The value a backend
indexes is the space-separated terms of ``search.analysis`` for the object's locale; the
Elasticsearch/OpenSearch mapping gets a whitespace analyser for the search fields (``es_extra``
and ``ELASTICSEARCH_INDEX_SETTINGS``), so the analysis is not done twice.
"""

import re

from django.utils.html import strip_tags
from modelsearch import index

from search import dictionary
from search.analysis import analyse_for_index

MEMO_ATTRIBUTE = "_analysed_search_values"  # cleared when the object is saved (search/signals.py)
ES_ANALYSED = {"analyzer": "whitespace", "search_analyzer": "whitespace"}
# INDEX_SETTINGS of an Elasticsearch/OpenSearch backend (docs/search.md): text the mapping does
# not name an analyser for (the catch-all ``_all_text`` that queries run against) is split on
# whitespace only, since it holds terms analysed here.
ELASTICSEARCH_INDEX_SETTINGS = {
    "settings": {
        "index": {
            "analysis": {
                "analyzer": {
                    "default": {"type": "whitespace"},
                    "default_search": {"type": "whitespace"},
                }
            }
        }
    }
}
BLOCK_TAG_RE = re.compile(r"</(p|h[1-6]|li|div|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(value):
    """The text of a searchable value: strings, lists and dicts joined, HTML tags removed."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(plain_text(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(plain_text(item) for item in value.values())
    text = str(value)
    if "<" in text:
        text = strip_tags(BLOCK_TAG_RE.sub("\n", text))
    return text


def locale_code(obj):
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale is not None else ""


class AnalysedFieldMixin:
    autocomplete = False

    def __init__(self, field_name, **kwargs):
        if not self.autocomplete:  # autocomplete fields keep the engine's edge n-grams
            kwargs.setdefault("es_extra", dict(ES_ANALYSED))
        super().__init__(field_name, **kwargs)

    def __eq__(self, other):
        # Stands in for the stock field it replaces (Wagtail's check that a page model keeps
        # Page.search_fields compares with ``in``).
        if isinstance(other, index.BaseField):
            return (
                other.field_name == self.field_name
                and isinstance(self, type(other))
                and getattr(other, "boost", None) == getattr(self, "boost", None)
            )
        return NotImplemented

    def __hash__(self):
        return hash((type(self).__name__, self.field_name))

    def get_value(self, obj):
        # The backends' indexers ask for each value several times (title, body, their plain
        # text variants): analysed once per object and field.
        memo = obj.__dict__.setdefault(MEMO_ATTRIBUTE, {})
        key = (self.field_name, self.autocomplete)
        if key not in memo:
            dictionary.learn_from(obj)
            text = plain_text(super().get_value(obj))
            memo[key] = analyse_for_index(text, locale_code(obj), autocomplete=self.autocomplete)
        return memo[key]


class AnalysedSearchField(AnalysedFieldMixin, index.SearchField):
    """A ``SearchField`` indexed as analysed terms."""


class AnalysedAutocompleteField(AnalysedFieldMixin, index.AutocompleteField):
    """An ``AutocompleteField`` indexed as analysed terms plus surface forms."""

    autocomplete = True


def analysed(fields):
    """``fields`` with every search and autocomplete field analysed (see module docstring)."""
    result = []
    for field in fields:
        if isinstance(field, AnalysedFieldMixin):
            result.append(field)
        elif isinstance(field, index.SearchField):
            result.append(AnalysedSearchField(field.field_name, boost=field.boost, **field.kwargs))
        elif isinstance(field, index.AutocompleteField):
            result.append(AnalysedAutocompleteField(field.field_name, **field.kwargs))
        else:
            result.append(field)
    return result
