"""Admin URLs of the second factor, its entry on the account page, and the organisation
portal's allowlist (organisation users may enrol too)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from security import views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("2fa/setup/", views.setup, name="security_2fa_setup"),
        path("2fa/verify/", views.verify, name="security_2fa_verify"),
    ]


@hooks.register("register_account_menu_item")
def account_menu_item(request):
    return {
        "url": reverse("security_2fa_setup"),
        "label": _("Zwei-Faktor-Anmeldung"),
        "help_text": _("Anmeldung mit einem Code aus einer Authenticator-App absichern."),
    }


@hooks.register("register_organisation_portal_urls")
def organisation_portal_urls():
    # The views act on the requesting user's own devices only.
    return ["security_2fa_setup", "security_2fa_verify"]
