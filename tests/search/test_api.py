"""``/api/v1/search`` and ``/api/v1/search/suggest`` over real pages and the real backend."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

MARK = re.compile(r"<mark>(.*?)</mark>")


def search(api, q, locale="de", **params):
    status, body = api.get("search", q=q, locale=locale, **params)
    assert status == 200, body
    return body


def titles(body):
    return [item["title"] for item in body["items"]]


def test_chinese_word_inside_a_chinese_sentence(api, search_content):
    body = search(api, "机器人", locale="zh-hans")
    assert titles(body)[0] == "佛山的机器人公司"
    item = body["items"][0]
    assert item["type"] == "organisation"
    assert item["page_type"] == "companies.OrganisationPage"
    assert item["locale"] == "zh-hans"
    assert item["api_url"] == f"/api/v1/organisations/{search_content.foshan.pk}?locale=zh-hans"
    assert item["url"].startswith("/zh-hans/")
    assert "机器人" in MARK.findall(item["excerpt"])


def test_german_inflection_and_compound(api, search_content):
    body = search(api, "Werkzeugmaschine")
    assert set(titles(body)) == {"Pfalz Werkzeugmaschinen", "Werkzeugmaschinenbau in der Westpfalz"}
    # A compound part finds the compound: Robotik → "Robotikunternehmen".
    assert titles(search(api, "Robotik")) == ["Lautern Automation"]
    assert "Robotikunternehmen" in MARK.findall(search(api, "Robotik")["items"][0]["excerpt"])
    # And a compound query finds its parts: "Fahrzeugteile" ← "Fahrzeugteilen".
    assert titles(search(api, "Fahrzeugteil")) == ["Pfalz Werkzeugmaschinen"]


def test_mixed_scripts(api, search_content):
    """A Latin name inside Chinese text and a Chinese legal name on any page."""
    assert "上海申联汽配" in titles(search(api, "Kaiserslautern", locale="zh-hans"))
    assert titles(search(api, "汽车零部件", locale="zh-hans"))[0] == "上海申联汽配"
    assert titles(search(api, "智造", locale="zh-hans")) == ["佛山的机器人公司"]


def test_every_word_must_match(api, search_content):
    assert titles(search(api, "Werkzeugmaschinen Westpfalz")) == [
        "Werkzeugmaschinenbau in der Westpfalz",
        "Pfalz Werkzeugmaschinen",
    ] or set(titles(search(api, "Werkzeugmaschinen Westpfalz"))) == {
        "Werkzeugmaschinenbau in der Westpfalz",
        "Pfalz Werkzeugmaschinen",
    }
    assert search(api, "Werkzeugmaschinen Robotik")["count"] == 0


def test_title_matches_rank_first(api, search_content):
    body = search(api, "Werkzeugmaschinenbau")
    assert titles(body)[0] == "Werkzeugmaschinenbau in der Westpfalz"


def test_locale_scopes_the_results(api, search_content):
    assert search(api, "机器人", locale="de")["count"] == 0
    assert all(item["locale"] == "zh-hans" for item in search(api, "机器人", "zh-hans")["items"])


def test_type_filter(api, search_content):
    body = search(api, "Werkzeugmaschine", type="news")
    assert titles(body) == ["Werkzeugmaschinenbau in der Westpfalz"]
    assert body["items"][0]["type"] == "news"
    status, body = api.get("search", q="Werkzeugmaschine", type=["news", "organisation"])
    assert status == 200 and body["count"] == 2
    status, body = api.get("search", q="x", type="company")
    assert status == 400 and "type" in body["errors"][0]["field"]


def test_pagination(api, search_content):
    first = search(api, "Werkzeugmaschine", limit=1)
    second = search(api, "Werkzeugmaschine", limit=1, offset=1)
    assert first["count"] == second["count"] == 2
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert search(api, "Werkzeugmaschine", offset=5)["items"] == []


def test_only_live_public_pages(api, search_content, home_tree):
    """The draft's title never appears; a private page disappears; an unpublished one too."""
    for q in ("Geheime", "Werkzeugmaschinen Entwurf"):
        body = search(api, q)
        assert body["count"] == 0
        assert "Geheime" not in str(body)
    PageViewRestriction.objects.create(
        page=search_content.robotik, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert search(api, "Robotik")["count"] == 0
    search_content.werkzeug.unpublish()
    assert titles(search(api, "Werkzeugmaschine")) == ["Werkzeugmaschinenbau in der Westpfalz"]


def test_publishing_and_deleting_update_the_index(api, search_content):
    page = search_content.draft
    page.title = "Neue Werkzeugmaschinen"
    page.save_revision().publish()
    assert "Neue Werkzeugmaschinen" in titles(search(api, "Werkzeugmaschine"))
    page.delete()
    from wagtail.search.models import IndexEntry

    assert not IndexEntry.objects.filter(object_id=str(page.pk)).exists()
    assert "Neue Werkzeugmaschinen" not in titles(search(api, "Werkzeugmaschine"))


def test_update_index_rebuilds(api, search_content):
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()
    assert search(api, "机器人", locale="zh-hans")["count"] == 0
    call_command("update_index", verbosity=0)
    assert titles(search(api, "机器人", locale="zh-hans"))[0] == "佛山的机器人公司"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "a" * 201}, "q"),
        ({"q": "Robotik\x00"}, "q"),
        ({}, "q"),
        ({"q": "Robotik", "locale": "fr"}, "locale"),
        ({"q": "Robotik", "limit": 51}, "limit"),
        ({"q": "Robotik", "offset": -1}, "offset"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, search_content, params, field):
    status, body = api.get("search", **params)
    assert status == 400
    assert body["errors"][0]["field"] == field
    assert field in body["detail"]


def test_stop_words_only_and_punctuation_find_nothing_without_error(api, search_content):
    for q in ("der die das", "的", "!!! ???", "a" * 200):
        body = search(api, q)
        assert body == {"count": 0, "items": []}


def test_excerpt_is_short_escaped_html(api, search_content):
    page = search_content.werkzeug
    page.legal_name = "Pfalz GmbH"
    page.summary = "<b>Fett</b> " + "Lange Einleitung ohne Treffer. " * 10 + "Werkzeugmaschinen!"
    page.save_revision().publish()
    item = next(i for i in search(api, "Werkzeugmaschine")["items"] if i["id"] == page.pk)
    text = MARK.sub(r"\1", item["excerpt"])
    assert len(text) <= 202  # 200 characters and the ellipses
    assert text.startswith("…")
    assert "&lt;b&gt;Fett" not in item["excerpt"]  # cut before: the window starts near the match
    assert MARK.findall(item["excerpt"]) == ["Werkzeugmaschinen"]
    assert "<b>" not in item["excerpt"]


def test_private_contact_email_is_not_searchable(api, search_content):
    page = search_content.werkzeug
    page.contact_email = "geheim.vertrieb@example.org"
    page.save_revision().publish()
    assert search(api, "geheim.vertrieb")["count"] == 0
    assert "geheim.vertrieb" not in str(search(api, "Werkzeugmaschine"))


def test_suggest_completes_chinese_from_one_character(api, search_content):
    status, body = api.get("search/suggest", q="机器", locale="zh-hans")
    assert status == 200
    assert body["suggestions"][0] == "机器人"
    assert body["pages"][0]["title"] == "佛山的机器人公司"
    status, body = api.get("search/suggest", q="佛", locale="zh-hans")
    assert "佛山" in body["suggestions"]


def test_suggest_completes_german_from_two_characters(api, search_content):
    status, body = api.get("search/suggest", q="Werkz", locale="de")
    assert status == 200
    assert body["suggestions"][0] == "Werkzeugmaschinen"
    assert {page["title"] for page in body["pages"]} >= {"Pfalz Werkzeugmaschinen"}
    status, body = api.get("search/suggest", q="Pfalz Werkz", locale="de")
    assert body["suggestions"][0] == "Pfalz Werkzeugmaschinen"
    status, body = api.get("search/suggest", q="W", locale="de")
    assert status == 200 and body["suggestions"] == [] and body["pages"] == []


def test_suggest_validates(api, search_content):
    status, body = api.get("search/suggest", q="", locale="de")
    assert status == 400 and body["errors"][0]["field"] == "q"
    status, body = api.get("search/suggest", q="Werk", limit=0)
    assert status == 400 and body["errors"][0]["field"] == "limit"


def test_suggest_shows_no_drafts(api, search_content):
    status, body = api.get("search/suggest", q="Geheim", locale="de")
    assert body["suggestions"] == [] and body["pages"] == []


def test_rate_limit_answers_429_with_retry_after(client, search_content, redis_cache, settings):
    """On Redis, as in production: the count is shared by every process using the cache."""
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 3
    statuses = [client.get("/api/v1/search", {"q": f"Robotik{n}"}).status_code for n in range(3)]
    response = client.get("/api/v1/search", {"q": "Robotik9"})
    other_client = client.get("/api/v1/search", {"q": "Robotik8"}, REMOTE_ADDR="192.0.2.7")
    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "retry in" in response.json()["detail"]
    assert other_client.status_code == 200
