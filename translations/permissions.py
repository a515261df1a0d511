"""Locale-scoped editors: page permissions on one locale's home page, and translation
submissions limited to the locales a user may create pages in.

Each content locale has its own tree under its home page, so a group with page permissions on
the Chinese home page edits, translates and publishes Chinese pages only, and nothing German
(``manage.py setup_editor_groups``). wagtail-localize lets anyone with its
``submit_translation`` permission create a translation in *any* locale; the views below wrap its
"Translate" and "Sync" screens so that a Chinese editor cannot create or overwrite German pages.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView


def locales_user_may_translate_into(user, page):
    """The locales in which ``user`` may add ``page``'s translation: where the translation of
    its parent exists and the user may add pages under it."""
    parent = page.get_parent()
    allowed = []
    for locale in Locale.objects.exclude(pk=page.locale_id):
        target_parent = parent if parent.is_root() else parent.get_translation_or_none(locale)
        if target_parent is None:
            continue
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            if existing.permissions_for_user(user).can_edit():
                allowed.append(locale.pk)
        elif may_add_under(user, target_parent):
            allowed.append(locale.pk)
    return Locale.objects.filter(pk__in=allowed)


def may_add_under(user, parent):
    """The "add" permission on ``parent`` — without the page-type limits of
    ``can_add_subpage`` (a translation is exempt from them: the Chinese home page is the second
    HomePage under the root, where only one may be created)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return "add" in parent.permissions_for_user(user).permissions


class LocaleScopedSubmitPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate page", offering only the locales the user may write in."""

    def get_form(self):
        form = super().get_form()
        allowed = locales_user_may_translate_into(self.request.user, self.object)
        form.fields["locales"].queryset = form.fields["locales"].queryset.filter(
            pk__in=allowed.values("pk")
        )
        return form

    def dispatch(self, request, *args, **kwargs):
        page = Page.objects.filter(pk=kwargs["page_id"]).first()
        if (
            page is not None
            and not page.is_root()
            and not locales_user_may_translate_into(request.user, page).exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LocaleScopedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", only for a user who may edit every page
    the sync would change."""

    def dispatch(self, request, *args, **kwargs):
        source = TranslationSource.objects.filter(pk=kwargs["translation_source_id"]).first()
        if source is not None and issubclass(source.specific_content_type.model_class(), Page):
            pages = Page.objects.filter(
                translation_key=source.object_id,
                locale__in=source.translations.values("target_locale"),
            )
            if not all(page.permissions_for_user(request.user).can_edit() for page in pages):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
