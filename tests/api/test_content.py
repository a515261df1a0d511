"""Content rendering: rich text with localised links and images as renditions, StreamField
blocks as {type, id, value}, images as absolute URLs of named renditions (never generated
during a request)."""

import pytest
from django.test import override_settings
from wagtail.documents.models import Document
from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.models import Embed
from wagtail.images.models import Rendition
from wagtail.rich_text import RichText

from tests.api.conftest import image_with_renditions
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=kl-china"


@pytest.fixture
def region_body(content):
    """Yangzhou's body with one block of each kind, published in German and Chinese."""
    photo = image_with_renditions(title="Technologiezentrum", description="Das Gebäude")
    photo.contextual_alt_text = "Technologiezentrum Yangzhou"
    photo.decorative = False
    inline = image_with_renditions(title="Unterzeichnung")
    document = Document.objects.create(title="MoU", file=ImageFactory().file)
    Embed.objects.create(
        url=VIDEO,
        hash="a" * 32,
        html='<iframe src="https://www.youtube.com/embed/kl-china"></iframe>',
        type="video",
        title="Video",
        provider_name="YouTube",
    )
    html = (
        f'<p>Mehr über <a linktype="page" id="{content.bright_dream.pk}">Bright Dream</a>, '
        f'<a linktype="page" id="{content.shanghai.pk}">Shanghai</a>, '
        f'<a linktype="document" id="{document.pk}">das MoU</a> und '
        '<a href="https://example.org/">extern</a>.</p>'
        f'<embed alt="Die Unterzeichnung" embedtype="image" format="fullwidth" id="{inline.pk}"/>'
    )
    body = [
        ("paragraph", RichText(html)),
        ("image", {"image": photo, "caption": "Das Zentrum", "credit": "WFK"}),
        ("quote", {"text": "Ein guter Tag.", "author": "Bürgermeister", "role": ""}),
        ("embed", EmbedValue(VIDEO)),
        ("call_to_action", {"text": "Zum Profil", "page": content.bright_dream, "url": ""}),
        ("call_to_action", {"text": "Extern", "page": None, "url": "https://example.org/x"}),
    ]
    for page in (content.yangzhou, content.yangzhou_zh):
        page.body = body
        page.save_revision().publish()
    return {"photo": photo, "inline": inline, "document": document}


def blocks_by_type(body):
    return {block["type"]: block for block in body}


def test_rich_text_links_point_at_the_public_url_in_the_same_locale(api, content, region_body):
    status, body = api.get(f"regions/{content.yangzhou_zh.pk}", locale="zh-hans")
    html = body["body"][0]["value"]
    # Bright Dream has a Chinese translation: the link goes there.
    assert '<a href="/zh-hans/organisationen/bright-dream/">Bright Dream</a>' in html
    # Shanghai has none: the link keeps pointing at the German page, marked as German.
    assert '<a href="/de/regionen/shanghai/" hreflang="de">Shanghai</a>' in html
    document = region_body["document"]
    assert f'<a href="http://testserver/documents/{document.pk}/' in html
    assert '<a href="https://example.org/">extern</a>' in html
    assert "linktype" not in html

    status, body = api.get(f"regions/{content.yangzhou.pk}")
    assert '<a href="/de/organisationen/bright-dream/">' in body["body"][0]["value"]


def test_rich_text_images_become_rendition_img_tags(api, content, region_body):
    status, body = api.get(f"regions/{content.yangzhou.pk}")
    html = body["body"][0]["value"]
    medium = region_body["inline"].get_rendition("max-800x800")
    assert (
        f'<img alt="Die Unterzeichnung" class="richtext-image fullwidth" height="8" '
        f'src="http://testserver{medium.url}" width="8">'
    ) in html
    assert "<embed" not in html


def test_stream_blocks_are_expanded(api, content, region_body):
    status, body = api.get(f"regions/{content.yangzhou_zh.pk}", locale="zh-hans")
    blocks = blocks_by_type(body["body"])
    assert all(block["id"] for block in body["body"])
    assert [block["type"] for block in body["body"]] == [
        "paragraph",
        "image",
        "quote",
        "embed",
        "call_to_action",
        "call_to_action",
    ]
    image = blocks["image"]["value"]
    assert image["caption"] == "Das Zentrum"
    assert image["image"]["alt"] == "Technologiezentrum Yangzhou"
    assert image["image"]["renditions"]["large"]["url"].startswith("http://testserver/media/")
    assert blocks["quote"]["value"] == {
        "text": "Ein guter Tag.",
        "author": "Bürgermeister",
        "role": "",
    }
    assert blocks["embed"]["value"]["html"].startswith('<iframe src="https://www.youtube.com/')
    assert blocks["embed"]["value"]["url"] == VIDEO
    to_profile, external = [b["value"] for b in body["body"] if b["type"] == "call_to_action"]
    assert to_profile["page"]["id"] == content.bright_dream_zh.pk
    assert to_profile["page"]["title"] == "博智林机器人"
    assert to_profile["href"] == "/zh-hans/organisationen/bright-dream/"
    assert (external["page"], external["href"]) == (None, "https://example.org/x")


def test_an_embed_not_in_the_embed_cache_has_no_html_and_is_not_fetched(api, content):
    content.yangzhou.body = [("embed", EmbedValue("https://vimeo.com/123"))]
    content.yangzhou.save_revision().publish()
    status, body = api.get(f"regions/{content.yangzhou.pk}")
    assert body["body"][0]["value"]["html"] == ""
    assert not Embed.objects.filter(url="https://vimeo.com/123").exists()


def test_images_are_absolute_urls_of_the_named_renditions(api, content):
    status, body = api.get(f"organisations/{content.bright_dream.pk}")
    logo = body["logo"]
    assert set(logo["renditions"]) == {"thumbnail", "medium", "large"}
    thumbnail = content.logo.get_rendition("fill-400x300")
    assert logo["renditions"]["thumbnail"] == {
        "url": f"http://testserver{thumbnail.url}",
        "width": thumbnail.width,
        "height": thumbnail.height,
    }
    assert (logo["width"], logo["height"]) == (8, 8)


@override_settings(API_MEDIA_BASE_URL="https://cdn.example.org/")
def test_media_base_url_setting(api, content):
    status, body = api.get(f"organisations/{content.bright_dream.pk}")
    assert body["logo"]["renditions"]["medium"]["url"].startswith("https://cdn.example.org/media/")


def test_a_missing_rendition_is_left_out_and_never_generated(api, content):
    Rendition.objects.filter(image=content.logo, filter_spec="max-1600x1600").delete()
    before = Rendition.objects.count()
    status, body = api.get(f"organisations/{content.bright_dream.pk}")
    assert set(body["logo"]["renditions"]) == {"thumbnail", "medium"}
    status, body = api.get("organisations")
    assert set(body["items"][0]["logo"]["renditions"]) == {"thumbnail", "medium"}
    assert Rendition.objects.count() == before


def test_an_image_without_renditions_still_has_its_alt_text(api, content):
    bare = ImageFactory(title="Ohne Renditionen")
    content.yangzhou.hero_image = bare
    content.yangzhou.save_revision().publish()
    status, body = api.get(f"regions/{content.yangzhou.pk}")
    assert body["hero_image"]["alt"] == "Ohne Renditionen"
    assert body["hero_image"]["renditions"] == {}
    assert not Rendition.objects.filter(image=bare).exists()
