"""Email-safe HTML and absolute links for feeds, the digest and webhook payloads.

The content comes from the delivery API's serialisers (``api/serialisers.py``), so a feed shows
exactly what the API shows: rich text with links to the translation in the same locale, images
as named renditions. Here it becomes HTML that survives email clients (no scripts, no iframes,
no relative URLs, inline sizes) and links that point at the public website (a separate frontend,
``FRONTEND_BASE_URL`` / ``FRONTEND_BASE_URLS``).
"""

import re
import uuid

from django.utils.html import escape

from api.frontend import frontend_base, frontend_url  # noqa: F401 (used by feeds and webhooks)

GUID_NAMESPACE = uuid.UUID("0f3c5a52-7a4e-4bd6-9a55-3a1c2f1e9b7d")
RELATIVE_HREF = re.compile(r'(\s(?:href|src))="(/[^"]*)"')


def absolutise(html, language_code):
    """Make every relative ``href``/``src`` in ``html`` absolute on the public website."""
    base = frontend_base(language_code)
    return RELATIVE_HREF.sub(lambda match: f'{match.group(1)}="{base}{match.group(2)}"', html)


def stable_guid(page):
    """A GUID that survives edits, moves and slug changes: the translation group and locale."""
    return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, f'{page.translation_key}:{page.locale_id}')}"


def best_rendition(image, preferred=("large", "medium", "thumbnail")):
    """The first existing rendition of an API image (``ImageOut``), or None."""
    if not image:
        return None
    renditions = image.get("renditions") or {}
    for name in preferred:
        if renditions.get(name):
            return renditions[name]
    return next(iter(renditions.values()), None)


def image_html(image, max_width=600):
    rendition = best_rendition(image, ("medium", "large", "thumbnail"))
    if rendition is None:
        return ""
    width, height = rendition["width"], rendition["height"]
    if width > max_width:
        width, height = max_width, round(height * max_width / width)
    return (
        f'<img src="{escape(rendition["url"])}" alt="{escape(image.get("alt") or "")}" '
        f'width="{width}" height="{height}" style="display:block;max-width:100%;height:auto;'
        f'border:0">'
    )


def blocks_html(blocks, language_code):
    """The API's StreamField blocks (``{"type", "value"}``) as email-safe HTML."""
    parts = []
    for block in blocks or ():
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph":
            parts.append(absolutise(value or "", language_code))
        elif kind == "image" and isinstance(value, dict):
            html = image_html(value.get("image"))
            caption = value.get("caption")
            if caption:
                html += f'<p style="font-size:13px;color:#555555">{escape(caption)}</p>'
            parts.append(html)
        elif kind == "quote" and isinstance(value, dict):
            who = ", ".join(part for part in (value.get("author"), value.get("role")) if part)
            parts.append(
                '<blockquote style="margin:16px 0;padding-left:12px;border-left:3px solid '
                f'#1a3e5c"><p>{escape(value.get("text") or "")}</p>'
                + (f"<p>— {escape(who)}</p>" if who else "")
                + "</blockquote>"
            )
        elif kind == "embed" and isinstance(value, dict):
            # No iframes in email: a link to the embedded media.
            url = value.get("url") or ""
            title = value.get("title") or url
            if url:
                parts.append(f'<p><a href="{escape(url)}">{escape(title)}</a></p>')
        elif kind == "call_to_action" and isinstance(value, dict):
            href = frontend_url(language_code, value.get("href"))
            if href:
                parts.append(
                    f'<p><a href="{escape(href)}" style="display:inline-block;padding:10px 16px;'
                    f'background:#1a3e5c;color:#ffffff;text-decoration:none">'
                    f"{escape(value.get('text') or href)}</a></p>"
                )
    return "\n".join(parts)
