"""Only live, public pages appear: no drafts, no view-restricted pages, no unpublished
translations, nothing expired or scheduled for later, in lists, details, translations,
references and resolve."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import OrganisationPageFactory

pytestmark = pytest.mark.django_db


def listed_ids(api, endpoint="organisations", **params):
    status, body = api.get(endpoint, **params)
    assert status == 200
    return {item["id"] for item in body["items"]}


def test_drafts_are_never_listed_nor_served(api, content):
    draft = OrganisationPageFactory(parent=content.tree.organisations, draft=True)
    assert draft.pk not in listed_ids(api)
    assert api.get(f"organisations/{draft.pk}")[0] == 404
    status, _body = api.get("pages/resolve", path=f"/de/organisationen/{draft.slug}/")
    assert status == 404


def test_view_restricted_pages_and_their_descendants_are_hidden(api, content):
    PageViewRestriction.objects.create(
        page=content.yangzhou, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    assert content.yangzhou.pk not in listed_ids(api, "regions")
    # The office below the restricted region is hidden too.
    assert listed_ids(api, "offices") == set()
    assert api.get(f"regions/{content.yangzhou.pk}")[0] == 404
    assert api.get(f"offices/{content.office.pk}")[0] == 404
    # The Chinese region is not restricted: restrictions apply per page tree. So a German
    # reference to the region now points at the Chinese one, marked as a fallback.
    assert content.yangzhou_zh.pk in listed_ids(api, "regions", locale="zh-hans")
    status, organisation = api.get(f"organisations/{content.bright_dream.pk}")
    assert (organisation["region"]["id"], organisation["region"]["fallback"]) == (
        content.yangzhou_zh.pk,
        True,
    )
    # With both restricted, references to the region disappear.
    PageViewRestriction.objects.create(
        page=content.tree_zh.regions, restriction_type=PageViewRestriction.LOGIN
    )
    status, organisation = api.get(f"organisations/{content.bright_dream.pk}")
    assert status == 200
    assert organisation["region"] is None
    status, news = api.get(f"news/{content.news.pk}")
    assert news["related_regions"] == []
    assert listed_ids(api, "regions", locale="zh-hans") == set()


def test_an_unpublished_translation_is_not_listed_nor_offered_as_translation(
    api, content, locale_zh
):
    draft_zh = content.kl_robotics.copy_for_translation(locale_zh)
    assert not draft_zh.live
    assert draft_zh.pk not in listed_ids(api, locale="zh-hans")
    status, body = api.get(f"organisations/{content.kl_robotics.pk}")
    assert status == 200
    assert body["translations"] == []
    assert api.get(f"organisations/{content.kl_robotics.pk}", locale="zh-hans")[0] == 404


def test_an_unpublished_translation_of_a_translated_page_disappears_from_translations(api, content):
    content.bright_dream_zh.unpublish()
    status, body = api.get(f"organisations/{content.bright_dream.pk}")
    assert body["translations"] == []
    status, body = api.get("organisations", locale="zh-hans")
    assert body["count"] == 0


def test_expired_pages_are_hidden_even_before_the_expiry_job_runs(api, content):
    expired = OrganisationPageFactory(
        parent=content.tree.organisations,
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    assert expired.live  # publish_scheduled has not run yet
    assert expired.pk not in listed_ids(api)
    assert api.get(f"organisations/{expired.pk}")[0] == 404


def test_pages_scheduled_for_later_are_hidden(api, content):
    later = timezone.now() + datetime.timedelta(days=1)
    scheduled = OrganisationPageFactory(
        parent=content.tree.organisations, draft=True, go_live_at=later
    )
    # Even a row that is marked live but carries a future go-live date stays hidden.
    inconsistent = OrganisationPageFactory(parent=content.tree.organisations, go_live_at=later)
    ids = listed_ids(api)
    assert scheduled.pk not in ids
    assert inconsistent.pk not in ids
    assert api.get(f"organisations/{inconsistent.pk}")[0] == 404


def test_a_page_that_expires_later_is_visible(api, content):
    page = OrganisationPageFactory(
        parent=content.tree.organisations,
        expire_at=timezone.now() + datetime.timedelta(days=1),
    )
    assert page.pk in listed_ids(api)


def test_a_rich_text_link_to_a_hidden_page_keeps_its_text_but_loses_its_target(api, content):
    content.yangzhou.unpublish()
    content.yangzhou_zh.unpublish()
    status, body = api.get(f"organisations/{content.bright_dream.pk}")
    assert body["description"] == "<p>Partner von <a>Yangzhou</a>.</p>"
