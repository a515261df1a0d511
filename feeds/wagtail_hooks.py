"""Admin: the newsletter digest preview, for editors before a newsletter goes out, with a test
mail to an address of the editor's choice."""

import datetime
import logging
import smtplib
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMultiAlternatives
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feeds.digest import build_digest, default_period, render_digest_html


class DigestPreviewForm(forms.Form):
    locale = forms.ChoiceField(label=_("Sprache"))
    # A browser's date input only takes ISO dates: without the format the initial period was
    # rendered as "23.11.2026" and the fields started empty.
    since = forms.DateField(
        label=_("Von"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(
        label=_("Bis"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

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


class TestMailForm(DigestPreviewForm):
    """The digest's period and language and the address the test mail goes to."""

    email = forms.EmailField(label=_("Testmail an"), max_length=254)


logger = logging.getLogger(__name__)


def digest_preview(request, mail_form=None):
    since, until = default_period()
    form = DigestPreviewForm(
        request.GET or None,
        initial={"locale": settings.LANGUAGE_CODE, "since": since, "until": until},
    )
    html = None
    period = {"locale": settings.LANGUAGE_CODE, "since": since, "until": until}
    if form.is_bound and form.is_valid():
        period = {key: form.cleaned_data[key] for key in ("locale", "since", "until")}
        html = render_digest_html(build_digest(request, **period_args(period)))
    elif not form.is_bound:
        html = render_digest_html(build_digest(request, **period_args(period)))
    if mail_form is None:
        mail_form = TestMailForm(initial={**period, "email": request.user.email})
    return TemplateResponse(
        request,
        "feeds/digest_preview.html",
        {
            "form": form,
            "mail_form": mail_form,
            "digest_html": html,
            "header_title": _("Newsletter-Vorschau"),
            "page_title": _("Newsletter-Vorschau"),
            "header_icon": "mail",
        },
    )


def period_args(period):
    return {
        "language_code": period["locale"],
        "since": period["since"],
        "until": period["until"],
    }


@require_POST
def send_test_mail(request):
    """Send the digest of the chosen period and language to the chosen address (EMAIL_TIMEOUT
    bounds the SMTP connection); a failure is shown to the editor, nothing is retried."""
    form = TestMailForm(request.POST)
    if not form.is_valid():
        return digest_preview(request, mail_form=form)
    data = form.cleaned_data
    digest = build_digest(request, **period_args(data))
    html = render_digest_html(digest)
    with override(data["locale"]):
        subject = gettext("Newsletter der Kaiserslautern–China Plattform")
    message = EmailMultiAlternatives(
        subject=f"[Test] {subject} {data['since']:%Y-%m-%d} – {data['until']:%Y-%m-%d}",
        body=strip_tags(html),
        to=[data["email"]],
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("Newsletter test mail to %s failed: %s", data["email"], exc)
        form.add_error(None, _("Die Testmail konnte nicht gesendet werden: %s") % exc)
        return digest_preview(request, mail_form=form)
    messages.success(request, _("Testmail an %(email)s gesendet.") % {"email": data["email"]})
    query = urlencode({"locale": data["locale"], "since": data["since"], "until": data["until"]})
    return redirect(f"{reverse('newsletter_preview')}?{query}")


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("newsletter/preview/", digest_preview, name="newsletter_preview"),
        path("newsletter/preview/test-mail/", send_test_mail, name="newsletter_test_mail"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(
        _("Newsletter-Vorschau"),
        reverse("newsletter_preview"),
        icon_name="mail",
        order=890,
    )
