"""The demo loader (``manage.py load_demo``): the tree from the seed in German, complete Chinese
translations made through wagtail-localize, all published; a second run changes nothing.

The loader commits (wagtail-localize publishes a translated page when its transaction commits),
so these tests run with real transactions and restore the migrated data afterwards.
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation

from companies.models import CooperationType, OrganisationPage, Sector
from demo import content
from home.models import HomePage
from matchmaking import demo as matchmaking_demo
from matchmaking.models import OpportunityPage
from news.models import EventPage, NewsCategory, NewsPage
from regions.models import ContactPerson, OfficePage, RegionPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CJK = re.compile(r"[\u4e00-\u9fff]")
SNIPPETS = (Sector, CooperationType, NewsCategory, ContactPerson)


def load(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    """Every table the loader writes to, by model."""
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.filter(live=True).count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
        "redirects": Redirect.objects.count(),
        "users": get_user_model().objects.count(),
        **{model.__name__: model.objects.count() for model in SNIPPETS},
    }


def test_loads_the_seed_tree_and_a_second_run_changes_nothing():
    first = load()
    assert "Created:" in first
    de = Locale.objects.get(language_code="de")

    def german(model):
        return model.objects.filter(locale=de, live=True)

    assert german(HomePage).count() == 1
    assert german(RegionPage).count() == len(content.REGIONS) == 5
    assert german(OfficePage).count() == len(content.OFFICES) == 3
    # + the Chuzhou development zone that matchmaking's demo adds for its opportunity
    assert german(OrganisationPage).count() == len(content.ORGANISATIONS) + 1
    assert german(OpportunityPage).count() == len(matchmaking_demo.OPPORTUNITIES)
    assert german(NewsPage).count() == len(content.NEWS)
    assert german(EventPage).count() == len(content.EVENTS)
    legal_names = set(german(OrganisationPage).values_list("legal_name", flat=True))
    # The organisations the seed names, with their names in the original script.
    assert {
        "广东博智林机器人有限公司",
        "上海交通大学",
        "青浦工业园区",
        "扬州科技中心",
    } <= legal_names
    assert "Robotation Academy" in set(german(OrganisationPage).values_list("title", flat=True))
    fictitious = german(OrganisationPage).filter(region__slug="kaiserslautern")
    assert fictitious.exists()
    assert all("(fiktiv)" in page.legal_name for page in fictitious)
    assert all(page.summary.startswith("Fiktives Beispielunternehmen") for page in fictitious)
    offices = {office.slug: office for office in german(OfficePage)}
    yangzhou = offices["repraesentanz-yangzhou"]
    assert (yangzhou.floor_area_m2, yangzhou.get_parent().slug) == (1600, "yangzhou")
    assert set(yangzhou.facilities) >= {"offices", "coworking"}
    assert german(NewsPage).filter(slug="mou-mit-yangzhou").exists()
    formats = set(german(EventPage).values_list("format", flat=True))
    assert {"information_event", "delegation_trip", "startup_conference"} <= formats
    for model in SNIPPETS:
        assert model.objects.filter(locale=de).exists()

    # The default site serves the German home page; Wagtail's welcome page is gone.
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    # Placeholder images, generated, with the API's renditions made in the background.
    images = get_image_model().objects.filter(title__startswith="Demo")
    assert images.count() == 14
    assert all(
        count >= 3 for count in images.annotate(n=Count("renditions")).values_list("n", flat=True)
    )

    before = counts()
    second = load()
    assert "nothing changed" in second
    assert counts() == before


def test_every_german_page_and_snippet_has_a_published_chinese_translation():
    load()
    de = Locale.objects.get(language_code="de")
    zh = Locale.objects.get(language_code="zh-hans")
    german_pages = Page.objects.filter(locale=de, depth__gte=2).specific()
    # ... + matchmaking's Chuzhou organisation and its four demo opportunities
    assert german_pages.count() == 1 + 4 + 5 + 3 + 8 + 6 + 4 + 1 + len(
        matchmaking_demo.OPPORTUNITIES
    )
    for page in german_pages:
        translation = page.get_translation_or_none(zh)
        assert translation is not None, page
        assert translation.live, translation
        assert CJK.search(translation.title), translation.title
        # Made by wagtail-localize: a translation record of the German source.
        assert Translation.objects.filter(
            source__object_id=page.translation_key, source__locale=de, target_locale=zh
        ).exists()
        specific = translation.specific
        for field in ("summary", "teaser", "intro"):
            german_text = getattr(page, field, "")
            if german_text:
                assert CJK.search(getattr(specific, field)), (translation, field)
    for model in SNIPPETS:
        for snippet in model.objects.filter(locale=de):
            translated = snippet.get_translation(zh)
            text = translated.role if model is ContactPerson else translated.name
            assert CJK.search(text), (model, text)
    # Synchronised fields stay as they are: the legal name in its original script.
    bdr = OrganisationPage.objects.get(locale=zh, slug="bright-dream-robotics")
    assert (bdr.title, bdr.legal_name) == ("博智林机器人", "广东博智林机器人有限公司")
    # No stray redirects from the slugs the translations were created with.
    assert not Redirect.objects.exists()


def test_the_demo_is_served_in_both_languages(client):
    load()
    assert client.get("/de/regionen/yangzhou/").status_code == 200
    page = client.get("/zh-hans/diqu/yangzhou/repraesentanz-yangzhou/")
    assert page.status_code == 404  # the Chinese slug is translated
    page = client.get("/zh-hans/diqu/yangzhou/yangzhou-daibiaochu/")
    assert page.status_code == 200
    assert "扬州代表处" in page.content.decode()

    response = client.get("/api/v1/organisations", {"locale": "zh-hans", "limit": 100})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(content.ORGANISATIONS) + 1  # + matchmaking's Chuzhou zone
    assert all(CJK.search(item["title"]) for item in body["items"])
    assert all(item["translations"][0]["locale"] == "de" for item in body["items"])
    news = client.get("/api/v1/news", {"locale": "zh-hans", "limit": 100}).json()
    mou = next(item for item in news["items"] if item["slug"] == "yangzhou-hezuo-beiwanglu")
    detail = client.get(f"/api/v1/news/{mou['id']}", {"locale": "zh-hans"}).json()
    cta = next(block for block in detail["body"] if block["type"] == "call_to_action")
    # The button's page is the Chinese translation of the linked German region.
    assert cta["value"]["page"]["url"] == "/zh-hans/diqu/yangzhou/"


def test_demo_admin_only_with_debug_or_on_request(settings):
    settings.DEBUG = False
    load()
    assert not get_user_model().objects.filter(username="admin").exists()
    settings.DEBUG = True
    output = load()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("admin")
    # Wagtail's profile form requires both names: the demo admin can save its profile.
    assert (admin.first_name, admin.last_name) == ("Demo", "Admin")
    assert "Demo admin: admin / admin" in output
    admin.set_password("changed")
    admin.save()
    assert "password unchanged" in load()
    admin.refresh_from_db()
    assert admin.check_password("changed")
    settings.DEBUG = False
    assert "Demo admin" not in load("--no-admin", "--admin")


def test_an_object_edited_since_it_was_loaded_is_left_to_the_editors():
    load()
    zh = Locale.objects.get(language_code="zh-hans")
    news = NewsPage.objects.get(locale__language_code="de", slug="mou-mit-yangzhou")
    news.get_translation(zh).delete()
    news.teaser = "Von der Redaktion geändert."
    news.save_revision().publish()

    output = load()

    assert "Skipped (edited since it was loaded)" in output
    assert "Von der Redaktion geändert." in output
    assert not news.has_translation(zh)
    # Everything else is still complete.
    assert NewsPage.objects.filter(locale=zh).count() == len(content.NEWS) - 1
