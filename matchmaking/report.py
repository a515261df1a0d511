"""The editors' matchmaking report: the best cross-border pairs, filtered by sector, region
and country, as a table or CSV (to plan delegations and events)."""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from base.fields import COUNTRY_CHOICES
from base.models import visible_q
from companies.isolation import organisation_keys
from companies.models import Sector
from matchmaking.api import reason_labels
from matchmaking.matching import ranked
from matchmaking.models import MatchKey, MatchProfile, OpportunityPage, today
from matchmaking.views import content_language
from regions.models import RegionPage

MAX_SOURCES = 100
MAX_PAIRS = 50


class ReportFilters(forms.Form):
    sector = forms.ModelChoiceField(
        Sector.objects.none(), required=False, label=gettext_lazy("Branche")
    )
    region = forms.ModelChoiceField(
        RegionPage.objects.none(), required=False, label=gettext_lazy("Region")
    )
    country = forms.ChoiceField(
        choices=[("", "–"), *COUNTRY_CHOICES], required=False, label=gettext_lazy("Land")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from base.fields import default_locale_only

        self.fields["sector"].queryset = Sector.objects.filter(**default_locale_only())
        self.fields["region"].queryset = RegionPage.objects.filter(**default_locale_only())


def best_pairs(sector=None, region=None, country=""):
    """(source profile, match) of the best cross-border partner of each matching profile,
    best first, each pair once."""
    sources = MatchProfile.objects.filter(kind=MatchProfile.Kind.ORGANISATION)
    if sector is not None:
        sources = sources.filter(
            pk__in=MatchKey.objects.filter(key=f"sec:{sector.pk}").values("profile")
        )
    if region is not None:
        sources = sources.filter(region_key=region.translation_key)
    if country:
        sources = sources.filter(country=country)
    candidates = [(source, ranked(source)[:10]) for source in sources.order_by("pk")[:MAX_SOURCES]]
    # The profiles may be stale (a draft not yet recomputed): only visible, open pages count.
    keys = {source.translation_key for source, _matches in candidates}
    for _source, matches in candidates:
        keys |= {m.profile.translation_key for m in matches}
        keys |= {m.profile.organisation_key for m in matches}
    visible = set(
        Page.objects.filter(visible_q(), translation_key__in=keys)
        .exclude(pk__in=OpportunityPage.objects.exclude(valid_until__gte=today()).values("pk"))
        .values_list("translation_key", flat=True)
    )
    pairs, seen = [], set()
    for source, matches in candidates:
        if source.translation_key not in visible:
            continue
        for match in matches:
            profile = match.profile
            if {profile.translation_key, profile.organisation_key} <= visible:
                key = frozenset({source.organisation_key, profile.organisation_key})
                if key not in seen:
                    seen.add(key)
                    pairs.append((source, match))
                break
    pairs.sort(key=lambda pair: -pair[1].score)
    return pairs[:MAX_PAIRS]


def rows_of(pairs, language_code):
    keys = {p.organisation_key for p, _m in pairs} | {m.profile.organisation_key for _p, m in pairs}
    keys |= {m.profile.translation_key for _p, m in pairs}
    titles = {}
    for key, language, title in Page.objects.filter(translation_key__in=keys).values_list(
        "translation_key", "locale__language_code", "title"
    ):
        if language == language_code or key not in titles:
            titles[key] = title
    label = reason_labels([m for _p, m in pairs], language_code)
    rows = []
    for source, match in pairs:
        opportunity = ""
        if match.profile.kind == MatchProfile.Kind.OPPORTUNITY:
            opportunity = titles.get(match.profile.translation_key, "")
        rows.append(
            {
                "a": titles.get(source.organisation_key, ""),
                "country_a": source.country,
                "b": titles.get(match.profile.organisation_key, ""),
                "country_b": match.profile.country,
                "opportunity": opportunity,
                "score": match.score,
                "reasons": "; ".join(label(kind, detail) for kind, detail in match.reasons),
            }
        )
    return rows


def report(request):
    if organisation_keys(request.user) is not None:
        raise PermissionDenied
    form = ReportFilters(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    language = content_language(request)
    rows = rows_of(
        best_pairs(filters.get("sector"), filters.get("region"), filters.get("country", "")),
        language,
    )
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="matchmaking.csv"'
        response.write("\ufeff")  # Excel reads UTF-8 (Chinese names) with the BOM
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Profil A"),
                _("Land A"),
                _("Profil B"),
                _("Land B"),
                _("Angebot"),
                _("Passung"),
                _("Gründe"),
            ]
        )
        for row in rows:
            writer.writerow(
                [
                    row["a"],
                    row["country_a"],
                    row["b"],
                    row["country_b"],
                    row["opportunity"],
                    row["score"],
                    row["reasons"],
                ]
            )
        return response
    return TemplateResponse(
        request,
        "matchmaking/report.html",
        {
            "form": form,
            "rows": rows,
            "page_title": _("Matchmaking-Bericht"),
            "query": request.GET.urlencode(),
        },
    )
