"""Matches: the done-when case in both locales, visibility, expiry, scope, errors, and the
background task that keeps the profiles current on publish and unpublish."""

import pytest

from matchmaking.matching import WEIGHTS
from matchmaking.models import MatchProfile

pytestmark = pytest.mark.django_db


def titles(body):
    return [item["organisation"]["title"] for item in body["items"]]


def match_of(body, title):
    return next(item for item in body["items"] if item["organisation"]["title"] == title)


@pytest.mark.parametrize(
    ("locale", "distributor", "labels"),
    [
        ("de", "Suzhou Maschinenhandel", ["Sucht, was Sie bieten: Technologieangebot"]),
        ("zh-hans", "苏州机械贸易有限公司", ["对方寻求您所提供的：技术供给"]),
    ],
)
def test_german_technology_offer_finds_chinese_distributor(
    market, api, locale, distributor, labels
):
    status, body = api.get(f"organisations/{market.pages['sensorik'].pk}/matches", locale=locale)
    assert status == 200
    assert distributor in titles(body)[:3]
    match = match_of(body, distributor)
    kinds = [reason["kind"] for reason in match["reasons"]]
    assert {"offers-seeks", "seeks-offers", "sector", "region"} <= set(kinds)
    assert labels[0] in [reason["label"] for reason in match["reasons"]]
    assert 0 < match["score"] <= 1
    assert body["count"] == len(body["items"])
    assert [i["score"] for i in body["items"]] == sorted(
        (i["score"] for i in body["items"]), reverse=True
    )


@pytest.mark.parametrize("locale", ["de", "zh-hans"])
def test_and_the_other_way_round(market, api, locale):
    distributor = market.pages["haendler"]
    status, body = api.get(f"organisations/{distributor.pk}/matches", locale=locale)
    assert status == 200
    expected = "Lautern Sensorik GmbH" if locale == "de" else "劳特传感器有限公司"
    assert expected in titles(body)[:3]
    reasons = {r["kind"] for r in match_of(body, expected)["reasons"]}
    assert {"offers-seeks", "seeks-offers"} <= reasons


def test_a_better_fitting_draft_never_appears(market, api):
    assert MatchProfile.objects.filter(
        translation_key=market.pages["entwurf"].translation_key
    ).exists()  # a stale profile: only the query-time visibility keeps it out
    for locale in ("de", "zh-hans"):
        for fallback in ("false", "true"):
            _status, body = api.get(
                f"organisations/{market.pages['sensorik'].pk}/matches",
                locale=locale,
                fallback=fallback,
                scope="all",
                limit=50,
            )
            assert not {"Perfekter Händler (Entwurf)", "完美经销商（草稿）"} & set(titles(body))


def test_never_itself_and_cross_border_by_default(market, api):
    sensorik = market.pages["sensorik"]
    _status, body = api.get(f"organisations/{sensorik.pk}/matches", limit=50)
    assert "Lautern Sensorik GmbH" not in titles(body)
    assert {item["organisation"]["country"]["value"] for item in body["items"]} == {"CN"}
    _status, body = api.get(f"organisations/{sensorik.pk}/matches", scope="all", limit=50)
    assert "Pfälzer Vertrieb GmbH" in titles(body)
    assert "Lautern Sensorik GmbH" not in titles(body)


def test_expired_opportunities_are_not_matched(market, api):
    _status, body = api.get(
        f"organisations/{market.pages['sensorik'].pk}/matches", scope="all", limit=50
    )
    opportunities = [i["opportunity"]["title"] for i in body["items"] if i["opportunity"]]
    assert "Sensoren für Werkzeugmaschinen gesucht" not in opportunities
    status, _body = api.get(f"opportunities/{market.pages['abgelaufen'].pk}/matches")
    assert status == 404


def test_opportunity_matches_carry_the_opportunity(market, api):
    schulung = market.pages["schulung"]
    status, body = api.get(f"opportunities/{schulung.pk}/matches", locale="zh-hans", scope="all")
    assert status == 200
    assert all(item["organisation"]["title"] != "苏州学院" for item in body["items"])
    _status, body = api.get(f"organisations/{market.pages['sensorik'].pk}/matches", scope="all")
    for item in body["items"]:
        if item["opportunity"] is not None:
            assert item["opportunity"]["organisation"]["id"] == item["organisation"]["id"]


def test_no_private_data(market, api):
    _status, body = api.get(f"organisations/{market.pages['sensorik'].pk}/matches", limit=50)
    assert "@example.org" not in str(body)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 51}, "limit"),
        ({"limit": 0}, "limit"),
        ({"scope": "world"}, "scope"),
        ({"locale": "fr"}, "locale"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(market, api, params, field):
    status, body = api.get(f"organisations/{market.pages['sensorik'].pk}/matches", **params)
    assert status == 400
    assert field in body["detail"]


def test_unknown_or_not_public_ids_are_404(market, api):
    for path in (
        "organisations/999999/matches",
        f"organisations/{market.pages['entwurf'].pk}/matches",
        f"organisations/{market.pages['schulung'].pk}/matches",  # an opportunity's id
        "opportunities/999999/matches",
        f"opportunities/{market.pages['sensorik'].pk}/matches",
    ):
        status, body = api.get(path)
        assert status == 404, path
        assert body["detail"]


def test_weights_add_up_to_one():
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)


def test_profiles_follow_publish_and_unpublish(market_base, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = market_base.organisation(
            "neu",
            ("Neue Firma", "新公司"),
            ("Roboter.", "机器人。"),
            "DE",
            sectors=["automation"],
            offers=["technology-offer"],
        )
    profile = MatchProfile.objects.get(translation_key=page.translation_key)
    assert profile.offers == ["technology-offer"]
    assert profile.terms  # analysed terms of both locales
    assert any(term.isascii() for term in profile.terms)
    assert any(not term.isascii() for term in profile.terms)
    with django_capture_on_commit_callbacks(execute=True):
        for translation in type(page).objects.filter(translation_key=page.translation_key):
            translation.unpublish()
    assert not MatchProfile.objects.filter(translation_key=page.translation_key).exists()


def test_a_new_partner_enters_the_stored_lists_of_those_it_fits(
    market, api, django_capture_on_commit_callbacks
):
    """The lists are ranked by the background task: publishing a new organisation stores its
    own list and re-ranks those of its neighbours, so it appears in theirs too."""
    sensorik = market.pages["sensorik"]
    _status, body = api.get(f"organisations/{sensorik.pk}/matches", limit=50)
    assert "Neuer Händler Wuxi" not in titles(body)
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = market.organisation(
            "wuxi",
            ("Neuer Händler Wuxi", "无锡新经销商"),
            ("Vertrieb von Sensoren in China.", "在中国分销传感器。"),
            "CN",
            sectors=["automation"],
            offers=["distribution"],
            seeks=["technology-offer"],
        )
    _status, body = api.get(f"organisations/{sensorik.pk}/matches", limit=50)
    reasons = {r["kind"] for r in match_of(body, "Neuer Händler Wuxi")["reasons"]}
    assert {"offers-seeks", "seeks-offers"} <= reasons
    _status, body = api.get(f"organisations/{newcomer.pk}/matches", limit=50)
    assert "Lautern Sensorik GmbH" in titles(body)
    # A change re-ranks the lists it was in: nothing offered or sought, no sector any more.
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.sectors.set([])
        newcomer.offers.set([])
        newcomer.seeks.set([])
        newcomer.save_revision().publish()
    _status, body = api.get(f"organisations/{sensorik.pk}/matches", limit=50)
    if "Neuer Händler Wuxi" in titles(body):  # still similar in its description
        reasons = {r["kind"] for r in match_of(body, "Neuer Händler Wuxi")["reasons"]}
        assert not {"offers-seeks", "seeks-offers"} & reasons


def test_a_request_reads_stored_rankings_and_never_ranks(market, api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        status, body = api.get(f"organisations/{market.pages['sensorik'].pk}/matches")
    assert status == 200 and body["items"]
    assert not [q for q in captured if "matchmaking_matchkey" in q["sql"]]
