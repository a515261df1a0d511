"""Admin: editors see every inquiry (filter by status, recipient type, language; search by
name, recipient, text) and mark it handled with a note. Inquiries come from the API only: they
are never created in the admin, and their content is never edited."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from inquiries.models import Inquiry


class InquiryPermissionPolicy(ModelPermissionPolicy):
    """No creating or copying in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(Inquiry, InquiryPermissionPolicy(Inquiry))


class InquiryEditView(EditView):
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
    edit_view_class = InquiryEditView
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
