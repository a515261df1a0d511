"""``/sitemap.xml`` and ``/robots.txt`` of the public website (served here, proxied or copied
by the frontend).

``/sitemap.xml`` is a sitemap index naming one sitemap per content locale,
``/sitemap-<locale>-<n>.xml``, split into several when a locale has more pages than
``SITEMAP_MAX_URLS`` (50,000, the protocol's limit). Each lists every live public page of a
type the API serves, with ``lastmod`` and ``xhtml:link rel="alternate" hreflang`` for each of
its visible translations (itself included) and ``x-default`` (the default language's, else
the first configured language that has one). URLs are on the frontend's base URL of their
locale (``FRONTEND_BASE_URL(S)``). A sitemap costs three queries, the index one, whatever the
number of pages; both are cached like the API (``api.caching``).
"""

import datetime
import math
from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db.models import Count, Subquery
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.models import Page

from api.caching import cached_public_response
from api.frontend import frontend_base, frontend_uri, page_content_types
from base.locales import content_locale_codes, default_locale_code
from base.models import ApiPageQuerySet

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
PROTOCOL_MAX_URLS = 50_000


def max_urls():
    """URLs per sitemap file (setting ``SITEMAP_MAX_URLS``, at most the protocol's 50,000)."""
    return max(1, min(int(getattr(settings, "SITEMAP_MAX_URLS", PROTOCOL_MAX_URLS)), 50_000))


def sitemap_pages(language_code):
    """The pages of a locale's sitemap: visible, of a served type, in tree order."""
    return (
        ApiPageQuerySet(model=Page)
        .in_locale(language_code)
        .filter(content_type__in=page_content_types())
        .order_by("path")
    )


def sitemap_counts():
    """Locale → number of sitemap pages, in one query."""
    rows = (
        ApiPageQuerySet(model=Page)
        .visible()
        .filter(content_type__in=page_content_types())
        .values("locale__language_code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["locale__language_code"]: row["n"] for row in rows}


def page_path(page, request):
    """The public path of a page (``/zh-hans/regionen/yangzhou/``), None if not routable."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


def w3c_datetime(value):
    return timezone.localtime(value, datetime.UTC).isoformat(timespec="seconds")


def chunk_entries(request, language_code, number):
    """The ``(loc, lastmod, alternates)`` of the ``number``-th sitemap of a locale, or Http404.

    Three queries: the chunk, the visible translations of its pages, and (first use in the
    process) the site root paths."""
    size = max_urls()
    start = (number - 1) * size
    fields = ("id", "path", "url_path", "translation_key", "last_published_at")
    chunk = sitemap_pages(language_code).only(*fields)[start : start + size]
    pages = list(chunk)
    if not pages:
        raise Http404(f"No sitemap {language_code}-{number}.")
    translations = (
        ApiPageQuerySet(model=Page)
        .visible()
        .filter(
            translation_key__in=Subquery(chunk.values("translation_key")),
            content_type__in=page_content_types(),
        )
        .select_related("locale")
        .only("id", "url_path", "translation_key", "locale__language_code")
    )
    preference = {code: i for i, code in enumerate(content_locale_codes())}
    groups = defaultdict(list)
    for translation in translations:
        code = translation.locale.language_code
        uri = frontend_uri(code, page_path(translation, request))
        if uri and code in preference:
            groups[translation.translation_key].append((preference[code], code, uri))
    entries = []
    for page in pages:
        loc = frontend_uri(language_code, page_path(page, request))
        if not loc:
            continue
        group = sorted(groups.get(page.translation_key, ()))
        alternates = [(code, uri) for _position, code, uri in group]
        if len(alternates) > 1:
            alternates.append(("x-default", alternates[0][1]))
        else:
            alternates = []  # a page in one language only needs no alternates
        lastmod = w3c_datetime(page.last_published_at) if page.last_published_at else None
        entries.append((loc, lastmod, alternates))
    return entries


def render_urlset(entries):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for loc, lastmod, alternates in entries:
        lines.append(f"<url><loc>{escape(loc)}</loc>")
        if lastmod:
            lines.append(f"<lastmod>{lastmod}</lastmod>")
        for code, uri in alternates:
            lines.append(
                f'<xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(uri)}/>'
            )
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_names():
    """The sitemaps of the index: ``(locale, number)`` for each locale that has pages."""
    counts = sitemap_counts()
    size = max_urls()
    return [
        (code, number)
        for code in content_locale_codes()
        for number in range(1, math.ceil(counts.get(code, 0) / size) + 1)
    ]


def sitemap_location(language_code, number):
    """Where a locale's sitemap is published: on that locale's frontend."""
    return f"{frontend_base(language_code)}/sitemap-{language_code}-{number}.xml"


def xml_response(body):
    return HttpResponse(body.encode(), content_type="application/xml; charset=utf-8")


@require_safe
@cached_public_response
def sitemap_index(request):
    """``/sitemap.xml``: the index of the sitemaps of every locale."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for code, number in sitemap_names():
        lines.append(f"<sitemap><loc>{escape(sitemap_location(code, number))}</loc></sitemap>")
    lines.append("</sitemapindex>")
    return xml_response("\n".join(lines) + "\n")


@require_safe
@cached_public_response
def sitemap_section(request, language_code, number):
    """``/sitemap-<locale>-<n>.xml``: up to ``SITEMAP_MAX_URLS`` pages of one locale."""
    try:
        if language_code not in content_locale_codes() or number < 1:
            raise Http404
        return xml_response(render_urlset(chunk_entries(request, language_code, number)))
    except Http404:
        return HttpResponseNotFound(
            f"No sitemap {language_code}-{number}.", content_type="text/plain; charset=utf-8"
        )


@require_safe
@cached_public_response
def robots_txt(request):
    """``/robots.txt`` of the public website: everything may be crawled; the sitemap index on
    each frontend base URL."""
    bases = dict.fromkeys(
        frontend_base(code) for code in [default_locale_code(), *content_locale_codes()]
    )
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {base}/sitemap.xml" for base in bases]
    return HttpResponse(
        ("\n".join(lines) + "\n").encode(), content_type="text/plain; charset=utf-8"
    )
