"""The Elasticsearch/OpenSearch mapping of the analysed fields (no search engine needed: the
mapping is built in Python; docs/search.md describes the switch)."""

from modelsearch.backends.elasticsearchbase import ElasticsearchBaseMapping

from companies.models import OrganisationPage
from news.models import NewsPage
from search.index import ELASTICSEARCH_INDEX_SETTINGS


def test_search_fields_are_split_on_whitespace_only():
    for model in (OrganisationPage, NewsPage):
        properties = ElasticsearchBaseMapping(model).get_mapping()["properties"]
        assert properties["title"]["analyzer"] == "whitespace"
        assert properties["title"]["search_analyzer"] == "whitespace"
        text_fields = [
            name
            for name, mapping in properties.items()
            if mapping.get("copy_to") and not name.endswith("_edgengrams")
        ]
        assert text_fields
        assert all(properties[name]["analyzer"] == "whitespace" for name in text_fields)


def test_autocomplete_keeps_edge_ngrams_and_the_catch_all_is_whitespace():
    properties = ElasticsearchBaseMapping(OrganisationPage).get_mapping()["properties"]
    assert properties["_edgengrams"]["analyzer"] == "edgengram_analyzer"
    assert properties["title_edgengrams"]["analyzer"] == "edgengram_analyzer"
    assert "analyzer" not in properties["_all_text"]  # → the index's default analyser
    analysers = ELASTICSEARCH_INDEX_SETTINGS["settings"]["index"]["analysis"]["analyzer"]
    assert analysers["default"] == analysers["default_search"] == {"type": "whitespace"}
