"""Admin views: the report of out-of-date translations (per locale and type, oldest first, with
links to both editors) and machine pre-translation of a page or subtree into drafts."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.views.reports.base import PageReportView
from wagtail.models import Locale, Page, get_page_content_types

from base.translation_status import out_of_date
from translations.machine import MachineTranslationError
from translations.permissions import locales_user_may_translate_into
from translations.po import POError, export_zip, file_name, import_files, po_text, read_upload
from translations.pretranslate import machine_translate_page, source_of
from translations.tasks import machine_translate_subtree_task


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


class TargetLocaleForm(forms.Form):
    """A target locale among those the user may write in, and whether to include subpages."""

    subtree_label = ""

    locale = forms.ModelChoiceField(
        label=_("Zielsprache"), queryset=Locale.objects.none(), empty_label=None
    )
    include_subtree = forms.BooleanField(required=False)

    def __init__(self, *args, locales, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].queryset = locales
        self.fields["include_subtree"].label = self.subtree_label


class MachineTranslateForm(TargetLocaleForm):
    subtree_label = _("Mit allen Unterseiten (im Hintergrund)")


def translatable_source(request, page_id):
    """The source page of ``page_id``'s group and the locales the user may translate it into;
    403 when there is none."""
    page = get_object_or_404(Page, pk=page_id).specific
    if page.is_root():
        raise Http404
    source = source_of(page)
    locales = locales_user_may_translate_into(request.user, source)
    if not locales.exists():
        raise PermissionDenied
    return source, locales


def machine_translate(request, page_id):
    """ "Maschinell vorübersetzen": a page (or its subtree) into a locale the user may write
    in; the result is a draft (translations/pretranslate.py)."""
    source, locales = translatable_source(request, page_id)
    form = MachineTranslateForm(request.POST or None, locales=locales)
    if request.method == "POST" and form.is_valid():
        locale = form.cleaned_data["locale"]
        if form.cleaned_data["include_subtree"]:
            machine_translate_subtree_task.enqueue(source.pk, locale.language_code, request.user.pk)
            messages.success(
                request,
                _("Die Vorübersetzung von „%(title)s“ mit Unterseiten wurde gestartet.")
                % {"title": source.get_admin_display_title()},
            )
            return redirect("wagtailadmin_explore", source.get_parent().pk)
        try:
            outcome = machine_translate_page(source, locale, user=request.user)
        except MachineTranslationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Entwurf vorübersetzt: %(count)s Texte. Bitte prüfen und veröffentlichen.")
                % {"count": outcome.strings},
            )
            return redirect("wagtailadmin_pages:edit", outcome.target.pk)
    return TemplateResponse(
        request,
        "translations/machine_translate.html",
        {"page": source, "form": form, "page_title": _("Maschinell vorübersetzen")},
    )


IMPORTED = _("%(count)s Übersetzungen als Entwurf gespeichert. Bitte prüfen und veröffentlichen.")


class POExportForm(TargetLocaleForm):
    subtree_label = _("Mit allen Unterseiten (ZIP-Datei)")


class POImportForm(forms.Form):
    file = forms.FileField(label=_("PO- oder ZIP-Datei"))


def po_files(request, page_id):
    """PO export (a page, or a subtree as zip) and import, for external translators."""
    source, locales = translatable_source(request, page_id)
    export_form = POExportForm(request.GET or None, locales=locales)
    import_form = POImportForm()
    if request.method == "GET" and "locale" in request.GET and export_form.is_valid():
        locale = export_form.cleaned_data["locale"]
        if export_form.cleaned_data["include_subtree"]:
            response = HttpResponse(export_zip(source, locale), content_type="application/zip")
            name = f"{source.slug}-{locale.language_code}.zip"
        else:
            response = HttpResponse(
                po_text(source, locale), content_type="text/x-gettext-translation; charset=utf-8"
            )
            name = file_name(source, locale)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if request.method == "POST":
        import_form = POImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                files = read_upload(upload.name, upload.read())
                result = import_files(files, request.user)
            except (POError, UnicodeDecodeError) as error:
                import_form.add_error("file", str(error))
            else:
                messages.success(
                    request,
                    IMPORTED % {"count": len(result.pages)},
                )
                for warning in result.warnings[:20]:
                    messages.warning(request, warning)
                return redirect("translations_po", source.pk)
    return TemplateResponse(
        request,
        "translations/po.html",
        {
            "page": source,
            "export_form": export_form,
            "import_form": import_form,
            "page_title": _("Übersetzung als PO-Datei"),
        },
    )
