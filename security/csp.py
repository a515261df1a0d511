"""Content-Security-Policy on every response, chosen by path (``CSP_POLICIES``, ``CSP_PATHS``).

A small middleware rather than django-csp: the policy here depends on *where* a response comes
from (the admin, the API docs, the JSON API, the e-mail digest, pages), which django-csp 4 only
offers per view through decorators on views we do not own (Wagtail's, django-ninja's).

- The JSON API and everything unknown: ``default-src 'none'`` (a JSON body executes nothing, and
  an HTML error page loads nothing).
- Pages: scripts only from this origin, no plugins, no framing by other sites.
- The admin and the API docs: what Wagtail 8's admin needs. Its templates still carry inline
  scripts (InlinePanel, the date and time widgets) and inline styles, so ``'unsafe-inline'`` is
  allowed for scripts and styles there, but no script from any other origin, no ``eval``, no
  plugins, no ``<base>`` elsewhere, forms only to this origin and framing only by itself (the
  preview panel). ``tests/e2e/test_csp_in_browser.py`` walks the admin in Chromium and fails on
  any violation.

A response that already has the header (a view that knows better) keeps it. With
``CSP_REPORT_ONLY`` the header is ``Content-Security-Policy-Report-Only``.
"""

from urllib.parse import urlsplit

from django.conf import settings

HEADER = "Content-Security-Policy"


def origin(url):
    """``scheme://host[:port]`` of an absolute URL, else None (a relative URL is this site)."""
    parts = urlsplit(url or "")
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def media_origins():
    """Where images come from besides this origin: object storage or a CDN (MEDIA_URL,
    API_MEDIA_BASE_URL)."""
    found = []
    for url in (settings.MEDIA_URL, getattr(settings, "API_MEDIA_BASE_URL", "")):
        value = origin(url)
        if value and value not in found:
            found.append(value)
    return " ".join(found)


def build(policy):
    """The header value of a policy (directive → sources); ``{media}`` is ``media_origins()``."""
    media = media_origins()
    parts = []
    for directive, sources in policy.items():
        value = " ".join(sources).replace("{media}", media).split()
        parts.append(" ".join([directive, *value]))
    return "; ".join(parts)


def policy_for(path):
    for prefix, name in settings.CSP_PATHS:
        if path.startswith(prefix):
            return name
    return settings.CSP_DEFAULT_POLICY


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = HEADER + ("-Report-Only" if settings.CSP_REPORT_ONLY else "")
        if HEADER not in response and header not in response:
            response[header] = build(settings.CSP_POLICIES[policy_for(request.path_info)])
        return response
