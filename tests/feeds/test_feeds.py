"""News and event feeds: RSS 2.0 with media:content and enclosure, Atom 1.0 and JSON Feed 1.1,
per locale, with stable GUIDs, first/last publication dates, absolute links to the frontend
and email-safe content; parsed as newsletter tools parse them."""

import datetime
import json

import feedparser
import pytest
from django.utils.dateparse import parse_datetime

from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def get_feed(client, name, **params):
    response = client.get(f"/api/v1/feeds/{name}", params)
    assert response.status_code == 200, response.content
    return response


def parse(client, name, **params):
    response = get_feed(client, name, **params)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return response, parsed


def entry_titled(parsed, title):
    return next(entry for entry in parsed.entries if entry.title == title)


def test_german_rss_has_what_newsletter_tools_read(client, feed_content):
    response, parsed = parse(client, "news.rss")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert parsed.version == "rss20"
    assert parsed.feed.language == "de"
    item = entry_titled(parsed, "MoU mit Yangzhou")
    assert item.link == "https://www.kl-china.example/de/nachrichten/mou/"
    assert item.id.startswith("urn:uuid:") and not item.guidislink
    assert item.summary == "Die Absichtserklärung ist unterzeichnet."
    assert item.published_parsed[:5] == (2026, 9, 11, 8, 0)
    # Mailchimp reads media:content; MailUp and Actito the enclosure.
    media = item.media_content[0]
    assert media["url"].startswith("https://media.kl-china.example/")
    assert media["medium"] == "image" and int(media["width"]) > 0
    assert item.enclosures[0]["href"] == media["url"]
    content = item.content[0]["value"]
    # Links to other pages lead to the public website, in the same language.
    assert 'href="https://www.kl-china.example/de/regionen/yangzhou/"' in content
    assert "<blockquote" in content and "Anna Becker" in content
    assert "<script" not in content and "<iframe" not in content
    assert 'href="/' not in content and 'src="/' not in content
    assert [tag.term for tag in item.tags] == ["Delegation"]


def test_chinese_rss_is_the_chinese_translation(client, feed_content):
    _response, parsed = parse(client, "news.rss", locale="zh-hans")

    assert parsed.feed.language == "zh-hans"
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["与扬州签署合作备忘录"]  # "Intern" has no Chinese translation
    item = parsed.entries[0]
    assert item.link == "https://cn.kl-china.example/zh-hans/nachrichten/mou/"
    assert item.summary == "合作备忘录已经签署。"
    assert "https://cn.kl-china.example/zh-hans/" in item.content[0]["value"]
    assert "了解" in item.content[0]["value"]
    german = entry_titled(parse(client, "news.rss")[1], "MoU mit Yangzhou")
    assert item.id != german.id  # one GUID per translation


def test_guid_survives_edits_and_slug_changes(client, feed_content):
    before = entry_titled(parse(client, "news.rss")[1], "MoU mit Yangzhou")
    news = feed_content.news
    news.slug = "absichtserklaerung"
    news.title = "MoU mit Yangzhou"
    news.teaser = "Geändert."
    news.save_revision().publish()

    after = entry_titled(parse(client, "news.rss")[1], "MoU mit Yangzhou")
    assert after.id == before.id
    assert after.link.endswith("/absichtserklaerung/")
    assert after.summary == "Geändert."
    # Publication date stays the first publication; updated moves.
    assert after.published_parsed == before.published_parsed


def test_filters_and_only_live_news(client, feed_content):
    NewsPageFactory(parent=feed_content.tree.news, title="Entwurf", draft=True)
    titles = {entry.title for entry in parse(client, "news.rss")[1].entries}
    assert titles == {"MoU mit Yangzhou", "Intern"}
    newsletter = parse(client, "news.rss", newsletter="true")[1]
    assert [entry.title for entry in newsletter.entries] == ["MoU mit Yangzhou"]
    by_category = parse(client, "news.rss", category="delegation")[1]
    assert [entry.title for entry in by_category.entries] == ["MoU mit Yangzhou"]
    by_region = parse(client, "news.rss", region="yangzhou")[1]
    assert [entry.title for entry in by_region.entries] == []  # no related region set
    assert len(parse(client, "news.rss", limit=1)[1].entries) == 1


def test_atom_feed(client, feed_content):
    response, parsed = parse(client, "news.atom", locale="zh-hans")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert parsed.version == "atom10"
    item = parsed.entries[0]
    assert item.title == "与扬州签署合作备忘录"
    # The Chinese page's own first publication.
    published = feed_content.news_zh.first_published_at
    assert item.published_parsed[:6] == published.utctimetuple()[:6]
    assert item.updated_parsed >= item.published_parsed
    assert any(content["type"] == "text/html" for content in item.content)


def validate_json_feed(feed):
    """The rules of JSON Feed 1.1 (https://jsonfeed.org/version/1.1) our feeds must meet."""
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    for key in ("home_page_url", "feed_url"):
        assert feed[key].startswith(("http://", "https://"))
    assert isinstance(feed["items"], list)
    ids = [item["id"] for item in feed["items"]]
    assert len(ids) == len(set(ids))
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html"), str) or isinstance(
            item.get("content_text"), str
        )
        for key in ("url", "image"):
            if key in item:
                assert item[key].startswith(("http://", "https://"))
        for key in ("date_published", "date_modified"):
            if key in item:
                assert parse_datetime(item[key]).tzinfo is not None  # RFC 3339
        if "tags" in item:
            assert all(isinstance(tag, str) for tag in item["tags"])
        assert set(item) <= {
            "id",
            "url",
            "external_url",
            "title",
            "content_html",
            "content_text",
            "summary",
            "image",
            "banner_image",
            "date_published",
            "date_modified",
            "authors",
            "tags",
            "language",
            "attachments",
        }


def test_json_feed_follows_the_specification(client, feed_content):
    response = get_feed(client, "news.json", locale="zh-hans")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    validate_json_feed(feed)
    assert feed["language"] == "zh-hans"
    item = feed["items"][0]
    assert item["title"] == "与扬州签署合作备忘录"
    assert item["image"].startswith("https://media.kl-china.example/")
    assert "合作备忘录" in response.content.decode()  # UTF-8, not \\u escapes
    assert parse_datetime(item["date_published"]) == feed_content.news_zh.first_published_at
    german = json.loads(get_feed(client, "news.json").content)["items"]
    mou = next(entry for entry in german if entry["title"] == "MoU mit Yangzhou")
    assert parse_datetime(mou["date_published"]) == datetime.datetime(
        2026, 9, 11, 8, 0, tzinfo=datetime.UTC
    )


def test_event_feeds_list_upcoming_events_in_local_time(client, feed_content):
    _response, parsed = parse(client, "events.rss", locale="zh-hans")
    assert [entry.title for entry in parsed.entries] == ["初创企业大会"]
    # 01:30 UTC is 09:30 in Shanghai, the event's own time zone.
    assert "2030-05-12 09:30 (Asia/Shanghai)" in parsed.entries[0].content[0]["value"]
    assert parse(client, "events.atom", when="past")[1].entries == []
    validate_json_feed(json.loads(get_feed(client, "events.json").content))


@pytest.mark.parametrize(
    ("path", "params", "status", "message"),
    [
        ("news.rss", {"locale": "fr"}, 400, "Valid locales: de, zh-hans"),
        ("news.rss", {"limit": "0"}, 400, "limit"),
        ("news.rss", {"limit": "101"}, 400, "limit"),
        ("news.rss", {"newsletter": "vielleicht"}, 400, "newsletter"),
        ("news.rss", {"unknown": "1"}, 400, "unknown"),
        ("events.json", {"when": "someday"}, 400, "when"),
        ("news.xml", {}, 404, "news and events"),
        ("blog.rss", {}, 404, "news and events"),
    ],
)
def test_bad_requests_get_a_json_error(client, feed_content, path, params, status, message):
    response = client.get(f"/api/v1/feeds/{path}", params)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_feed_queries_do_not_grow_with_the_items(client, feed_content):
    def queries_for(limit):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            get_feed(client, "news.rss", limit=limit)
        return len(captured)

    for position in range(12):
        news = NewsPageFactory(parent=feed_content.tree.news, title=f"Nachricht {position}")
        news.save_revision().publish()
    few, many = queries_for(2), queries_for(14)
    # Seven times the items, no more queries (a batch may be skipped when nothing needs it).
    assert many <= few
    assert few <= 8


def test_publishing_refreshes_the_cached_feed(client, feed_content):
    first = parse(client, "news.rss")[1]
    assert get_feed(client, "news.rss")["ETag"]
    news = NewsPageFactory(parent=feed_content.tree.news, title="Neu", draft=True)
    news.save_revision().publish()
    second = parse(client, "news.rss")[1]
    assert len(second.entries) == len(first.entries) + 1
