"""The organisation portal's allowlist: the admin views an organisation user may reach.

An organisation user (``companies.isolation.organisation_keys``) reaches in ``/admin/`` only
the URL names below, each with an optional object check ``check(request, **kwargs) -> bool``
called with the URL's keyword arguments; every other admin URL, including any view a future
Wagtail or wagtail-localize release adds, is refused by ``OrganisationAdminGuard`` with an
admin-styled 403 page. Other apps add their views with the Wagtail hook
``register_organisation_portal_urls``: each function returns an iterable of URL names
(``resolve(path).view_name``) or ``(url_name, check)`` pairs; the views themselves must show
only the user's own organisation's objects.

"Own pages" are the profile pages of the user's organisations in every locale and the pages
below them (e.g. cooperation opportunities under a profile); "own files" are the images and
documents of the organisations' collections.
"""

from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import Resolver404, resolve, reverse
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, TaskState, UploadedFile, WorkflowState

from companies import views
from companies.isolation import organisation_keys, visible_pages_filter

HOOK_NAME = "register_organisation_portal_urls"


def _user_cache(user, name, compute):
    """Computed once per user object, i.e. per request (like ``organisation_keys``)."""
    attribute = f"_portal_{name}"
    if not hasattr(user, attribute):
        setattr(user, attribute, compute())
    return getattr(user, attribute)


def own_pages_filter(keys):
    """Q for the organisations' profile pages (every locale) and every page below them."""
    paths = Page.objects.filter(translation_key__in=keys).values_list("path", flat=True)
    condition = Q(translation_key__in=keys)
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def own_page_ids(user):
    keys = organisation_keys(user) or []
    return _user_cache(
        user,
        "page_ids",
        lambda: set(Page.objects.filter(own_pages_filter(keys)).values_list("pk", flat=True)),
    )


def visible_page_ids(user):
    """Own pages and the platform pages above them (what the page chooser may browse)."""
    keys = organisation_keys(user) or []
    return _user_cache(
        user,
        "visible_ids",
        lambda: (
            set(Page.objects.filter(visible_pages_filter(keys)).values_list("pk", flat=True))
            | own_page_ids(user)
        ),
    )


def own_collection_ids(user):
    def compute():
        return {
            group.organisation_access.collection_id
            for group in user.groups.select_related("organisation_access")
            if hasattr(group, "organisation_access")
        }

    return _user_cache(user, "collection_ids", compute)


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def is_own_page(request, page_id):
    return _as_int(page_id) in own_page_ids(request.user)


def is_own_image(request, image_id):
    image_id = _as_int(image_id)
    return (
        image_id is not None
        and get_image_model()
        .objects.filter(pk=image_id, collection_id__in=own_collection_ids(request.user))
        .exists()
    )


def is_own_document(request, document_id):
    document_id = _as_int(document_id)
    return (
        document_id is not None
        and get_document_model()
        .objects.filter(pk=document_id, collection_id__in=own_collection_ids(request.user))
        .exists()
    )


def _query_ids(request):
    return request.GET.getlist("id")


# Object checks by the URL's keyword arguments.


def own_page(argument):
    def check(request, **kwargs):
        return is_own_page(request, kwargs.get(argument))

    return check


def visible_page(request, parent_page_id=None, **kwargs):
    return _as_int(parent_page_id) in visible_page_ids(request.user)


def own_revision(request, page_id, revision_id, **kwargs):
    return is_own_page(request, page_id) and (
        Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id)).exists()
    )


def own_compare(request, pk, revision_id_a, revision_id_b, **kwargs):
    if not is_own_page(request, pk):
        return False
    ids = [r for r in (revision_id_a, revision_id_b) if r.isdigit()]
    found = Revision.page_revisions.filter(pk__in=ids, object_id=str(pk)).count()
    return found == len(set(ids))


def own_task_state(request, page_id, task_state_id, **kwargs):
    return is_own_page(request, page_id) and (
        TaskState.objects.filter(pk=task_state_id, workflow_state__object_id=str(page_id)).exists()
    )


def own_workflow_state(request, page_id, workflow_state_id, **kwargs):
    return is_own_page(request, page_id) and (
        WorkflowState.objects.filter(pk=workflow_state_id, object_id=str(page_id)).exists()
    )


def own_image(argument):
    def check(request, **kwargs):
        return is_own_image(request, kwargs.get(argument))

    return check


def own_document(argument):
    def check(request, **kwargs):
        return is_own_document(request, kwargs.get(argument))

    return check


def own_images_in_query(request, **kwargs):
    return all(is_own_image(request, value) for value in _query_ids(request))


def own_documents_in_query(request, **kwargs):
    return all(is_own_document(request, value) for value in _query_ids(request))


def visible_pages_in_query(request, **kwargs):
    ids = {_as_int(value) for value in _query_ids(request)}
    return ids <= visible_page_ids(request.user)


def own_upload(request, uploaded_file_id, **kwargs):
    return UploadedFile.objects.filter(pk=uploaded_file_id, uploaded_by_user=request.user).exists()


def own_editing_session(request, app_label, model_name, object_id, **kwargs):
    return (app_label, model_name) == ("wagtailcore", "page") and is_own_page(request, object_id)


def own_session_release(request, session_id, **kwargs):
    from wagtail.admin.models import EditingSession

    return EditingSession.objects.filter(pk=session_id, user=request.user).exists()


def always(request, **kwargs):
    return True


PAGE_VIEWS = {
    "wagtailadmin_pages:edit": own_page("page_id"),
    "wagtailadmin_pages:preview_on_edit": own_page("page_id"),
    "wagtailadmin_pages:view_draft": own_page("page_id"),
    "wagtailadmin_pages:history": own_page("page_id"),
    "wagtailadmin_pages:history_results": own_page("page_id"),
    "wagtailadmin_pages:revisions_index": own_page("page_id"),
    "wagtailadmin_pages:revisions_view": own_revision,
    "wagtailadmin_pages:revisions_revert": own_revision,
    "wagtailadmin_pages:revisions_compare": own_compare,
    "wagtailadmin_pages:workflow_history": own_page("page_id"),
    "wagtailadmin_pages:workflow_history_detail": own_workflow_state,
    "wagtailadmin_pages:workflow_action": own_task_state,
    "wagtailadmin_pages:collect_workflow_action_data": own_task_state,
    "wagtailadmin_pages:confirm_workflow_cancellation": own_page("page_id"),
    "wagtailadmin_pages:workflow_preview": own_page("page_id"),
    # Child pages of an own page (e.g. cooperation opportunities under the profile); Wagtail
    # checks the page type and the add permission.
    "wagtailadmin_pages:add_subpage": own_page("parent_page_id"),
    "wagtailadmin_pages:add": own_page("parent_page_id"),
    "wagtailadmin_pages:preview_on_add": own_page("parent_page_id"),
    "wagtailadmin_explore": own_page("parent_page_id"),
    "wagtailadmin_explore_results": own_page("parent_page_id"),
    # The page chooser (its queryset is limited in wagtail_hooks) and the link choosers.
    "wagtailadmin_choose_page": always,
    "wagtailadmin_choose_page_child": visible_page,
    "wagtailadmin_choose_page_search": always,
    "wagtailadmin_choose_page_chosen_multiple": visible_pages_in_query,
    "wagtailadmin_choose_page_external_link": always,
    "wagtailadmin_choose_page_email_link": always,
    "wagtailadmin_choose_page_phone_link": always,
    "wagtailadmin_choose_page_anchor_link": always,
    "wagtailadmin_editing_sessions:ping": own_editing_session,
    "wagtailadmin_editing_sessions:release": own_session_release,
    "wagtailadmin_block_preview": always,
}

MEDIA_VIEWS = {
    # Wagtail limits the listings and the choosers to the collections with permissions.
    "wagtailimages:index": always,
    "wagtailimages:index_results": always,
    "wagtailimages:add": always,
    "wagtailimages:add_multiple": always,
    "wagtailimages:edit": own_image("image_id"),
    "wagtailimages:preview": own_image("image_id"),
    "wagtailimages:edit_multiple": own_image("image_id"),
    "wagtailimages:create_multiple_from_uploaded_image": own_upload,
    "wagtailimages:delete_upload_multiple": own_upload,
    "wagtailimages_chooser:choose": always,
    "wagtailimages_chooser:choose_results": always,
    "wagtailimages_chooser:create": always,
    "wagtailimages_chooser:chosen": own_image("pk"),
    "wagtailimages_chooser:chosen_multiple": own_images_in_query,
    "wagtailimages_chooser:select_format": own_image("image_id"),
    "wagtailadmin_api:images:detail": own_image("pk"),
    "wagtaildocs:index": always,
    "wagtaildocs:index_results": always,
    "wagtaildocs:add": always,
    "wagtaildocs:add_multiple": always,
    "wagtaildocs:edit": own_document("document_id"),
    "wagtaildocs:edit_multiple": own_document("doc_id"),
    "wagtaildocs:create_multiple_from_uploaded_document": own_upload,
    "wagtaildocs:delete_upload_multiple": own_upload,
    "wagtaildocs_chooser:choose": always,
    "wagtaildocs_chooser:choose_results": always,
    "wagtaildocs_chooser:create": always,
    "wagtaildocs_chooser:chosen": own_document("pk"),
    "wagtaildocs_chooser:chosen_multiple": own_documents_in_query,
    "wagtailadmin_api:documents:detail": own_document("pk"),
}

ACCOUNT_VIEWS = {
    "wagtailadmin_home": always,
    "wagtailadmin_account": always,
    "wagtailadmin_logout": always,
    "wagtailadmin_login": always,
    "wagtailadmin_password_reset": always,
    "wagtailadmin_password_reset_done": always,
    "wagtailadmin_password_reset_confirm": always,
    "wagtailadmin_password_reset_complete": always,
    "wagtailadmin_javascript_catalog": always,
    "wagtail_localize:javascript_catalog": always,
    "wagtailadmin_sprite": always,
    "wagtailadmin_dismissibles": always,
    "companies_portal_guide": always,
}


def allowlist():
    """URL name → object check, the built-in views and those of the hook."""
    allowed = {**ACCOUNT_VIEWS, **PAGE_VIEWS, **MEDIA_VIEWS}
    for fn in hooks.get_hooks(HOOK_NAME):
        for entry in fn():
            name, check = entry if isinstance(entry, tuple | list) else (entry, always)
            allowed[name] = check or always
    return allowed


def may_reach(request, match):
    """Whether an organisation user may reach the resolved admin URL ``match``."""
    check = allowlist().get(match.view_name)
    if check is None:
        return False
    return bool(check(request, **match.kwargs))


def may_reach_url(request, url):
    """Whether an organisation user may reach ``url`` (a path in this site)."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return may_reach(request, match)


def profile_pages_with_state(keys):
    """The profile pages of ``keys`` in every locale, each with ``in_review`` (a workflow in
    progress) and ``translation_out_of_date`` (the project's rule, ``base.translation_status``: its
    source was published after this translation was synced or published). Two queries."""
    from base.translation_status import out_of_date

    in_review = WorkflowState.objects.active().filter(
        base_content_type_id=ContentType.objects.get_for_model(Page).pk,
        object_id=Cast(OuterRef("pk"), CharField()),
    )
    pages = Page.objects.filter(translation_key__in=keys)
    outdated = out_of_date(Page.objects.filter(translation_key__in=keys)).values("pk")
    return list(
        pages.select_related("locale")
        .annotate(
            in_review=Exists(in_review),
            translation_out_of_date=Exists(outdated.filter(pk=OuterRef("pk"))),
        )
        .order_by("translation_key", "locale_id")
    )


class OrganisationPortalGuard:
    """Deny by default: an organisation user's request to an admin URL that is not on the
    allowlist (or fails its object check) gets the portal's 403 page in the user's language;
    its dashboard is the portal dashboard. Editors, superusers and anonymous visitors pass
    through unchanged (Wagtail sends the latter to the login)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is None
            or not request.path_info.startswith(reverse("wagtailadmin_home"))
            or organisation_keys(user) is None
        ):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)

        if not may_reach(request, match):
            return self.rendered(views.portal_forbidden(request))
        if match.view_name == "wagtailadmin_home":
            return self.rendered(views.portal_home(request))
        return self.get_response(request)

    @staticmethod
    def rendered(response):
        # A response made here does not pass the view machinery that renders template responses.
        if hasattr(response, "render"):
            response.render()
        return response
