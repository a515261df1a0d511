"""``manage.py setup_editor_groups``: one editor group per content locale, scoped to its tree.

"Redaktion Deutsch", "Redaktion 中文" (named by ``EDITOR_GROUP_NAMES``, else "Redaktion
<language>") get: admin access, add/change/publish/lock/unlock on their locale's home page and
everything below it, submitting pages for translation (only into locales they may write in, see
``translations.permissions``), and adding, changing and choosing images and documents. Nothing
on the other locales' trees. Running it again changes nothing; a locale without a home page is
reported and skipped.
"""

from django.core.management.base import BaseCommand

from translations.groups import setup_editor_groups


class Command(BaseCommand):
    help = "Create one editor group per content locale with rights on that locale's tree only."

    def handle(self, *args, **options):
        for name, home in setup_editor_groups().items():
            if home is None:
                self.stdout.write(f"{name}: skipped, the locale has no home page yet.")
            else:
                self.stdout.write(f"{name}: pages under {home.url_path}")
