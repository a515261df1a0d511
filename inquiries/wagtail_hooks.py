"""Admin: editors see every inquiry (filter by status, recipient type, language; search by
name, recipient, text) and mark it handled with a note; an organisation user sees only those
addressed to its profile. Inquiries come from the API only: they
are never created in the admin, and their content is never edited."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from companies.isolation import organisation_keys
from inquiries.models import Inquiry

ORGANISATION_ACTIONS = {"view", "change"}


class InquiryPermissionPolicy(ModelPermissionPolicy):
    """No creating or copying in the admin. Editors (model permissions) see every inquiry; an
    organisation user (``companies.isolation``) sees and marks handled only the inquiries
    addressed to its own profile."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        if organisation_keys(user) is not None:
            return action in ORGANISATION_ACTIONS
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        keys = organisation_keys(user)
        if keys is not None:
            return action in ORGANISATION_ACTIONS and (
                Page.objects.filter(pk=instance.recipient_id, translation_key__in=keys).exists()
            )
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        keys = organisation_keys(user)
        if keys is not None:
            if not ORGANISATION_ACTIONS.intersection(actions):
                return Inquiry.objects.none()
            return Inquiry.objects.filter(recipient__translation_key__in=keys)
        if self.user_has_any_permission(user, actions):
            return Inquiry.objects.all()
        return Inquiry.objects.none()


register_permission_policy(Inquiry, InquiryPermissionPolicy(Inquiry))


class OwnInquiriesMixin:
    """Only the inquiries the user may see: a list filtered, an instance refused."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["view", "change"], instance
        ):
            raise PermissionDenied
        return instance


class InquiryIndexView(IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )


class InquiryInspectView(OwnInquiriesMixin, InspectView):
    pass


class InquiryEditView(OwnInquiriesMixin, EditView):
    def save_instance(self):
        inquiry = self.form.save(commit=False)
        if inquiry.status == Inquiry.Status.HANDLED and inquiry.handled_at is None:
            inquiry.handled_at = timezone.now()
            inquiry.handled_by = self.request.user
        elif inquiry.status != Inquiry.Status.HANDLED:
            inquiry.handled_at = inquiry.handled_by = None
        inquiry.save()
        return inquiry


class InquiryViewSet(ModelViewSet):
    model = Inquiry
    icon = "mail"
    menu_label = _("Anfragen")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = InquiryIndexView
    edit_view_class = InquiryEditView
    inspect_view_class = InquiryInspectView
    form_fields = ["status", "note"]
    list_display = ["name", "recipient_title", "recipient_kind", "status", "created_at"]
    list_filter = ["status", "recipient_kind", "language"]
    search_fields = ["name", "organisation", "email", "recipient_title", "message"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "created_at",
        "recipient_title",
        "recipient_kind",
        "name",
        "organisation",
        "email",
        "country",
        "language",
        "message",
        "status",
        "attempts",
        "last_error",
        "delivered_at",
        "confirmation_sent_at",
        "handled_at",
        "handled_by",
        "note",
    ]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_viewset():
    return InquiryViewSet("inquiries")


def own_inquiry(request, pk, **kwargs):
    return Inquiry.objects.filter(
        pk=pk, recipient__translation_key__in=organisation_keys(request.user) or []
    ).exists()


@hooks.register("register_organisation_portal_urls")
def portal_urls():
    """The organisation portal (companies.portal): the list of the organisation's inquiries
    and, for its own inquiries, the detail and the form to mark one handled."""
    return [
        "inquiries:index",
        "inquiries:index_results",
        ("inquiries:edit", own_inquiry),
        ("inquiries:inspect", own_inquiry),
    ]


class OwnInquiriesPanel(Component):
    """Dashboard of an organisation user: the latest inquiries addressed to its profile."""

    name = "own_inquiries"
    template_name = "inquiries/own_inquiries_panel.html"
    order = 60
    portal_panel = True
    LIMIT = 5

    def __init__(self, keys):
        self.keys = keys

    def get_context_data(self, parent_context=None):
        inquiries = Inquiry.objects.filter(recipient__translation_key__in=self.keys)
        return {
            "inquiries": inquiries.order_by("-created_at")[: self.LIMIT],
            "open_count": inquiries.exclude(status=Inquiry.Status.HANDLED).count(),
        }


@hooks.register("construct_homepage_panels")
def add_own_inquiries_panel(request, panels):
    keys = organisation_keys(request.user)
    if keys:
        panels.append(OwnInquiriesPanel(keys))
