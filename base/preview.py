"""Draft preview in the headless frontend: signed, expiring tokens over page id + revision id.

An editor picks the preview mode "Frontend" in the Wagtail admin; the preview redirects to
``FRONTEND_PREVIEW_URL?token=...``; the frontend calls ``GET /api/v1/preview?token=...`` and gets
the draft (the revision the token names) serialised like the detail endpoint. The token is
signed with SECRET_KEY (django.core.signing.TimestampSigner) and expires after
``API_PREVIEW_TOKEN_MAX_AGE`` seconds (default ten minutes: the admin makes a fresh one for
every preview); without a valid token no draft is reachable. A token is bound to its revision and
refused once a newer revision of the page is published, and the answer is never cached
(``Cache-Control: private, no-store``).
"""

from django.conf import settings
from django.core import signing
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

SALT = "cms.api.preview"
DEFAULT_MAX_AGE = 600
DEFAULT_FRONTEND_PREVIEW_URL = "http://localhost:3000/preview"


class PreviewTokenError(Exception):
    """A preview token that cannot be used; ``status`` is 400 (malformed) or 403."""

    def __init__(self, status, message):
        self.status = status
        self.message = message
        super().__init__(message)


def token_max_age():
    """Seconds a preview token stays valid (setting ``API_PREVIEW_TOKEN_MAX_AGE``)."""
    return int(getattr(settings, "API_PREVIEW_TOKEN_MAX_AGE", DEFAULT_MAX_AGE))


def make_preview_token(page_id, revision_id):
    """A signed, timestamped token naming one revision of one page."""
    return signing.TimestampSigner(salt=SALT).sign_object({"p": page_id, "r": revision_id})


def read_preview_token(token):
    """``(page_id, revision_id)`` of a valid token; PreviewTokenError otherwise."""
    if not token:
        raise PreviewTokenError(400, "A preview token is required.")
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=token_max_age())
    except signing.SignatureExpired as exc:
        raise PreviewTokenError(403, "The preview token has expired.") from exc
    except (signing.BadSignature, ValueError, UnicodeError) as exc:
        raise PreviewTokenError(403, "The preview token is invalid.") from exc
    try:
        return int(payload["p"]), int(payload["r"])
    except (KeyError, TypeError, ValueError) as exc:
        raise PreviewTokenError(400, "The preview token is malformed.") from exc


def frontend_preview_url(page_id, revision_id):
    """The frontend's preview address with a fresh token (setting ``FRONTEND_PREVIEW_URL``)."""
    base = getattr(settings, "FRONTEND_PREVIEW_URL", DEFAULT_FRONTEND_PREVIEW_URL)
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}{urlencode({'token': make_preview_token(page_id, revision_id)})}"


class HeadlessPreviewMixin:
    """Adds the preview mode "Frontend": the saved draft, shown by the headless frontend."""

    FRONTEND_PREVIEW_MODE = "frontend"

    @property
    def preview_modes(self):
        return [
            *super().preview_modes,
            (self.FRONTEND_PREVIEW_MODE, _("Frontend (zuletzt gespeicherter Entwurf)")),
        ]

    def serve_preview(self, request, mode_name):
        if mode_name != self.FRONTEND_PREVIEW_MODE:
            return super().serve_preview(request, mode_name)
        revision_id = self.pk and self.latest_revision_id
        if not revision_id:
            message = _("Bitte die Seite zuerst als Entwurf speichern.")
            return HttpResponse(f"<p>{escape(message)}</p>", content_type="text/html")
        return HttpResponseRedirect(frontend_preview_url(self.pk, revision_id))
