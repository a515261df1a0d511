"""Pages: resolving public paths for frontend routing; draft previews with signed tokens."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse

from base.preview import SALT, make_preview_token
from tests.factories import OrganisationPageFactory

pytestmark = pytest.mark.django_db


# --- Resolve ---------------------------------------------------------------------------------


def test_resolve_returns_the_typed_page_at_a_public_path(api, content):
    status, body = api.get("pages/resolve", path="/zh-hans/regionen/yangzhou/")
    assert status == 200
    assert (body["id"], body["type"], body["locale"]) == (
        content.yangzhou_zh.pk,
        "regions.RegionPage",
        "zh-hans",
    )
    assert body["offices"][0]["title"] == "扬州代表处"  # the detail's fields


@pytest.mark.parametrize(
    ("path", "page", "page_type"),
    [
        ("/de/organisationen/bright-dream/", "bright_dream", "companies.OrganisationPage"),
        ("/de/organisationen/bright-dream", "bright_dream", "companies.OrganisationPage"),
        ("/zh-hans/nachrichten/mou-yangzhou/", "news_zh", "news.NewsPage"),
        ("/de/veranstaltungen/infoabend/", "event", "news.EventPage"),
        ("/de/regionen/yangzhou/buero/", "office", "regions.OfficePage"),
    ],
)
def test_resolve_each_page_type(api, content, path, page, page_type):
    status, body = api.get("pages/resolve", path=path)
    assert (status, body["id"], body["type"]) == (200, getattr(content, page).pk, page_type)


def test_resolve_home_and_index_pages(api, content):
    status, body = api.get("pages/resolve", path="/zh-hans/")
    assert (status, body["type"], body["id"]) == (200, "home.HomePage", content.tree_zh.home.pk)
    status, body = api.get("pages/resolve", path="/de/organisationen/")
    assert (status, body["type"]) == (200, "companies.OrganisationIndexPage")


@pytest.mark.parametrize(
    "path",
    [
        "/de/regionen/nirgendwo/",
        "/zh-hans/regionen/shanghai/",  # exists in German only
        "/regionen/yangzhou/",  # no locale prefix
        "/fr/regionen/yangzhou/",
        "/",
        "",
    ],
)
def test_resolve_unknown_path_is_a_404(api, content, path):
    status, body = api.get("pages/resolve", path=path)
    assert status == 404
    assert body["detail"].startswith("No page at")


# --- Preview ---------------------------------------------------------------------------------


@pytest.fixture
def draft(content):
    """Bright Dream with a saved but unpublished change of title."""
    page = content.bright_dream
    page.title = "Bright Dream Robotics (Entwurf)"
    revision = page.save_revision()
    return page, revision


def test_preview_returns_the_draft_like_the_detail_endpoint(api, content, draft):
    page, revision = draft
    status, body = api.get("preview", token=make_preview_token(page.pk, revision.pk))
    assert status == 200
    assert body["title"] == "Bright Dream Robotics (Entwurf)"
    assert body["type"] == "companies.OrganisationPage"
    assert [sector["name"] for sector in body["sectors"]] == ["Robotik"]
    assert body["region"]["title"] == "Yangzhou"
    assert "contact_email" not in body
    # The public API still serves the published version.
    status, live = api.get(f"organisations/{page.pk}")
    assert live["title"] == "Bright Dream Robotics"
    assert set(live) == set(body)


def test_preview_of_a_never_published_page(api, content):
    page = OrganisationPageFactory(parent=content.tree.organisations, draft=True, title="Neu")
    revision = page.save_revision()
    status, body = api.get("preview", token=make_preview_token(page.pk, revision.pk))
    assert (status, body["title"]) == (200, "Neu")
    assert api.get(f"organisations/{page.pk}")[0] == 404


def test_preview_needs_a_token(api, content):
    status, body = api.get("preview")
    assert status == 400
    assert body["errors"][0]["field"] == "token"


def test_a_tampered_token_is_rejected(api, content, draft):
    page, revision = draft
    token = make_preview_token(page.pk, revision.pk)
    payload, timestamp, signature = token.split(":")
    forged = signing.b64_encode(b'{"p":1,"r":1}').decode()
    for bad in (f"{forged}:{timestamp}:{signature}", token[:-2] + "xx", "nonsense"):
        status, body = api.get("preview", token=bad)
        assert status == 403
        assert body == {"detail": "The preview token is invalid."}


def test_a_token_signed_with_another_key_is_rejected(api, content, draft):
    page, revision = draft
    other = signing.TimestampSigner(key="another-key", salt=SALT)
    status, body = api.get("preview", token=other.sign_object({"p": page.pk, "r": revision.pk}))
    assert status == 403


class PastSigner(signing.TimestampSigner):
    """Signs as if two hours ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 7200)


def test_an_expired_token_is_rejected(api, content, draft):
    page, revision = draft
    token = PastSigner(salt=SALT).sign_object({"p": page.pk, "r": revision.pk})
    status, body = api.get("preview", token=token)
    assert status == 403
    assert body == {"detail": "The preview token has expired."}
    with override_settings(API_PREVIEW_TOKEN_MAX_AGE=3 * 3600):
        assert api.get("preview", token=token)[0] == 200


def test_a_token_for_another_pages_revision_is_a_404(api, content, draft):
    _page, revision = draft
    token = make_preview_token(content.kl_robotics.pk, revision.pk)
    status, body = api.get("preview", token=token)
    assert status == 404


def test_a_malformed_payload_is_a_400(api, content):
    token = signing.TimestampSigner(salt=SALT).sign_object({"page": 1})
    status, body = api.get("preview", token=token)
    assert (status, body["detail"]) == (400, "The preview token is malformed.")


@override_settings(FRONTEND_PREVIEW_URL="https://frontend.example.org/preview")
def test_the_admin_preview_mode_redirects_to_the_frontend_with_a_working_token(
    admin_client, client, content, draft
):
    page, revision = draft
    url = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk])
    response = admin_client.get(url, {"mode": "frontend"})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://frontend.example.org/preview?token=")
    (token,) = parse_qs(urlsplit(location).query)["token"]
    body = client.get("/api/v1/preview", {"token": token}).json()
    assert body["title"] == "Bright Dream Robotics (Entwurf)"


def test_the_frontend_preview_mode_is_offered_next_to_the_default(content):
    modes = dict(content.bright_dream.preview_modes)
    assert "frontend" in modes
    assert content.bright_dream.default_preview_mode == ""


@pytest.mark.parametrize("page", ["yangzhou", "office", "bright_dream", "news", "event"])
def test_every_content_type_can_be_previewed(api, content, locale_zh, page):
    page = getattr(content, page)
    page.title = f"{page.title} (Entwurf)"
    revision = page.save_revision()
    status, body = api.get("preview", token=make_preview_token(page.pk, revision.pk))
    assert status == 200, body
    assert body["title"].endswith("(Entwurf)")
    status, live = api.get(f"{PLURAL[type(page).__name__]}/{page.pk}")
    assert set(live) == set(body)
    assert body["translations"] == live["translations"]


PLURAL = {
    "RegionPage": "regions",
    "OfficePage": "offices",
    "OrganisationPage": "organisations",
    "NewsPage": "news",
    "EventPage": "events",
}
