from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from api.cache import content_generation, safe_get, safe_set
from base.translation_status import out_of_date
from translations.counterparts import explicitly_saved
from translations.links import LocalisedPageLinkHandler
from translations.permissions import (
    LocaleScopedSubmitPageTranslationView,
    LocaleScopedUpdateTranslationsView,
)
from translations.views import OutOfDateTranslationsView, machine_translate, po_files


@hooks.register("register_admin_urls")
def register_urls():
    # The first two take the paths of wagtail-localize's "Translate page" and "Sync" screens:
    # this app's hooks are registered before wagtail-localize's, so these patterns match first.
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            LocaleScopedSubmitPageTranslationView.as_view(),
            name="translations_submit_page",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            LocaleScopedUpdateTranslationsView.as_view(),
            name="translations_update",
        ),
        path(
            "translations/machine/<int:page_id>/",
            machine_translate,
            name="translations_machine_translate",
        ),
        path("translations/po/<int:page_id>/", po_files, name="translations_po"),
        path(
            "reports/out-of-date-translations/",
            OutOfDateTranslationsView.as_view(),
            name="translations_out_of_date",
        ),
        path(
            "reports/out-of-date-translations/results/",
            OutOfDateTranslationsView.as_view(results_only=True),
            name="translations_out_of_date_results",
        ),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, ["change", "publish"])


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return EditorsMenuItem(
        _("Veraltete Übersetzungen"),
        reverse("translations_out_of_date"),
        name="out-of-date-translations",
        icon_name="globe",
        order=1200,
    )


class OutOfDateTranslationsPanel(Component):
    """Dashboard: how many translations the user may edit are out of date, per locale."""

    name = "out_of_date_translations"
    template_name = "translations/panel.html"
    order = 150

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        # 0.3 s over 30,000 pages: cached per user until the next publish or sync (both bump
        # the content generation) or for five minutes.
        key = f"translations:panel:{self.request.user.pk}:{content_generation()}"
        rows = safe_get(key)
        if rows is None:
            pages = PagePermissionPolicy().instances_user_has_permission_for(
                self.request.user, "change"
            )
            rows = list(
                out_of_date(pages)
                .order_by()
                .values("locale_id")
                .annotate(count=Count("pk"))
                .values_list("locale_id", "count")
            )
            safe_set(key, rows, timeout=300)
        locales = Locale.objects.in_bulk()
        counts = [
            (locales[locale_id].language_code, locales[locale_id].get_display_name(), count)
            for locale_id, count in rows
            if locale_id in locales
        ]
        return {"counts": sorted(counts)}

    def render_html(self, parent_context=None):
        if not PagePermissionPolicy().user_has_any_permission(
            self.request.user, ["change", "publish"]
        ):
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_out_of_date_panel(request, panels):
    panels.append(OutOfDateTranslationsPanel(request))


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def machine_translate_button(page, user, view_name=None, next_url=None):
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    yield ListingButton(
        _("Maschinell vorübersetzen"),
        reverse("translations_machine_translate", args=[page.pk]),
        priority=61,
        icon_name="globe",
    )
    yield ListingButton(
        _("Übersetzung als PO-Datei"),
        reverse("translations_po", args=[page.pk]),
        priority=62,
        icon_name="download",
    )


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own page links
def register_localised_page_links(features):
    features.register_link_type(LocalisedPageLinkHandler)


# Counterparts of a page the editor saved on purpose, never of an autosave (counterparts.py).
hooks.register("after_create_page", explicitly_saved)
hooks.register("after_edit_page", explicitly_saved)


@hooks.register("insert_global_admin_js")
def translation_editor_phrases():
    """Two phrases wagtail-localize's editor bundle hard-codes in English, in the admin's
    language (static/translations/editor-i18n.js)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("translations/editor-i18n.js"))
