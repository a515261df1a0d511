"""``manage.py load_demo``: the demo content from the delegation report, German and Chinese."""

import logging
import os
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from companies.review import setup_profile_review
from demo.loader import DemoContentError, DemoLoader
from translations import counterparts
from translations.groups import setup_editor_groups

DEMO_ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Load the demo content (regions, offices, organisations, news, events, taxonomies) in "
        "German with Chinese translations made through wagtail-localize, all published. "
        "Idempotent: only what is missing is created. With DEBUG on, also creates a demo admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Create the demo admin even when DEBUG is off.",
        )
        parser.add_argument("--no-admin", action="store_true", help="Never create the demo admin.")

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            # The loader translates every page itself: no machine drafts in between.
            with quiet(options["verbosity"] < 2), counterparts.paused():
                report = DemoLoader(log=self.stdout.write).load()
        except DemoContentError as error:
            raise CommandError(str(error)) from error
        seconds = time.monotonic() - started
        if report.changed:
            created = ", ".join(f"{count} {label}" for label, count in report.created.items())
            translated = ", ".join(f"{count} {label}" for label, count in report.translated.items())
            self.stdout.write(f"Created: {created or 'nothing'}.")
            self.stdout.write(f"Translated into Chinese: {translated or 'nothing'}.")
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded in {seconds:.1f} s."))
        else:
            self.stdout.write(f"Demo content is complete; nothing changed ({seconds:.1f} s).")
        # The editor groups of each locale (translations/permissions.py); idempotent.
        setup_editor_groups()
        setup_profile_review()
        if (settings.DEBUG or options["admin"]) and not options["no_admin"]:
            self.demo_admin()

    def demo_admin(self):
        """A superuser for trying the admin; its password is only set when it is created."""
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "admin")
        user_model = get_user_model()
        user = user_model.objects.filter(username=DEMO_ADMIN_USERNAME).first()
        if user is None:
            user = user_model.objects.create_superuser(
                DEMO_ADMIN_USERNAME, "admin@example.org", password
            )
            login = f"{DEMO_ADMIN_USERNAME} / {password}"
        else:
            login = f"{DEMO_ADMIN_USERNAME} (password unchanged)"
        # Wagtail's profile form requires first and last name: without them the demo admin
        # could not save its profile (e.g. to switch the admin language).
        if not (user.first_name and user.last_name):
            user.first_name, user.last_name = user.first_name or "Demo", user.last_name or "Admin"
            user.save(update_fields=["first_name", "last_name"])
        self.stdout.write(
            self.style.WARNING(f"Demo admin: {login} at {settings.WAGTAILADMIN_BASE_URL}/admin/")
        )


@contextmanager
def quiet(enabled):
    """Silence the per-page INFO logs of Wagtail, wagtail-localize and the task runner."""
    loggers = [logging.getLogger(name) for name in ("wagtail", "wagtail_localize", "django_tasks")]
    levels = [logger.level for logger in loggers]
    if enabled:
        for logger in loggers:
            logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
