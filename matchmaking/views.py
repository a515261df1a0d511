"""Portal views of organisation users (registered with ``register_organisation_portal_urls``):
their partner suggestions, expressing interest, and the interests they received and sent.
Every view shows only the user's own organisation's objects (``organisation_keys``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from companies.isolation import organisation_keys
from companies.models import OrganisationPage
from matchmaking.api import MatchParams, match_response
from matchmaking.digest import content_locale_for
from matchmaking.interests import answer, contact_of, express_interest, visible_organisation
from matchmaking.models import Interest, MatchDigest, OpportunityPage, RankedMatches


class InterestForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    opportunity = forms.IntegerField(required=False, widget=forms.HiddenInput)
    score = forms.FloatField(required=False, widget=forms.HiddenInput)
    message = forms.CharField(
        label=gettext_lazy("Nachricht"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Warum Sie eine Zusammenarbeit suchen. Ihre Kontaktdaten werden erst weitergegeben, "
            "wenn die andere Seite annimmt."
        ),
    )


def own_keys(request):
    keys = organisation_keys(request.user)
    if not keys:
        raise PermissionDenied
    return keys


def content_language(request):
    """The content locale matching the user's admin language (German otherwise)."""
    return content_locale_for(translation.get_language())


def suggestions(request, key, limit=10):
    """The API's matches of the group ``key``, in the user's language (with fallback)."""
    params = MatchParams(locale=content_language(request), fallback=True, limit=limit)
    row = RankedMatches.objects.filter(profile__translation_key=key, scope=params.scope).first()
    return match_response(request, row, params)["items"]


def matches(request):
    keys = own_keys(request)
    language = content_language(request)
    organisations = []
    for key in keys:
        page = visible_organisation(key, language)
        if page is None:
            continue
        organisations.append(
            {
                "page": page,
                "matches": [
                    {**item, "form": InterestForm(initial=initial(item))}
                    for item in suggestions(request, key)
                ],
            }
        )
    digest = MatchDigest.objects.filter(user=request.user, active=True).exists()
    return TemplateResponse(
        request,
        "matchmaking/matches.html",
        {"organisations": organisations, "digest": digest, "page_title": _("Passende Partner")},
    )


@require_POST
def digest(request):
    """Switch the weekly mail of new suggestions on or off (for the user)."""
    own_keys(request)
    active = request.POST.get("active") == "on"
    MatchDigest.objects.update_or_create(user=request.user, defaults={"active": active})
    if active:
        messages.success(request, _("Sie erhalten wöchentlich eine E-Mail mit neuen Vorschlägen."))
    else:
        messages.info(request, _("Die wöchentliche E-Mail ist ausgeschaltet."))
    return redirect("matchmaking:matches")


def initial(item):
    return {
        "organisation": item["organisation"]["id"],
        "opportunity": item["opportunity"]["id"] if item["opportunity"] else None,
        "score": item["score"],
    }


@require_POST
def express(request):
    keys = own_keys(request)
    form = InterestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("matchmaking:matches")
    sender = visible_organisation(keys[0], content_language(request))
    recipient = OrganisationPage.objects.filter(
        visible_q_pk(form.cleaned_data["organisation"])
    ).first()
    if sender is None or recipient is None or recipient.translation_key in keys:
        messages.error(request, _("Diese Organisation ist nicht verfügbar."))
        return redirect("matchmaking:matches")
    opportunity = None
    if form.cleaned_data.get("opportunity"):
        opportunity = (
            OpportunityPage.objects.in_locale(recipient.locale.language_code, fallback=True)
            .open()
            .filter(pk=form.cleaned_data["opportunity"])
            .first()
        )
    express_interest(
        recipient,
        form.cleaned_data["message"],
        sender=sender,
        opportunity=opportunity,
        score=form.cleaned_data.get("score"),
    )
    messages.success(
        request,
        _("Ihr Interesse wurde an %(recipient)s übermittelt.") % {"recipient": recipient.title},
    )
    return redirect("matchmaking:interests")


def visible_q_pk(page_id):
    from base.models import visible_q

    return visible_q() & Q(pk=page_id)


def interests(request):
    keys = own_keys(request)
    rows = []
    for interest in Interest.objects.filter(Q(recipient_key__in=keys) | Q(sender_key__in=keys)):
        received = interest.recipient_key in keys
        contact = None
        if interest.status == Interest.Status.ACCEPTED:
            if received:
                if interest.sender_key:
                    contact = contact_of(interest.sender_key)
                else:
                    contact = (interest.sender_name, interest.sender_email)
            else:
                contact = contact_of(interest.recipient_key)
        rows.append({"interest": interest, "received": received, "contact": contact})
    return TemplateResponse(
        request,
        "matchmaking/interests.html",
        {"rows": rows, "page_title": _("Interessensbekundungen")},
    )


@require_POST
def answer_interest(request, pk):
    keys = own_keys(request)
    # Not the user's own interest: refused (a 404 in the admin would be redirected to the
    # language-prefixed page tree by LocaleMiddleware).
    interest = Interest.objects.filter(pk=pk, recipient_key__in=keys).first()
    if interest is None:
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    answer(interest, accept, request.user)
    if accept:
        messages.success(request, _("Angenommen: beide Seiten erhalten die Kontaktdaten."))
    else:
        messages.info(request, _("Abgelehnt."))
    return redirect("matchmaking:interests")
