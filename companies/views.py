"""Admin: inviting an organisation to maintain its profile (``companies.onboarding``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
