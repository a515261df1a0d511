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
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.home import HomeView

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
