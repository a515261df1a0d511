"""The newsletter digest: the period's newsletter news grouped by category and the upcoming
events, as JSON and as email-safe HTML in the requested language; previewed in the admin."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import EventPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

PERIOD = {"since": "2026-09-01", "until": "2026-09-30"}


@pytest.fixture
def digest_content(feed_content):
    for page in (feed_content.news, feed_content.other_news):
        page.date = datetime.date(2026, 9, 11)
        page.save_revision().publish()
    feed_content.news_zh.date = datetime.date(2026, 9, 11)
    feed_content.news_zh.save_revision().publish()
    soon = EventPageFactory(
        parent=feed_content.tree.events,
        title="Informationsabend",
        start=datetime.datetime(2026, 10, 20, 16, 0, tzinfo=datetime.UTC),
    )
    soon.save_revision().publish()
    return feed_content


def test_digest_json_groups_the_newsletter_news_and_lists_upcoming_events(client, digest_content):
    response = client.get("/api/v1/newsletter/digest", PERIOD)
    assert response.status_code == 200
    body = response.json()
    assert (body["locale"], body["since"], body["until"]) == ("de", "2026-09-01", "2026-09-30")
    assert [group["category"]["name"] for group in body["groups"]] == ["Delegation"]
    assert [item["title"] for item in body["groups"][0]["items"]] == ["MoU mit Yangzhou"]
    assert (
        body["groups"][0]["items"][0]["url"] == "https://www.kl-china.example/de/nachrichten/mou/"
    )
    # "Intern" is not for the newsletter; the 2030 conference is beyond the 90 days.
    assert [event["title"] for event in body["events"]] == ["Informationsabend"]
    wider = client.get("/api/v1/newsletter/digest", {**PERIOD, "event_days": 366}).json()
    assert [event["title"] for event in wider["events"]] == ["Informationsabend"]


def test_digest_html_is_email_safe_and_in_the_requested_language(client, digest_content):
    response = client.get("/api/v1/newsletter/digest.html", {**PERIOD, "locale": "zh-hans"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "与扬州签署合作备忘录" in html
    assert "凯泽斯劳滕–中国平台新闻简报" in html
    assert "https://cn.kl-china.example/zh-hans/" in html
    assert "<script" not in html and "<style" not in html
    assert not re.search(r'(href|src)="/', html)
    assert 'role="presentation"' in html  # table layout
    json_html = client.get("/api/v1/newsletter/digest", {**PERIOD, "locale": "zh-hans"}).json()
    assert json_html["html"] == html


def test_an_empty_period_says_so(client, digest_content):
    html = client.get(
        "/api/v1/newsletter/digest.html", {"since": "2027-01-01", "until": "2027-01-07"}
    ).content.decode()
    assert "In diesem Zeitraum gibt es keine Nachrichten." in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "2026-10-01", "until": "2026-09-01"}, "since must not be after until"),
        ({"since": "2024-01-01", "until": "2026-01-01"}, "at most 366 days"),
        ({"since": "9999-01-01", "until": "9999-01-02"}, "between 2000-01-01 and 2100-12-31"),
        ({"since": "gestern"}, "since"),
        ({"locale": "fr"}, "Valid locales"),
        ({"event_days": "1000"}, "event_days"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/newsletter/digest", "/api/v1/newsletter/digest.html"])
def test_bad_periods_get_a_400_with_a_message(client, digest_content, params, message, path):
    response = client.get(path, params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_digest_queries_do_not_grow_with_the_news(client, digest_content):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get("/api/v1/newsletter/digest", {**PERIOD, "event_days": 10}).status_code
                == 200
            )
        return len(captured)

    few = queries()
    for position in range(10):
        news = NewsPageFactory(
            parent=digest_content.tree.news, title=f"N{position}", date=datetime.date(2026, 9, 5)
        )
        news.save_revision().publish()
    with CaptureQueriesContext(connection) as captured:
        body = client.get("/api/v1/newsletter/digest", {**PERIOD, "event_days": 12}).json()
    many = len(captured)
    assert sum(len(group["items"]) for group in body["groups"]) == 11
    assert many <= few
    assert few <= 10


def test_editors_preview_the_digest_in_the_admin(admin_client, digest_content):
    url = reverse("newsletter_preview")
    page = admin_client.get(url, {**PERIOD, "locale": "zh-hans"})
    assert page.status_code == 200
    assert "<iframe" in page.content.decode()
    assert "与扬州签署合作备忘录" in page.context["digest_html"]
    invalid = admin_client.get(url, {"since": "2026-10-01", "until": "2026-09-01", "locale": "de"})
    assert invalid.status_code == 200
    assert invalid.context["digest_html"] is None
    assert invalid.context["form"].non_field_errors()
