"""Shared pytest fixtures: the locales, the page tree of a site, admin users."""

from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from wagtail.models import Locale, Page, Site

from tests.factories import (
    EventIndexPageFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    OrganisationIndexPageFactory,
    RegionIndexPageFactory,
)


@dataclass
class HomeTree:
    """A home page with its four index pages, all in one locale."""

    home: Page
    regions: Page
    organisations: Page
    news: Page
    events: Page

    @property
    def pages(self):
        return [self.home, self.regions, self.organisations, self.news, self.events]


@pytest.fixture(autouse=True)
def _clear_memory_caches():
    """Start each test with empty local-memory caches (Wagtail caches site root paths there).

    A shared cache such as Redis is left alone.
    """
    for cache in caches.all():
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture
def locale_de(db):
    return Locale.objects.get(language_code="de")


@pytest.fixture
def locale_zh(db):
    return Locale.objects.get(language_code="zh-hans")


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_tree(root_page, site, locale_de):
    """Root → German HomePage (the default site's root) → the four index pages, all live.

    Wagtail's welcome page, created by its migrations, is removed first.
    """
    Page.objects.filter(depth=2).exclude(content_type__app_label="home").delete()
    home = HomePageFactory(parent=root_page, slug="start", locale=locale_de)
    site.root_page = home
    site.save()
    return HomeTree(
        home=home,
        regions=RegionIndexPageFactory(parent=home),
        organisations=OrganisationIndexPageFactory(parent=home),
        news=NewsIndexPageFactory(parent=home),
        events=EventIndexPageFactory(parent=home),
    )


def translate_page(page, locale):
    """A published copy of the page in the locale (Wagtail's "copy for translation")."""
    translation = page.copy_for_translation(locale)
    translation.get_latest_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def home_tree_zh(home_tree, locale_zh):
    """The zh-hans translation of ``home_tree``, published: home page and the four indexes."""
    translations = [translate_page(page, locale_zh) for page in home_tree.pages]
    translations[0].refresh_from_db()  # its numchild grew as the indexes were copied under it
    return HomeTree(*translations)


@pytest.fixture
def redis_cache(settings):
    """The default cache on the local Redis, as in production (one count for every process),
    under a key prefix of its own so that nothing else in Redis is touched."""
    import uuid

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    return caches["default"]


@dataclass
class ReviewedProfile:
    """An organisation profile under the review workflow, its invited user and an editor."""

    profile: Page
    organisation_user: object
    editor: object

    ORGANISATION_PASSWORD = "ein-langes-passwort-1"  # noqa: S105
    EDITOR_PASSWORD = "ein-langes-passwort-2"  # noqa: S105


@pytest.fixture
def reviewed_profile(home_tree, home_tree_zh, django_capture_on_commit_callbacks):
    """A German profile ("Alte Beschreibung."), the editor groups and the profile review
    workflow, the organisation's invited user and an editor of *Redaktion Deutsch*, both with
    passwords."""
    import io

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from companies.onboarding import invite_organisation
    from tests.factories import OrganisationPageFactory

    profile = OrganisationPageFactory(
        parent=home_tree.organisations,
        title="Westpfalz Sensorik",
        slug="westpfalz-sensorik",
        legal_name="Westpfalz Sensorik GmbH",
        summary="Alte Beschreibung.",
        country="DE",
    )
    call_command("setup_editor_groups", stdout=io.StringIO())
    call_command("setup_profile_review", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        organisation_user = invite_organisation(profile, "team@westpfalz-sensorik.example").user
    organisation_user.set_password(ReviewedProfile.ORGANISATION_PASSWORD)
    organisation_user.save()
    editor = get_user_model().objects.create_user(
        "redaktion", email="redaktion@example.org", password=ReviewedProfile.EDITOR_PASSWORD
    )
    editor.groups.add(Group.objects.get(name="Redaktion Deutsch"))
    return ReviewedProfile(profile, organisation_user, editor)
