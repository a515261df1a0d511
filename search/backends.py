"""The search backend: Wagtail's database backend, with queries analysed like the index.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends", ...}}`` picks the
database's own backend (SQLite FTS5 or PostgreSQL full text, as ``wagtail.search.backends.
database`` does) and mixes in ``AnalysedQueryMixin``: a query string for pages (or for any model
with analysed fields, see ``search.index``) becomes a query over the analysed terms of
``search.analysis``. Every caller gets it: the admin's page search and choosers, ``.search()``
and ``.autocomplete()`` on querysets, and the delivery API's ``/api/v1/search``.

PostgreSQL must index with the ``simple`` text search configuration (the terms are already
stemmed); the settings pass ``SEARCH_CONFIG = "simple"``.
"""

from functools import cache

from django.db.models import FloatField, Func
from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import And, Not, Or, Phrase, PlainText
from wagtail.models import Page

from search import dictionary
from search.analysis import DEFAULT_LANGUAGE, analyse_query, language_for
from search.index import AnalysedFieldMixin


def searches_analysed_fields(model):
    """Whether ``model``'s index entries hold analysed terms (every page type of ours does)."""
    if issubclass(model, Page):
        return True
    return any(isinstance(field, AnalysedFieldMixin) for field in model.get_search_fields())


def build_query(words):
    """The backend query for analysed query words: every word must match, a word by any of its
    alternatives, an alternative by all of its terms."""
    clauses = []
    for word in words:
        alternatives = [
            And([PlainText(term) for term in alternative])
            if len(alternative) > 1
            else PlainText(alternative[0])
            for alternative in word.alternatives
        ]
        clauses.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else And(clauses)


def query_languages(locale_codes=None):
    """The Latin languages to analyse a query in: the given locales', or every content locale's
    (the admin searches all locales at once)."""
    if locale_codes is None:
        from base.locales import content_locale_codes

        locale_codes = content_locale_codes()
    languages = []
    for code in locale_codes:
        language = language_for(code)
        if language not in languages:
            languages.append(language)
    return tuple(languages) or (DEFAULT_LANGUAGE,)


class AnalysedQueryMixin:
    """Analyses string queries for models with analysed index entries (see module docstring).

    A query that is not a string (a ``modelsearch.query`` object built by the caller, such as
    the API's, which analyses for one locale) is passed on as it is.
    """

    def _analysed(self, query, model_or_queryset, autocomplete):
        if not isinstance(query, str):
            return query
        model = getattr(model_or_queryset, "model", model_or_queryset)
        if not searches_analysed_fields(model):
            return query
        dictionary.refresh()
        words = analyse_query(query, query_languages(), autocomplete=autocomplete)
        return build_query(words)

    def search(self, query, model_or_queryset, *args, **kwargs):
        analysed = self._analysed(query, model_or_queryset, autocomplete=False)
        if analysed is None:
            return EmptySearchResults()
        return super().search(analysed, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        analysed = self._analysed(query, model_or_queryset, autocomplete=True)
        if analysed is None:
            return EmptySearchResults()
        return super().autocomplete(analysed, model_or_queryset, *args, **kwargs)


class WeightedBM25(Func):
    """SQLite FTS5's bm25() with column weights: a match in the title counts ten times one in
    the body (the FTS table's columns are autocomplete, body, title). PostgreSQL weighs the
    title column (weight A) above the body by itself."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        from modelsearch.backends.database.sqlite.query import SQLiteFTSIndexEntry

        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 10.0)", []


def weighted_sqlite_compiler(base):
    """SQLite's query compiler ranking with ``WeightedBM25``."""

    class WeightedSQLiteSearchQueryCompiler(base):
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            if isinstance(query, (PlainText, Phrase, Not)):
                return WeightedBM25() * boost if boost != 1.0 else WeightedBM25()
            return super().build_tsrank(vector, query, config=config, boost=boost)

        def _build_rank_expression(self, vectors, config):
            # The stock expression multiplies the row's bm25 by (title_norm + 1): a short title
            # then outranks a title match. bm25 already sees each column and its weight.
            return self.build_tsrank(None, self.query, config=config)

    return WeightedSQLiteSearchQueryCompiler


@cache
def analysed_backend_class(base):
    attributes = {}
    if base.__name__ == "SQLiteSearchBackend":
        attributes["query_compiler_class"] = weighted_sqlite_compiler(base.query_compiler_class)
    return type(f"Analysed{base.__name__}", (AnalysedQueryMixin, base), attributes)


def SearchBackend(params):  # noqa: N802 — the name Wagtail looks up in a backend module
    """The database's search backend with analysed queries."""
    base = type(database_backend(params))
    return analysed_backend_class(base)(params)
