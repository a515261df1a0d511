"""Preview tokens (issue 15): never cached by a CDN, short-lived, bound to a revision and
refused once a newer revision is published."""

import time

from django.core import signing
from django.test import override_settings

from base.preview import SALT, make_preview_token
from tests.api.test_pages import draft  # noqa: F401 - the fixture


def test_a_preview_is_never_stored_by_a_shared_cache(client, content, draft):  # noqa: F811
    page, revision = draft
    response = client.get("/api/v1/preview", {"token": make_preview_token(page.pk, revision.pk)})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_tokens_are_short_lived_by_default(api, content, draft):  # noqa: F811
    page, revision = draft

    class ElevenMinutesAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 11 * 60)

    token = ElevenMinutesAgo(salt=SALT).sign_object({"p": page.pk, "r": revision.pk})
    status, body = api.get("preview", token=token)
    assert (status, body["detail"]) == (403, "The preview token has expired.")
    with override_settings(API_PREVIEW_TOKEN_MAX_AGE=15 * 60):
        assert api.get("preview", token=token)[0] == 200


def test_a_token_is_refused_once_a_newer_revision_is_published(api, content, draft):  # noqa: F811
    page, revision = draft
    token = make_preview_token(page.pk, revision.pk)
    assert api.get("preview", token=token)[0] == 200
    # Its own revision published: still the same content, still fine.
    revision.publish()
    assert api.get("preview", token=token)[0] == 200
    page.refresh_from_db()
    page.title = "Bright Dream Robotics (neu)"
    page.save_revision().publish()
    status, body = api.get("preview", token=token)
    assert (status, body["detail"]) == (403, "A newer revision of this page has been published.")
    # A newer draft that is not published does not retire the token of the live one.
    page.refresh_from_db()
    live = page.live_revision
    page.title = "Noch ein Entwurf"
    page.save_revision()
    assert api.get("preview", token=make_preview_token(page.pk, live.pk))[0] == 200
