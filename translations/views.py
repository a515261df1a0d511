"""The admin report "Übersetzungen mit Handlungsbedarf": translations whose source was published
after their last sync, per locale and type, oldest first, with links to both editors."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.views.reports.base import PageReportView
from wagtail.models import Locale, Page, get_page_content_types

from translations.status import out_of_date


def locale_choices():
    return [(locale.language_code, locale.get_display_name()) for locale in Locale.objects.all()]


class LocaleFilter(django_filters.ChoiceFilter):
    def filter(self, qs, language_code):
        if language_code:
            return qs.filter(locale__language_code=language_code)
        return qs


class OutOfDateFilterSet(WagtailFilterSet):
    locale = LocaleFilter(label=_("Sprache"), choices=locale_choices)
    content_type = ContentTypeFilter(
        label=_("Seitentyp"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
    )

    class Meta:
        model = Page
        fields = ["locale", "content_type"]


class OutOfDateTranslationsView(PageReportView):
    page_title = _("Veraltete Übersetzungen")
    header_icon = "globe"
    results_template_name = "translations/out_of_date_results.html"
    filterset_class = OutOfDateFilterSet
    index_url_name = "translations_out_of_date"
    index_results_url_name = "translations_out_of_date_results"
    any_permission_required = ["change", "publish"]
    export_headings = {
        "locale.language_code": _("Sprache"),
        "api_source_code": _("Quellsprache"),
        "api_source_published": _("Quelle veröffentlicht"),
        "api_synced_at": _("Zuletzt synchronisiert"),
        "content_type.model_class._meta.verbose_name.title": _("Seitentyp"),
    }
    list_export = [
        "title",
        "locale.language_code",
        "api_source_code",
        "api_source_published",
        "api_synced_at",
        "content_type.model_class._meta.verbose_name.title",
    ]

    def get_queryset(self):
        pages = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        self.queryset = (
            out_of_date(pages)
            .select_related("locale", "content_type")
            .order_by("api_source_published", "pk")
        )
        return super().get_queryset()
