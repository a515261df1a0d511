"""Admin: the newsletter digest preview, for editors before a newsletter goes out."""

import datetime

from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feeds.digest import build_digest, default_period, render_digest_html


class DigestPreviewForm(forms.Form):
    locale = forms.ChoiceField(label=_("Sprache"))
    since = forms.DateField(label=_("Von"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Bis"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].choices = [
            (code.lower(), name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
        ]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until:
            if since > until:
                raise forms.ValidationError(_("„Von“ darf nicht nach „Bis“ liegen."))
            if until - since > datetime.timedelta(days=366):
                raise forms.ValidationError(_("Der Zeitraum darf höchstens ein Jahr umfassen."))
        return data


def digest_preview(request):
    since, until = default_period()
    form = DigestPreviewForm(
        request.GET or None,
        initial={"locale": settings.LANGUAGE_CODE, "since": since, "until": until},
    )
    html = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        digest = build_digest(request, data["locale"], data["since"], data["until"])
        html = render_digest_html(digest)
    elif not form.is_bound:
        html = render_digest_html(build_digest(request, settings.LANGUAGE_CODE, since, until))
    return TemplateResponse(
        request,
        "feeds/digest_preview.html",
        {"form": form, "digest_html": html, "header_title": _("Newsletter-Vorschau")},
    )


@hooks.register("register_admin_urls")
def register_urls():
    return [path("newsletter/preview/", digest_preview, name="newsletter_preview")]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(
        _("Newsletter-Vorschau"),
        reverse("newsletter_preview"),
        icon_name="mail",
        order=890,
    )
