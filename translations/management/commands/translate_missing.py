"""``manage.py translate_missing --locale zh-hans [--subtree PAGE]``: machine pre-translation of
every page whose translation into the locale is missing or out of date, as drafts.

PAGE is a page id or a URL path such as ``/de/organisationen/``; without it, every page of the
other locales. ``--dry-run`` lists the pages only.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale, Page

from translations.machine import MachineTranslationError
from translations.pretranslate import machine_translate_page, pages_to_translate, translator


def find_page(value):
    page = Page.objects.filter(pk=int(value)).first() if value.isdigit() else _by_url_path(value)
    if page is None:
        raise CommandError(
            f"No page {value!r} (give a page id or a path like /de/organisationen/)."
        )
    return page


def _by_url_path(path):
    """The page at a public path /<language>/<slugs>/ (the language prefix picks the tree)."""
    parts = [part for part in path.split("/") if part]
    if not parts:
        return None
    locale = Locale.objects.filter(language_code=parts[0]).first()
    if locale is None:
        return None
    page = Page.objects.filter(depth=2, locale=locale).first()
    for slug in parts[1:]:
        if page is None:
            return None
        page = page.get_children().filter(slug=slug).first()
    return page


class Command(BaseCommand):
    help = "Machine pre-translate missing and out-of-date translations into a locale, as drafts."

    def add_arguments(self, parser):
        parser.add_argument("--locale", required=True, help="Target locale, e.g. zh-hans.")
        parser.add_argument("--subtree", help="Page id or path; default: every page.")
        parser.add_argument("--dry-run", action="store_true", help="Only list the pages.")

    def handle(self, *args, **options):
        locale = Locale.objects.filter(language_code=options["locale"]).first()
        if locale is None:
            codes = ", ".join(Locale.objects.values_list("language_code", flat=True))
            raise CommandError(f"Unknown locale {options['locale']!r}. Known: {codes}.")
        roots = (
            [find_page(options["subtree"])]
            if options["subtree"]
            else list(Page.objects.filter(depth=2).exclude(locale=locale))
        )
        machine = translator()
        created = updated = strings = 0
        for root in roots:
            for page in pages_to_translate(root, locale):
                if options["dry_run"]:
                    self.stdout.write(f"would translate: {page.url_path} ({page.pk})")
                    continue
                try:
                    outcome = machine_translate_page(page, locale, machine=machine)
                except MachineTranslationError as error:
                    raise CommandError(f"{page.url_path}: {error}") from error
                created += outcome.created
                updated += not outcome.created
                strings += outcome.strings
                self.stdout.write(f"draft: {outcome.target.url_path} ({outcome.strings} strings)")
        if not options["dry_run"]:
            self.stdout.write(
                f"{created} new and {updated} updated drafts in {locale.language_code}, "
                f"{strings} strings machine-translated with {machine.display_name}. "
                "Review and publish them in the admin."
            )
