"""Admin and hooks of the matchmaking: demo and scale data, the portal views and the
dashboard panel of organisations, the editors' list of every expression of interest."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from companies.isolation import organisation_keys
from matchmaking import demo, views
from matchmaking.models import Interest

PORTAL_URL_NAMES = [
    "matchmaking:matches",
    "matchmaking:express",
    "matchmaking:interests",
    "matchmaking:answer",
    "matchmaking:digest",
]


@hooks.register("build_demo_content")
def build_demo_opportunities(loader, indexes):
    demo.build(loader, indexes)


@hooks.register("demo_content_loaded")
def rebuild_match_profiles(loader):
    from matchmaking.matching import rebuild_all

    rebuild_all()


@hooks.register("scale_data_arguments")
def scale_data_arguments(parser):
    from matchmaking import scale

    scale.add_arguments(parser)


@hooks.register("generate_scale_data")
def generate_scale_opportunities(command, rng, base, organisations, options):
    from matchmaking import scale

    scale.generate(command, rng, base, organisations, options)


# --- Portal of organisations -----------------------------------------------------------------

portal_urls = [
    path("", views.matches, name="matches"),
    path("interest/", views.express, name="express"),
    path("interests/", views.interests, name="interests"),
    path("interests/<int:pk>/answer/", views.answer_interest, name="answer"),
    path("digest/", views.digest, name="digest"),
]


@hooks.register("register_admin_urls")
def register_portal_urls():
    from matchmaking.report import report

    return [
        path("matchmaking/", include((portal_urls, "matchmaking"), namespace="matchmaking")),
        path("reports/matchmaking/", report, name="matchmaking_report"),
    ]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return organisation_keys(request.user) is None


@hooks.register("register_reports_menu_item")
def report_menu_item():
    return EditorMenuItem(
        _("Matchmaking-Bericht"), reverse("matchmaking_report"), icon_name="group", order=900
    )


@hooks.register("register_organisation_portal_urls")
def organisation_portal_urls():
    """Organisation users may reach these (issue 12's allowlist); each view shows only the
    user's own organisation's objects."""
    return PORTAL_URL_NAMES


class PortalMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(organisation_keys(request.user))


@hooks.register("register_admin_menu_item")
def portal_menu_item():
    return PortalMenuItem(
        _("Passende Partner"), reverse("matchmaking:matches"), icon_name="group", order=250
    )


class PartnerPanel(Component):
    """Dashboard of an organisation: its best partner suggestions."""

    name = "matching_partners"
    template_name = "matchmaking/partner_panel.html"
    order = 60
    portal_panel = True

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context=None):
        return {"items": self.items}


@hooks.register("construct_homepage_panels")
def add_partner_panel(request, panels):
    keys = organisation_keys(request.user)
    if keys:
        panels.append(PartnerPanel(views.suggestions(request, keys[0], limit=5)))


# --- Editors: every expression of interest ----------------------------------------------------


class InterestPermissionPolicy(ModelPermissionPolicy):
    """Editors (admin users who are not organisation users) see every interest and its
    outcome; nobody adds or edits them here; organisations use the portal views."""

    def user_has_permission(self, user, action):
        if action not in {"view"} or organisation_keys(user) is not None:
            return False
        return user.is_active and user.has_perm("wagtailadmin.access_admin")


register_permission_policy(Interest, InterestPermissionPolicy(Interest))


class InterestViewSet(ModelViewSet):
    model = Interest
    icon = "mail"
    menu_label = _("Interessensbekundungen")
    menu_order = 265
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["sender_title", "recipient_title", "opportunity_title", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["sender_title", "recipient_title", "opportunity_title", "message"]
    form_fields = ["status"]
    inspect_view_fields = [
        "created_at",
        "sender_title",
        "sender_country",
        "recipient_title",
        "opportunity_title",
        "message",
        "score",
        "status",
        "answered_at",
        "answered_by",
    ]


@hooks.register("register_admin_viewset")
def register_interest_viewset():
    return InterestViewSet("interest_admin")
