"""The organisation portal (companies.portal): deny by default.

The resolver walk requests every admin URL pattern Django knows, filled with organisation B's
object ids, as organisation A (GET and POST): each answer is a refusal or shows nothing of B. A
pattern a future Wagtail, wagtail-localize or project release adds is walked automatically."""

import json
import re
import uuid
from itertools import product

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail import hooks
from wagtail.admin.models import EditingSession
from wagtail.models import UploadedFile
from wagtail.users.models import UserProfile

from tests.factories import ImageFactory
from tests.organisations.conftest import B_MARKERS

pytestmark = pytest.mark.django_db

REFUSED = (302, 400, 403, 404, 405)
# A POST fills the fields common forms ask for (Wagtail's external link chooser answers an
# empty POST with a 500 of its own) and names B's objects.
POST_DATA = {
    "url": "https://example.org/",
    "external-link-chooser-url": "https://example.org/",
    "link_text": "Beispiel",
    "email_address": "x@example.org",
    "phone_number": "+49 631 1",
    "anchor": "oben",
    "title": "Titel",
    "id": [],
}


def admin_patterns():
    """(route, url name, keyword argument names) of every URL pattern under /admin/."""

    def walk(patterns, prefix, namespace, arguments):
        for entry in patterns:
            names = set(arguments) | set(pattern_arguments(entry.pattern))
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner, names)
            elif isinstance(entry, URLPattern):
                name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
                yield prefix + str(entry.pattern), name, names

    admin = reverse("wagtailadmin_home").lstrip("/")
    return [p for p in walk(get_resolver().url_patterns, "", None, set()) if p[0].startswith(admin)]


def pattern_arguments(pattern):
    if hasattr(pattern, "converters"):
        return list(pattern.converters)
    return list(pattern.regex.groupindex)


@pytest.fixture
def b_values(world):
    """Candidate values of each URL argument: B's objects."""
    beta, b_user = world["beta"], world["b_user"]
    upload = UploadedFile.objects.create(
        file="uploaded_files/beta.txt", uploaded_by_user=b_user, for_content_type=None
    )
    session = EditingSession.objects.create(
        user=b_user, content_object=beta.page_ptr, last_seen_at=beta.latest_revision_created_at
    )
    b_group = world["b_access"].group
    pks = [
        beta.pk,
        world["beta_image"].pk,
        world["beta_document"].pk,
        world["inquiries"]["beta"].pk,
        b_user.pk,
        world["b_access"].collection_id,
        world["workflow_state"].pk,
        world["task_state"].task_id,
        world["workflow_state"].workflow_id,
        b_group.pk,
        world["translation"].pk,
    ]
    return {
        "page_id": [beta.pk],
        "parent_page_id": [beta.pk],
        "page_to_move_id": [beta.pk],
        "destination_id": [world["index"].pk],
        "page_pk": [beta.pk],
        "object_id": [str(beta.pk)],
        "revision_id": [world["revision"].pk],
        "revision_id_a": [world["revision"].pk],
        "revision_id_b": ["latest"],
        "task_state_id": [world["task_state"].pk],
        "workflow_state_id": [world["workflow_state"].pk],
        "task_id": [world["task_state"].task_id],
        "workflow_pk": [world["workflow_state"].workflow_id],
        "image_id": [world["beta_image"].pk],
        "document_id": [world["beta_document"].pk],
        "doc_id": [world["beta_document"].pk],
        "uploaded_file_id": [upload.pk],
        "collection_id": [world["b_access"].collection_id],
        "session_id": [session.pk],
        "translation_id": [world["translation"].pk],
        "translation_source_id": [world["translation"].source_id],
        "string_segment_id": [1],
        "overridable_segment_id": [1],
        "pk": sorted(set(pks)),
        "app_label": ["wagtailcore", "wagtailimages", "wagtaildocs"],
        "content_type_app_name": ["companies"],
        "content_type_model_name": ["organisationpage"],
        "model_name": ["page", "image", "document"],
        "app_name": ["wagtailcore"],
        "action": ["delete", "publish", "unpublish", "move"],
        "action_name": ["approve", "reject"],
        "filter_spec": ["original"],
        "mode": [""],
        "uidb64": ["MQ"],
        "token": ["set-password"],
    }


def fill(route, name, arguments, values):
    """The URLs of one pattern: every combination of the candidate values (by reverse() for a
    named pattern, by hand for an unnamed one)."""
    arguments = sorted(arguments)
    combos = product(*[values.get(a, ["x"]) for a in arguments]) if arguments else [()]
    urls = set()
    for combo in combos:
        kwargs = dict(zip(arguments, combo, strict=True))
        if "pk" in kwargs and "uuid" in route.split("pk>")[0][-6:]:
            kwargs["pk"] = uuid.uuid4()
        try:
            urls.add(reverse(name, kwargs=kwargs) if name else None)
        except Exception:  # noqa: BLE001 - e.g. a value the converter refuses
            urls.add(None)
        if None in urls:
            urls.discard(None)
            urls.add("/" + re.sub(r"\^|\$|\.\*|\\", "", route).replace("//", "/") + "walk/")
    return urls


def test_every_admin_pattern_refuses_organisation_a_or_shows_nothing_of_b(
    client, world, b_values, capsys
):
    patterns = admin_patterns()
    client.force_login(world["a_user"])
    query = "?q=Beta&" + "&".join(
        f"id={pk}" for pk in (world["beta"].pk, world["beta_image"].pk, world["beta_document"].pk)
    )
    ids = [world["beta"].pk, world["beta_image"].pk, world["beta_document"].pk]
    POST_DATA["id"] = ids
    covered, problems, requests = set(), [], 0
    for route, name, arguments in patterns:
        if name == "wagtailadmin_logout":
            continue  # would end A's session; its own test below
        for url in fill(route, name, arguments, b_values):
            for method in ("get", "post"):
                response = (
                    client.get(url + query) if method == "get" else client.post(url, POST_DATA)
                )
                requests += 1
                body = response.content.decode(errors="replace")
                shown = [marker for marker in B_MARKERS if marker in body]
                if response.status_code >= 500 or (shown and response.status_code not in REFUSED):
                    problems.append((method, url, response.status_code, shown))
            covered.add((route, name))
    with capsys.disabled():
        print(
            f"\nresolver walk: {len(covered)} of {len(patterns)} admin URL patterns, "
            f"{requests} requests"
        )
    assert problems == [], "\n".join(map(str, problems))
    assert len(covered) == len(patterns) - 1  # all but the logout
    assert len(patterns) > 250
    # Nothing of B changed, and A is still logged in.
    world["beta"].refresh_from_db()
    assert world["beta"].title == "Geheimfirma Beta" and world["beta"].live
    assert world["beta"].get_latest_revision().content["title"] == "Beta Entwurfstitel"
    world["beta_image"].refresh_from_db()
    world["beta_document"].refresh_from_db()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def leak_urls(w):
    """The leaks the issue lists, each with B's ids."""
    beta, ids = w["beta"], f"id={w['beta'].pk}&id={w['index'].pk}"
    inquiry = w["inquiries"]["beta"].pk
    return [
        f"/admin/choose-page/chosen-multiple/?{ids}",
        f"/admin/pages/{beta.pk}/",
        f"/admin/choose-page/{beta.pk}/",
        f"/admin/pages/{beta.pk}/move/{w['index'].pk}/confirm/",
        *(f"/admin/bulk/wagtailcore/page/{a}/?{ids}" for a in ("delete", "publish", "unpublish")),
        f"/admin/bulk/wagtailcore/page/move/?{ids}",
        f"/admin/bulk/wagtailimages/image/delete/?id={w['beta_image'].pk}",
        f"/admin/bulk/wagtaildocs/document/delete/?id={w['beta_document'].pk}",
        "/admin/reports/page-types-usage/",
        "/admin/reports/workflow/",
        "/admin/reports/site-history/",
        f"/admin/inquiries/history/{inquiry}/",
        f"/admin/inquiries/usage/{inquiry}/",
        "/admin/localize/reports/translations/",
        "/admin/newsletter/preview/",
        "/admin/pages/",
        f"/admin/localize/page/{beta.pk}/convert_to_alias/",
        f"/admin/localize/translate/{w['translation'].pk}/disable/",
    ]


def test_the_leaks_of_the_issue_are_refused_with_the_portal_page(client, world):
    client.force_login(world["a_user"])
    for url in leak_urls(world):
        response = client.get(url)
        assert response.status_code == 403, url
        body = response.content.decode()
        assert "data-portal-forbidden" in body, url
        assert not [m for m in B_MARKERS if m in body], url


def test_the_refusal_is_an_admin_page_in_the_users_language(client, world):
    set_language(world["a_user"], "zh-hans")
    client.force_login(world["a_user"])
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 403
    body = response.content.decode()
    assert 'class="w-' in body and "sidebar" in body  # Wagtail's admin frame
    assert "此页面不属于您的机构区域" in body


def set_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def own_urls(w, alpha_zh, image):
    alpha = w["alpha"]
    revision = alpha.save_revision()
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_account"),
        reverse("companies_portal_guide"),
        reverse("wagtailadmin_pages:edit", args=[alpha.pk]),
        reverse("wagtailadmin_pages:edit", args=[alpha_zh.pk]),
        reverse("wagtailadmin_pages:history", args=[alpha.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[alpha.pk, revision.pk]),
        f"/admin/pages/{alpha.pk}/revisions/compare/live...latest/",
        reverse("wagtailadmin_pages:workflow_history", args=[alpha.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[alpha.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:chosen", args=[image.pk]),
        f"/admin/api/main/images/{image.pk}/",
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("inquiries:index"),
        reverse("inquiries:inspect", args=[w["inquiries"]["alpha"].pk]),
        reverse("inquiries:edit", args=[w["inquiries"]["alpha"].pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=Alpha",
    ]


@pytest.fixture
def alpha_zh(world, home_tree_zh):
    from tests.conftest import translate_page

    return translate_page(world["alpha"], home_tree_zh.home.locale)


def test_organisation_a_reaches_its_own_views(client, world, alpha_zh):
    image = ImageFactory(title="Alpha-Logo", collection=world["a_access"].collection)
    client.force_login(world["a_user"])
    for url in own_urls(world, alpha_zh, image):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not [m for m in B_MARKERS if m in response.content.decode()], url


def test_editors_are_not_affected(client, world, django_user_model):
    editor = django_user_model.objects.create_user("redaktion", password="x")  # noqa: S106
    editor.groups.add(Group.objects.get(name="Redaktion Deutsch"))
    client.force_login(editor)
    assert (
        "wagtail.sidebar.SearchModule" in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    for url in (
        "/admin/reports/site-history/",
        "/admin/pages/",
        f"/admin/pages/{world['beta'].pk}/",
    ):
        assert client.get(url, follow=True).status_code == 200, url


def test_other_apps_extend_the_allowlist_with_the_hook(client, world):
    client.force_login(world["a_user"])
    url = reverse("wagtailadmin_pages:usage", args=[world["alpha"].pk])
    assert client.get(url).status_code == 403

    with hooks.register_temporarily(
        "register_organisation_portal_urls", lambda: ["wagtailadmin_pages:usage"]
    ):
        assert client.get(url).status_code == 200

    refusing = lambda: [("wagtailadmin_pages:usage", lambda request, **kw: False)]  # noqa: E731
    with hooks.register_temporarily("register_organisation_portal_urls", refusing):
        assert client.get(url).status_code == 403


def sidebar_urls(html):
    """The link of every menu item in the admin sidebar (its JSON props)."""
    match = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    props = json.loads(match.group(1))
    urls = []

    def collect(value):
        if isinstance(value, dict):
            if isinstance(value.get("url"), str):
                urls.append(value["url"])
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(props)
    return urls


@pytest.mark.parametrize("language", ["de", "zh-hans"])
def test_every_menu_and_dashboard_link_of_an_organisation_user_answers(
    client, world, alpha_zh, language
):
    set_language(world["a_user"], language)
    client.force_login(world["a_user"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    menu = sidebar_urls(dashboard)
    assert reverse("companies_portal_guide") in menu
    assert reverse("inquiries:index") in menu
    assert reverse("wagtailadmin_explore_root") not in menu
    assert not [url for url in menu if "/reports/" in url]
    assert "wagtail.sidebar.SearchModule" not in dashboard
    links = set(re.findall(r'href="(/admin/[^"#]*)"', dashboard)) | set(menu)
    for url in sorted(links - {reverse("wagtailadmin_logout")}):
        assert client.get(url.replace("&amp;", "&")).status_code == 200, url
    # No site-wide figures or page search on the portal dashboard.
    assert "w-summary" not in dashboard and 'role="search"' not in dashboard
    assert "guide.wagtail.org" not in dashboard  # the organisation guide instead
    for page in (world["alpha"], alpha_zh):
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in dashboard
    assert 'id="own-inquiries-section"' in dashboard and "Absender alpha" in dashboard
    assert 'id="own-uploads-section"' in dashboard


def test_the_guide_is_shown_in_the_users_language(client, world):
    client.force_login(world["a_user"])
    for language, text in (("de", "Ihr Profil"), ("zh-hans", "您的简介"), ("en", "Your profile")):
        set_language(world["a_user"], language)
        body = client.get(reverse("companies_portal_guide")).content.decode()
        assert f"<h2>{text}</h2>" in body, language


def test_the_portal_dashboard_queries_do_not_grow_with_inquiries_and_uploads(
    client, world, alpha_zh
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from inquiries.models import Inquiry

    client.force_login(world["a_user"])

    def count():
        client.get(reverse("wagtailadmin_home"))  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("wagtailadmin_home")).status_code == 200
        return len(queries)

    small = count()
    for number in range(6):
        ImageFactory(title=f"Alpha-Bild {number}", collection=world["a_access"].collection)
        Inquiry.objects.create(
            recipient=world["alpha"],
            recipient_title="Alpha Werke",
            recipient_kind="organisation",
            name=f"Absender {number}",
            email=f"{number}@example.org",
            country="DE",
            message="Hallo.",
            language="de",
            consent_at=timezone.now(),
        )
    assert count() == small


def test_an_organisation_user_logs_out(client, world):
    """The one pattern the resolver walk leaves out: it would end A's session."""
    client.force_login(world["a_user"])
    response = client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # back to the login
