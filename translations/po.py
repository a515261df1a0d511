"""PO round trip for external translators: one PO file per page, or a zip of a subtree's files.

Each file is wagtail-localize's PO export of a page's translation into a locale (every string of
the current source, with the translations made so far), completed with the gettext header fields
``msgfmt -c`` checks. An import reads the translation id from the file's header
(``X-WagtailLocalize-TranslationID``), stores the strings as manual translations and saves the
translated page as a draft (never published by itself). Files are imported parents first.
"""

import io
import zipfile
from dataclasses import dataclass, field

import polib
from django.db import transaction
from django.utils import timezone
from django.utils.translation import to_locale
from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from base.translation_status import source_pages
from translations.permissions import locales_user_may_translate_into

MAX_FILES = 2000


class POError(Exception):
    """An upload that cannot be imported; the message names the file and the reason."""


def translation_for(page, locale):
    """The wagtail-localize translation of ``page`` (a source page) into ``locale``, with the
    source content extracted again (a sync)."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    return translation


def po_text(page, locale):
    translation = translation_for(page, locale)
    po = translation.export_po()
    po.metadata = {
        "Project-Id-Version": f"{page.title} ({page.pk})",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": po.metadata.get("POT-Creation-Date", str(timezone.now())),
        "PO-Revision-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Last-Translator": "",
        "Language-Team": "",
        "Language": to_locale(locale.language_code),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-WagtailLocalize-TranslationID": str(translation.uuid),
    }
    return str(po)


def file_name(page, locale):
    return f"{page.pk}-{page.slug}.{locale.language_code}.po"


def subtree_sources(root):
    """The source pages of ``root``'s subtree, parents first."""
    pages = Page.objects.descendant_of(root, inclusive=True).filter(depth__gt=1)
    return source_pages(pages).order_by("path").specific()


def export_zip(root, locale):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for page in subtree_sources(root):
            if page.locale_id != locale.pk:
                archive.writestr(file_name(page, locale), po_text(page, locale))
    return buffer.getvalue()


@dataclass
class ImportResult:
    pages: list = field(default_factory=list)  # (source page, target page, strings)
    warnings: list = field(default_factory=list)


def read_upload(name, data):
    """[(file name, text)] of an uploaded .po or .zip."""
    if name.lower().endswith(".zip"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as error:
            raise POError(f"{name}: not a zip file.") from error
        names = [n for n in archive.namelist() if n.lower().endswith(".po")]
        if not names:
            raise POError(f"{name}: the zip holds no .po file.")
        if len(names) > MAX_FILES:
            raise POError(f"{name}: more than {MAX_FILES} files.")
        return [(n, archive.read(n).decode("utf-8", errors="strict")) for n in names]
    if name.lower().endswith(".po"):
        return [(name, data.decode("utf-8", errors="strict"))]
    raise POError(f"{name}: upload a .po file or a .zip of .po files.")


def import_files(files, user):
    """Import the PO files (all of them, or none: one error stops the import)."""
    parsed = []
    for name, text in files:
        try:
            po = polib.pofile(text)
        except (OSError, ValueError) as error:
            raise POError(f"{name}: not a valid PO file ({error}).") from error
        translation_id = po.metadata.get("X-WagtailLocalize-TranslationID", "")
        translation = (
            Translation.objects.select_related("source", "target_locale")
            .filter(uuid=translation_id)
            .first()
            if translation_id
            else None
        )
        if translation is None:
            raise POError(f"{name}: no translation with the id in its header.")
        page = translation.source.get_source_instance()
        if not isinstance(page, Page):
            raise POError(f"{name}: not the translation of a page.")
        if (
            not locales_user_may_translate_into(user, page)
            .filter(pk=translation.target_locale_id)
            .exists()
        ):
            raise POError(f"{name}: you may not change pages in {translation.target_locale}.")
        parsed.append((page.path, name, po, translation, page))
    result = ImportResult()
    with transaction.atomic():
        for _path, name, po, translation, page in sorted(parsed, key=lambda item: item[0]):
            warnings = translation.import_po(po, user=user, tool_name="PO")
            result.warnings.extend(f"{name}: {warning}" for warning in warnings)
            try:
                translation.save_target(user=user, publish=False)
            except ParentNotTranslatedError as error:
                raise POError(
                    f"{name}: the parent page has no translation in "
                    f"{translation.target_locale} yet; include it in the upload."
                ) from error
            result.pages.append((page, page.get_translation(translation.target_locale)))
    return result
