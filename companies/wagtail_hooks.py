"""The organisation portal's admin hooks and the invitation of organisations (the taxonomy
snippets' viewsets are in ``companies/viewsets.py``, grouped in ``news/wagtail_hooks.py``)."""

from django.http import HttpResponseForbidden
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from companies.isolation import limit_pages, organisation_keys
from companies.models import OrganisationPage
from companies.portal import may_reach_url, own_collection_ids, profile_pages_with_state
from companies.uploads import is_released, may_see_unreleased
from companies.views import invite, organisation_guide, portal_edit


@hooks.register("register_admin_urls")
def register_invite_url():
    return [path("organisations/<int:page_id>/invite/", invite, name="companies_invite")]


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def invite_button(page, user, view_name=None, next_url=None):
    if page.specific_class is OrganisationPage and page.permissions_for_user(user).can_publish():
        yield ListingButton(
            _("Organisation einladen"),
            reverse("companies_invite", args=[page.pk]),
            priority=70,
            icon_name="user",
        )


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    return limit_pages(pages, request)


@hooks.register("construct_explorer_page_queryset")
def limit_explorer(parent_page, pages, request):
    return limit_pages(pages, request)


class OwnProfilePanel(Component):
    """Dashboard of an organisation user: its profile in every language with its state (live,
    draft, in review, translation out of date) and links to edit, compare and preview."""

    name = "own_profile"
    template_name = "companies/own_profile_panel.html"
    order = 50
    portal_panel = True

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context=None):
        return {"pages": self.pages}


class OwnUploadsPanel(Component):
    """Dashboard of an organisation user: the latest images and documents of its collection."""

    name = "own_uploads"
    template_name = "companies/own_uploads_panel.html"
    order = 70
    portal_panel = True
    LIMIT = 5

    def __init__(self, collection_ids):
        self.collection_ids = collection_ids

    def get_context_data(self, parent_context=None):
        images = get_image_model().objects.filter(collection_id__in=self.collection_ids)
        documents = get_document_model().objects.filter(collection_id__in=self.collection_ids)
        return {
            "images": images.order_by("-created_at")[: self.LIMIT],
            "documents": documents.order_by("-created_at")[: self.LIMIT],
        }


@hooks.register("construct_homepage_panels")
def add_portal_panels(request, panels):
    keys = organisation_keys(request.user)
    if keys:
        panels.append(OwnProfilePanel(profile_pages_with_state(keys)))
        panels.append(OwnUploadsPanel(own_collection_ids(request.user)))


@hooks.register("register_admin_urls")
def register_portal_urls():
    return [path("organisations/guide/", organisation_guide, name="companies_portal_guide")]


class PortalGuideMenuItem(MenuItem):
    def is_shown(self, request):
        return organisation_keys(request.user) is not None


@hooks.register("register_admin_menu_item")
def portal_guide_menu_item():
    return PortalGuideMenuItem(
        _("Leitfaden"),
        reverse("companies_portal_guide"),
        name="organisation-guide",
        icon_name="help",
        order=10000,
    )


@hooks.register("construct_main_menu", order=1000)
def portal_menu(request, menu_items):
    """An organisation user's menu: only links to views it may reach; no submenus (reports,
    settings, help), no explorer."""
    if organisation_keys(request.user) is None:
        return
    menu_items[:] = [
        item
        for item in menu_items
        if not isinstance(item, SubmenuMenuItem) and may_reach_url(request, item.url)
    ]


@hooks.register("before_edit_page", order=-100)
def portal_direct_edit(request, page):
    """Organisation users edit every language version of their profile in Wagtail's editor
    (``companies.views.PortalEditView``), never in wagtail-localize's translation editor."""
    if organisation_keys(request.user) is None:
        return None
    return portal_edit(request, page_id=page.pk)


portal_direct_edit.portal_dispatch = True

LOCALIZE_ACTIONS = {"localize-convert-to-alias", "localize-restart-translation"}


@hooks.register("construct_page_action_menu")
def portal_page_actions(menu_items, request, context):
    """No convert-to-alias or restart-sync for organisation users."""
    if organisation_keys(request.user) is not None:
        menu_items[:] = [item for item in menu_items if item.name not in LOCALIZE_ACTIONS]


@hooks.register("before_serve_document")
def private_until_approved(document, request):
    """An organisation's document is served to everyone only once a profile of the
    organisation that uses it is approved (``companies.uploads``)."""
    policy = policy_registry.get_by_type(get_document_model())
    if is_released(document) or may_see_unreleased(request.user, document, policy):
        return None
    return HttpResponseForbidden()
