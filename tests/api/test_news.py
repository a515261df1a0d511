"""News and events: filters, order, detail with relations; news categories."""

import datetime

import pytest
from django.utils import timezone

from news.models import NewsRelatedOffice
from tests.factories import EventPageFactory, NewsCategoryFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def titles(api, endpoint, **params):
    status, body = api.get(endpoint, **params)
    assert status == 200, body
    return [item["title"] for item in body["items"]]


@pytest.fixture
def more_news(content):
    cooperation = NewsCategoryFactory(name="Kooperation", slug="kooperation")
    older = NewsPageFactory(
        parent=content.tree.news,
        title="Delegation reist nach China",
        date=datetime.date(2025, 9, 1),
        category=content.delegation,
        include_in_newsletter=False,
    )
    older.tags.add("delegation")
    older.save()
    newer = NewsPageFactory(
        parent=content.tree.news,
        title="Robotik-Kooperation mit Foshan",
        date=datetime.date(2025, 10, 2),
        category=cooperation,
    )
    newer.related_offices.add(NewsRelatedOffice(office=content.office))
    newer.save()
    return older, newer


MOU = "Absichtserklärung mit Yangzhou unterzeichnet"
TRIP = "Delegation reist nach China"
FOSHAN = "Robotik-Kooperation mit Foshan"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [FOSHAN, MOU, TRIP]),
        ({"order": "date"}, [TRIP, MOU, FOSHAN]),
        ({"order": "title"}, [MOU, TRIP, FOSHAN]),
        ({"category": "delegation"}, [MOU, TRIP]),
        ({"category": "kooperation"}, [FOSHAN]),
        ({"category": "unbekannt"}, []),
        ({"region": "yangzhou"}, [MOU]),
        ({"tag": "delegation"}, [TRIP]),
        ({"tag": "mou"}, [MOU]),
        ({"date_from": "2025-09-10"}, [FOSHAN, MOU]),
        ({"date_to": "2025-09-12"}, [MOU, TRIP]),
        ({"date_from": "2025-09-10", "date_to": "2025-09-30"}, [MOU]),
        ({"newsletter": "false"}, [TRIP]),
        ({"newsletter": "true"}, [FOSHAN, MOU]),
    ],
)
def test_news_filters_and_order(api, more_news, params, expected):
    assert titles(api, "news", **params) == expected


def test_news_filter_by_organisation_takes_any_translation(api, content, more_news):
    assert titles(api, "news", organisation=content.bright_dream.pk) == [MOU]
    assert titles(api, "news", organisation=content.bright_dream_zh.pk, locale="zh-hans") == [
        "与扬州签署合作备忘录"
    ]


def test_this_weeks_chinese_newsletter_news(api, content, more_news):
    status, body = api.get(
        "news",
        locale="zh-hans",
        newsletter="true",
        date_from="2025-09-08",
        date_to="2025-09-14",
    )
    assert [(item["title"], item["date"]) for item in body["items"]] == [
        ("与扬州签署合作备忘录", "2025-09-12")
    ]


def test_news_detail_lists_related_pages_in_editor_order(api, content, more_news):
    _older, newer = more_news
    status, body = api.get(f"news/{newer.pk}")
    assert [o["title"] for o in body["related_offices"]] == ["Repräsentanz Yangzhou"]
    assert body["related_regions"] == body["related_organisations"] == []
    assert body["category"]["slug"] == "kooperation"


@pytest.fixture
def events(content):
    now = timezone.now()
    past = EventPageFactory(
        parent=content.tree.events,
        title="Delegationsreise 2025",
        format="delegation_trip",
        start=now - datetime.timedelta(days=30),
        end=now - datetime.timedelta(days=23),
    )
    running = EventPageFactory(
        parent=content.tree.events,
        title="Startup-Konferenz",
        format="startup_conference",
        start=now - datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=5),
        time_zone="Asia/Shanghai",
        region=content.shanghai,
    )
    open_ended = EventPageFactory(
        parent=content.tree.events,
        title="Webinar ohne Ende",
        format="webinar",
        start=now - datetime.timedelta(days=2),
        end=None,
    )
    return past, running, open_ended


INFO = "Informationsveranstaltung China"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Delegationsreise 2025", "Webinar ohne Ende", "Startup-Konferenz", INFO]),
        ({"when": "upcoming"}, ["Startup-Konferenz", INFO]),
        ({"when": "past"}, ["Webinar ohne Ende", "Delegationsreise 2025"]),
        ({"when": "past", "order": "start"}, ["Delegationsreise 2025", "Webinar ohne Ende"]),
        ({"region": "shanghai"}, ["Startup-Konferenz"]),
        ({"region": "yangzhou", "when": "upcoming"}, [INFO]),
        ({"format": "webinar"}, ["Webinar ohne Ende"]),
        ({"format": "trade_fair"}, []),
    ],
)
def test_event_filters_and_order(api, events, params, expected):
    assert titles(api, "events", **params) == expected


def test_event_times_are_in_the_events_time_zone(api, content):
    EventPageFactory(
        parent=content.tree.events,
        title="Konferenz in Foshan",
        time_zone="Asia/Shanghai",
        start=datetime.datetime(2030, 5, 20, 1, 0, tzinfo=datetime.UTC),
        end=None,
    )
    status, body = api.get("events", format="information_event")
    item = next(i for i in body["items"] if i["title"] == "Konferenz in Foshan")
    assert item["start"] == "2030-05-20T09:00:00+08:00"
    assert item["end"] is None
    assert item["upcoming"] is True
