"""Admin: editors manage webhook subscriptions and see every delivery with its attempts; a
delivery can be sent again. Deliveries are written by the platform only, never edited."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from webhooks.models import WebhookDelivery, WebhookSubscription
from webhooks.sending import resend

RESEND_PERMISSION = "webhooks.change_webhooksubscription"


class DeliveryPermissionPolicy(ModelPermissionPolicy):
    """Deliveries can be viewed and deleted, never created or edited in the admin."""

    READ_ONLY_ACTIONS = {"add", "change", "copy"}

    def user_has_permission(self, user, action):
        if action in self.READ_ONLY_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(WebhookDelivery, DeliveryPermissionPolicy(WebhookDelivery))


class ResendColumn(Column):
    def render_cell_html(self, instance, parent_context):
        url = reverse("webhooks_resend", args=[instance.pk])
        return format_html(
            '<td><a class="button button-small button-secondary" href="{}">{}</a></td>',
            url,
            _("Erneut senden"),
        )


class SubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    icon = "link-external"
    menu_label = _("Abonnements")
    form_fields = ["name", "url", "events", "page_types", "locales", "active", "secret"]
    list_display = ["name", "url", "active", "created_at"]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    copy_view_enabled = False


class DeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "history"
    menu_label = _("Zustellungen")
    form_fields = ["status"]  # no add or edit view is reachable (DeliveryPermissionPolicy)
    list_display = [
        "created_at",
        "subscription",
        "event",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        ResendColumn("resend", label=_("Aktion")),
    ]
    list_filter = ["status", "event", "subscription"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "id",
        "subscription",
        "event",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "delivered_at",
        "last_error",
        "payload",
    ]
    copy_view_enabled = False
    list_per_page = 50

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("subscription")


class WebhookGroup(ModelViewSetGroup):
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    menu_order = 900
    items = (SubscriptionViewSet("webhook_subscriptions"), DeliveryViewSet("webhook_deliveries"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return WebhookGroup()


def resend_view(request, pk):
    """GET: confirm; POST: send the delivery again."""
    if not request.user.has_perm(RESEND_PERMISSION):
        raise PermissionDenied
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("subscription"), pk=pk)
    if request.method == "POST":
        resend(delivery)
        messages.success(request, _("Die Zustellung wird erneut gesendet."))
        return redirect("webhook_deliveries:index")
    attempts = delivery.attempt_log.all()
    # What a receiver answered may be an internal service's page: superusers only.
    show_excerpts = request.user.is_superuser
    if not show_excerpts:
        attempts = attempts.defer("response_excerpt")
    return TemplateResponse(
        request,
        "webhooks/resend.html",
        {
            "delivery": delivery,
            "attempts": attempts,
            "show_excerpts": show_excerpts,
            "header_title": _("Erneut senden"),
        },
    )


@hooks.register("register_admin_urls")
def register_urls():
    return [path("webhooks/resend/<uuid:pk>/", resend_view, name="webhooks_resend")]
