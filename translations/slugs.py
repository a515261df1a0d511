"""Pinyin slugs for Chinese pages (the demo's convention: /zh-hans/diqu/yangzhou/).

A Chinese translation starts with its source's German slug. When it is first published with a
Chinese title (corrected by the Chinese editor and published from the translation editor, or
published after a DeepL pre-translation), its slug becomes the title in pinyin, one word per
jieba segment ("与佛山达成机器人合作" → "yu-foshan-dacheng-jiqiren-hezuo"), unique among
its siblings. A slug an editor chose (anything but the source's) and the slug of a page that was
already published (its URL is out) are never changed.
"""

import re

import jieba
from django.utils.text import slugify
from pypinyin import lazy_pinyin
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from api.cache import bump_content_generation
from translations import counterparts

CJK = re.compile(r"[\u4e00-\u9fff]")


def pinyin_slug(title):
    words = [word.strip() for word in jieba.lcut(title) if word.strip()]
    return slugify(" ".join("".join(lazy_pinyin(word)) for word in words))[:255].strip("-")


def should_rename(page):
    """A Chinese page published for the first time with a Chinese title and its source's slug."""
    if not page.title or not CJK.search(page.title) or (page.depth or 0) <= 2:
        return False
    if not page.locale.language_code.startswith("zh"):
        return False
    if page.first_published_at != page.last_published_at:  # published before: its URL is out
        return False
    return (
        Page.objects.filter(translation_key=page.translation_key, slug=page.slug)
        .exclude(locale_id=page.locale_id)
        .exists()
    )


def chinese_page_published(sender, instance, revision=None, **kwargs):
    """Wagtail's page_published: give a first-published Chinese page its pinyin slug, in the
    page and in its live revision (the editor's form loads the revision)."""
    page = instance
    if counterparts.is_paused() or not should_rename(page):
        return
    slug = pinyin_slug(page.title)
    parent = page.get_parent()
    if not slug or parent is None:
        return
    page.slug = find_available_slug(parent, slug, ignore_page_id=page.pk)
    page.set_url_path(parent)
    page.save(update_fields=["slug", "url_path"], clean=False)
    for stored in {r.pk: r for r in (revision, page.latest_revision) if r is not None}.values():
        stored.content["slug"], stored.content["url_path"] = page.slug, page.url_path
        stored.save(update_fields=["content"])
    bump_content_generation()  # API responses cached meanwhile carry the old URL
