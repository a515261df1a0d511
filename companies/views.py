"""Admin: inviting an organisation to maintain its profile (``companies.onboarding``); the
organisation portal's dashboard, refusal page and guide (``companies.portal``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.home import HomeView
from wagtail.admin.views.pages.edit import EditView

from companies.models import OrganisationPage
from companies.onboarding import invite_organisation


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-Mail-Adresse der Organisation"))


def invite(request, page_id):
    page = get_object_or_404(OrganisationPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = invite_organisation(page, form.cleaned_data["email"])
        if invitation.mailed:
            messages.success(
                request,
                _("Einladung an %(email)s gesendet.") % {"email": invitation.user.email},
            )
        else:
            messages.info(
                request,
                _("%(email)s hat bereits Zugang zu diesem Profil.")
                % {"email": invitation.user.email},
            )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "companies/invite.html",
        {"page": page, "form": form, "page_title": _("Organisation einladen")},
    )


class PortalForbiddenView(WagtailAdminTemplateMixin, TemplateView):
    """The organisation portal's refusal: an admin page with a way back to the dashboard."""

    template_name = "companies/portal_forbidden.html"
    page_title = gettext_lazy("Kein Zugang")
    header_icon = "warning"

    def render_to_response(self, context, **response_kwargs):
        return super().render_to_response(context, status=403, **response_kwargs)

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


portal_forbidden = require_admin_access(PortalForbiddenView.as_view())


class PortalHomeView(HomeView):
    """An organisation user's dashboard: only portal panels (``portal_panel = True``), no
    site-wide figures and no page search."""

    template_name = "companies/portal_home.html"

    def get_panels(self):
        return [panel for panel in super().get_panels() if getattr(panel, "portal_panel", False)]


portal_home = require_admin_access(PortalHomeView.as_view())

GUIDE_LANGUAGES = ("de", "zh-hans", "en")


class OrganisationGuideView(WagtailAdminTemplateMixin, TemplateView):
    """The guide for organisations, in the user's admin language (German otherwise)."""

    template_name = "companies/portal_guide.html"
    page_title = gettext_lazy("Leitfaden für Organisationen")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        language = get_language()
        language = language if language in GUIDE_LANGUAGES else GUIDE_LANGUAGES[0]
        return {
            **super().get_context_data(**kwargs),
            "guide_template": f"companies/guide/{language}.html",
        }


organisation_guide = OrganisationGuideView.as_view()


class PortalEditView(EditView):
    """Wagtail's page editor for organisation users, also on a synced translation.

    wagtail-localize replaces the editor of a synced translation with its translation editor,
    whose only actions for a user without publish rights are "convert to alias" and "stop
    synced translation". An organisation user edits each language version of its profile
    directly instead, and submits it to the profile review like the source; the editors keep
    wagtail-localize's editor and sync (``companies.wagtail_hooks.portal_direct_edit``)."""

    def redirect_away(self):
        # Wagtail goes on to the explorer of the parent page, which is not part of the portal.
        if self.next_url:
            return super().redirect_away()
        return redirect("wagtailadmin_home")

    def run_hook(self, hook_name, *args, **kwargs):
        if hook_name != "before_edit_page":
            return super().run_hook(hook_name, *args, **kwargs)
        for fn in hooks.get_hooks(hook_name):
            if fn.__module__.startswith("wagtail_localize") or getattr(fn, "portal_dispatch", 0):
                continue
            result = fn(*args, **kwargs)
            if hasattr(result, "status_code"):
                return result
        return None


portal_edit = PortalEditView.as_view()
