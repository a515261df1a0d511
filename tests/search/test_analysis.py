"""The text analysis shared by the index and the queries (``search.analysis``)."""

import pytest
from django.utils import timezone

from api.cache import bump_content_generation
from search import dictionary
from search.analysis import (
    analyse_for_index,
    analyse_query,
    fold,
    index_terms,
    language_for,
    split_compound,
)
from search.highlight import excerpt


def alternatives(text, **kwargs):
    return [word.alternatives for word in analyse_query(text, **kwargs)]


def test_chinese_is_segmented_with_the_words_inside_words():
    terms = index_terms("佛山的机器人公司", "zh-hans")
    assert {"佛山", "机器人", "机器", "公司"} <= set(terms)
    assert "的" not in terms  # a stop word
    # A query is cut precisely: one term per word.
    assert alternatives("机器人公司", languages=("german",)) == [(("机器人",),), (("公司",),)]


def test_domain_words_are_jieba_words():
    assert "博智林" in index_terms("广东博智林机器人有限公司", "de")
    assert "青浦" in index_terms("青浦工业园区", "zh-hans")
    assert alternatives("凯泽斯劳滕") == [(("凯泽斯劳滕",),)]


def test_german_is_stemmed_and_folded():
    assert index_terms("Werkzeugmaschinen", "de")[0] == index_terms("Werkzeugmaschine", "de")[0]
    assert index_terms("Fachkräfte", "de")[0] == index_terms("Fachkrafte", "de")[0]
    assert fold("Größe") == "grosse"
    assert index_terms("der die das und", "de") == []


def test_compounds_are_split_into_lexicon_words():
    assert split_compound("werkzeugmaschinenbau") == ("werkzeug", "maschinen", "bau")
    assert split_compound("kaiserslautern") == ()  # not a compound of known words
    assert split_compound("roboter") == ()  # too short
    terms = set(index_terms("Werkzeugmaschinenbau", "de"))
    assert {"werkzeug", "maschin", "bau", "werkzeugmaschin", "maschinenbau"} <= terms
    # A compound query matches by its stem or by all of its parts.
    assert alternatives("Robotikunternehmen") == [(("robotikunternehm",), ("robot", "unternehm"))]


def test_autocomplete_keeps_surface_forms():
    assert "werkzeugmaschinen" in analyse_for_index("Werkzeugmaschinen", "de", autocomplete=True)
    assert "werkzeugmaschinen" not in analyse_for_index("Werkzeugmaschinen", "de").split()


def test_mixed_scripts_and_full_width_characters():
    terms = index_terms("与Kaiserslautern的企业合作，ＡＢＣ２０２７", "zh-hans")
    assert {"kaiserslaut", "企业", "合作", "abc2027"} <= set(terms)


def test_each_locale_stems_latin_words_in_its_language():
    assert language_for("de") == language_for("zh-hans") == "german"
    assert language_for("en") == "english"
    assert index_terms("running", "en") == ["run"]
    both = alternatives("Maschinen", languages=("german", "english"))
    assert len(both[0]) == 2  # a German and an English stem


@pytest.mark.django_db
def test_new_names_are_learnt_from_the_database(home_tree, home_tree_zh):
    from companies.models import OrganisationPage
    from tests.factories import OrganisationPageFactory

    dictionary.refresh()
    page = OrganisationPageFactory(parent=home_tree_zh.organisations, title="临时名称")
    # As if another process had published the name: no learn_from in this one.
    OrganisationPage.objects.filter(pk=page.pk).update(
        title="瑞铭精工", last_published_at=timezone.now()
    )
    assert not dictionary.jieba().dt.FREQ.get("瑞铭精工")
    bump_content_generation()
    dictionary.refresh()
    assert dictionary.jieba().dt.FREQ.get("瑞铭精工")
    assert alternatives("瑞铭精工") == [(("瑞铭精工",),)]


def test_excerpt_marks_stems_compound_parts_and_chinese_words():
    words = analyse_query("Werkzeugmaschine")
    html = excerpt("Neue Werkzeugmaschinen & <Werkzeug> & Roboter", words, "de")
    # The stem, and a part of the compound (the query also matches by all of its parts).
    assert html == (
        "Neue <mark>Werkzeugmaschinen</mark> &amp; &lt;<mark>Werkzeug</mark>&gt; &amp; Roboter"
    )
    html = excerpt("佛山的机器人公司", analyse_query("机器"), "zh-hans")
    assert html == "佛山的<mark>机器</mark>人公司"
    long_text = "Einleitung. " * 40 + "Robotik am Ende."
    html = excerpt(long_text, analyse_query("Robotik"), "de")
    assert html.startswith("…") and "<mark>Robotik</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= 202


@pytest.mark.django_db
def test_analysed_values_are_memoised_per_object_until_it_is_saved(home_tree):
    from modelsearch import index

    from tests.factories import OrganisationPageFactory

    page = OrganisationPageFactory(parent=home_tree.organisations, title="Pfalz Robotik")
    title_field = next(
        f
        for f in type(page).get_search_fields()
        if isinstance(f, index.SearchField) and f.field_name == "title"
    )
    assert "robot" in title_field.get_value(page).split()
    page.title = "Pfalz Sensorik"
    assert "robot" in title_field.get_value(page).split()  # memoised within one indexing run
    page.save()
    assert title_field.get_value(page).split() == ["pfalz", "sensor"]
