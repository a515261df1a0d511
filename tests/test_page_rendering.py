"""The server-rendered pages (admin preview and `make run`): every type renders in both locales."""

import re

import pytest

from tests.conftest import translate_page
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    OfficePageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_tree):
    region = RegionPageFactory(parent=home_tree.regions, title="Yangzhou", slug="yangzhou")
    return [
        home_tree.home,
        home_tree.regions,
        region,
        OfficePageFactory(parent=region, title="Repräsentanz Yangzhou", slug="repraesentanz"),
        home_tree.organisations,
        OrganisationPageFactory(parent=home_tree.organisations, title="Beispiel AG"),
        home_tree.news,
        NewsPageFactory(parent=home_tree.news, title="MoU unterzeichnet"),
        home_tree.events,
        EventPageFactory(
            parent=home_tree.events, title="Informationsabend", time_zone="Asia/Shanghai"
        ),
    ]


def test_every_page_type_renders_under_its_german_url(client, pages):
    for page in pages:
        url = page.get_url()
        assert url.startswith("/de/"), url
        response = client.get(url)
        assert response.status_code == 200, (type(page).__name__, url)
        assert '<html lang="de">' in response.text
        assert f"<h1>{page.title}</h1>" in response.text


def test_chinese_translation_renders_under_zh_hans_with_language_switcher(client, pages, locale_zh):
    # Translate the ancestors first: a translation needs its parent's translation.
    translated = {}
    for page in pages:
        translated[page.pk] = translate_page(page, locale_zh)
    for page in pages:
        zh = translated[page.pk].specific
        url = zh.get_url()
        assert url.startswith("/zh-hans/"), url
        response = client.get(url)
        assert response.status_code == 200, (type(zh).__name__, url)
        assert '<html lang="zh-hans">' in response.text
        # The switcher links the German version, and the German page links back.
        assert re.search(rf'<a href="{re.escape(page.get_url())}" hreflang="de"', response.text)
        german = client.get(page.get_url()).text
        assert re.search(rf'<a href="{re.escape(url)}" hreflang="zh-hans"', german)


def test_unprefixed_root_redirects_to_the_default_language(client, pages):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_draft_page_is_not_served(client, home_tree):
    draft = OrganisationPageFactory(parent=home_tree.organisations, draft=True)
    assert (
        client.get(draft.get_url() or "/de/organisationen/" + draft.slug + "/").status_code == 404
    )


def test_the_news_index_lists_the_newest_first_with_dates(client, home_tree):
    import datetime

    for day, title in ((3, "Alt"), (20, "Neu"), (11, "Mitte")):
        NewsPageFactory(parent=home_tree.news, title=title, date=datetime.date(2026, 9, day))
    html = client.get(home_tree.news.get_url()).content.decode()
    positions = [html.index(f">{title}</a>") for title in ("Neu", "Mitte", "Alt")]
    assert positions == sorted(positions)
    assert '<time datetime="2026-09-20">2026-09-20</time>' in html


def test_demo_placeholder_images_draw_only_what_the_font_has():
    from demo.loader import HERO_TEXT, placeholder_png

    assert HERO_TEXT.isascii()
    assert placeholder_png(HERO_TEXT, "#7a1f1f", (320, 180)).getvalue().startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="ASCII"):
        placeholder_png("Kaiserslautern – China", "#7a1f1f", (320, 180))
