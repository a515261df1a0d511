"""URLs on the public website, a separate frontend (``FRONTEND_BASE_URL`` and, per locale,
``FRONTEND_BASE_URLS``): feeds, the digest, webhooks and the sitemap link there."""

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.encoding import iri_to_uri


def frontend_base(language_code):
    """The public website's base URL for a locale."""
    urls = getattr(settings, "FRONTEND_BASE_URLS", {})
    return urls.get(language_code) or settings.FRONTEND_BASE_URL


def frontend_url(language_code, path):
    """An absolute URL on the public website for a page path such as ``/zh-hans/xinwen/x/``."""
    if not path:
        return None
    if path.startswith(("http://", "https://")):
        return path
    return urljoin(frontend_base(language_code) + "/", path.lstrip("/"))


def frontend_uri(language_code, path):
    """``frontend_url`` as an RFC 3986 URI (non-ASCII slugs percent-encoded), as sitemaps need."""
    url = frontend_url(language_code, path)
    return iri_to_uri(url) if url else None


def page_content_types():
    """The content types of the page models the API serves (and so the frontend shows)."""
    from api.serialisers import DETAIL_TYPES

    return list(ContentType.objects.get_for_models(*DETAIL_TYPES).values())
