"""Isolation of organisation users: A, invited for its own profile, sees nothing of
organisation B — no title (live or draft), image, document or inquiry — through any admin
view or the admin API. Each cell: a refusal (403, 404 or a redirect), or a page without B."""

import pytest
from django.urls import reverse

from inquiries.models import Inquiry
from tests.organisations.conftest import B_MARKERS

pytestmark = pytest.mark.django_db


def b_urls(w):
    beta, image, document, revision = w["beta"], w["beta_image"], w["beta_document"], w["revision"]
    return {
        # pages of B
        "edit": reverse("wagtailadmin_pages:edit", args=[beta.pk]),
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[beta.pk]),
        "view draft": reverse("wagtailadmin_pages:view_draft", args=[beta.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[beta.pk]),
        "revisions": reverse("wagtailadmin_pages:revisions_index", args=[beta.pk]),
        "revision view": reverse("wagtailadmin_pages:revisions_view", args=[beta.pk, revision.pk]),
        "revision compare": f"/admin/pages/{beta.pk}/revisions/compare/live...latest/",
        "copy": reverse("wagtailadmin_pages:copy", args=[beta.pk]),
        "move": reverse("wagtailadmin_pages:move", args=[beta.pk]),
        "delete": reverse("wagtailadmin_pages:delete", args=[beta.pk]),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[beta.pk]),
        "usage": reverse("wagtailadmin_pages:usage", args=[beta.pk]),
        "workflow history": reverse("wagtailadmin_pages:workflow_history", args=[beta.pk]),
        "privacy": reverse("wagtailadmin_pages:set_privacy", args=[beta.pk]),
        "translate": reverse("wagtail_localize:submit_page_translation", args=[beta.pk]),
        "machine translate": reverse("translations_machine_translate", args=[beta.pk]),
        "po files": reverse("translations_po", args=[beta.pk]),
        "invite": reverse("companies_invite", args=[beta.pk]),
        "admin api detail": f"/admin/api/main/pages/{beta.pk}/",
        # wagtail-localize's translation editor endpoints for B's Chinese translation
        "po download": reverse("wagtail_localize:download_pofile", args=[w["translation"].pk]),
        "translation preview": reverse(
            "wagtail_localize:preview_translation", args=[w["translation"].pk]
        ),
        "localize machine translate": reverse(
            "wagtail_localize:machine_translate", args=[w["translation"].pk]
        ),
        "stop translation": reverse(
            "wagtail_localize:stop_translation", args=[w["translation"].pk]
        ),
        "sync": reverse("wagtail_localize:update_translations", args=[w["translation"].source_id]),
        # listings and searches
        "explorer": reverse("wagtailadmin_explore", args=[w["index"].pk]),
        "explorer search": reverse("wagtailadmin_explore", args=[w["index"].pk]) + "?q=Beta",
        "page search": reverse("wagtailadmin_pages:search") + "?q=Beta",
        "chooser browse": reverse("wagtailadmin_choose_page_child", args=[w["index"].pk]),
        "chooser search": reverse("wagtailadmin_choose_page_search") + "?q=Beta",
        "chooser search draft": reverse("wagtailadmin_choose_page_search") + "?q=Entwurfstitel",
        "admin api listing": f"/admin/api/main/pages/?child_of={w['index'].pk}",
        "admin api search": "/admin/api/main/pages/?search=Beta",
        # images and documents of B
        "image edit": reverse("wagtailimages:edit", args=[image.pk]),
        "image index": reverse("wagtailimages:index") + "?q=Beta",
        "image chooser": reverse("wagtailimages_chooser:choose") + "?q=Beta",
        "image api": f"/admin/api/main/images/{image.pk}/",
        "document edit": reverse("wagtaildocs:edit", args=[document.pk]),
        "document index": reverse("wagtaildocs:index") + "?q=Beta",
        "document chooser": reverse("wagtaildocs_chooser:choose") + "?q=Beta",
        # inquiries to B
        "inquiry list": reverse("inquiries:index"),
        "inquiry edit": reverse("inquiries:edit", args=[w["inquiries"]["beta"].pk]),
        "inquiry inspect": reverse("inquiries:inspect", args=[w["inquiries"]["beta"].pk]),
        # everything else an editor has
        "users": reverse("wagtailusers_users:index"),
        "sectors": "/admin/snippets/companies/sector/",
        "site history": reverse("wagtailadmin_reports:site_history"),
        "locked pages": reverse("wagtailadmin_reports:locked_pages"),
        "aging pages": reverse("wagtailadmin_reports:aging_pages"),
        "out-of-date translations": reverse("translations_out_of_date"),
        "localize report": "/admin/localize/reports/translations/",
    }


def refused(response):
    return response.status_code in (302, 403, 404, 405)


# Listings, searches and reports serve A's own work too: they answer, without anything of B.
# Every other cell (B's objects and actions on them) must be refused.
LISTINGS = {
    "page search",
    "chooser browse",
    "chooser search",
    "chooser search draft",
    "admin api listing",
    "admin api search",
    "image index",
    "image chooser",
    "document index",
    "document chooser",
    "inquiry list",
    "site history",
    "aging pages",
    "out-of-date translations",
}


def test_organisation_user_sees_nothing_of_another(client, world):
    client.force_login(world["a_user"])
    urls = b_urls(world)
    assert set(urls) >= LISTINGS
    problems = []
    for name, url in urls.items():
        response = client.get(url)
        body = response.content.decode(errors="replace")
        shown = [marker for marker in B_MARKERS if marker in body]
        if shown or response.status_code >= 500:
            problems.append((name, response.status_code, shown))
        elif name not in LISTINGS and not refused(response):
            problems.append((name, response.status_code, "not refused"))
    assert problems == [], "\n".join(map(str, problems))


def test_organisation_user_still_reaches_its_own_profile(client, world):
    client.force_login(world["a_user"])
    alpha = world["alpha"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[alpha.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_choose_page_search") + "?q=Alpha")
    assert "Alpha Werke" in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    for name, url in b_urls(world).items():
        response = client.get(url)
        assert refused(response), name
        assert not any(m in response.content.decode(errors="replace") for m in B_MARKERS), name


def test_editors_see_every_organisation(client, world, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("redaktion", password="x")  # noqa: S106
    editor.groups.add(Group.objects.get(name="Redaktion Deutsch"))
    client.force_login(editor)
    urls = b_urls(world)
    for name in ("edit", "history", "chooser search", "chooser browse", "explorer"):
        response = client.get(urls[name])
        assert response.status_code == 200, name
        assert "Geheimfirma Beta" in response.content.decode() or "Beta Entwurfstitel" in (
            response.content.decode()
        ), name


def test_organisation_user_sees_and_handles_only_its_inquiries(client, world):
    client.force_login(world["a_user"])
    listing = client.get(reverse("inquiries:index")).content.decode()
    assert "Absender alpha" in listing and "Absender beta" not in listing
    own = world["inquiries"]["alpha"]
    response = client.post(
        reverse("inquiries:edit", args=[own.pk]), {"status": "handled", "note": ""}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == Inquiry.Status.HANDLED and own.handled_by == world["a_user"]
    other = world["inquiries"]["beta"]
    response = client.post(
        reverse("inquiries:edit", args=[other.pk]), {"status": "handled", "note": "x"}
    )
    assert refused(response)
    other.refresh_from_db()
    assert other.status == Inquiry.Status.DELIVERED


def test_dashboard_and_explorer_show_the_own_profile_in_every_locale(client, world, home_tree_zh):
    from tests.conftest import translate_page

    alpha_zh = translate_page(world["alpha"], home_tree_zh.home.locale)
    client.force_login(world["a_user"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    for page in (world["alpha"], alpha_zh):
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in dashboard
    assert "Geheimfirma Beta" not in dashboard
    # The page explorer is not part of the portal: refused with the portal's page.
    explorer = client.get(reverse("wagtailadmin_explore_root"))
    assert explorer.status_code == 403
    assert "data-portal-forbidden" in explorer.content.decode()
