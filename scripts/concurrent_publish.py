"""Concurrent publishing on a file-based SQLite database: prints how many publishes failed.

    export DATABASE_URL=sqlite:////tmp/cms-concurrency.sqlite3
    .venv/bin/python scripts/concurrent_publish.py
    .venv/bin/python scripts/concurrent_publish.py --plain  # without our SQLite OPTIONS

THREADS threads (default 8) each publish their own news page ROUNDS times (default 4) at once,
through Wagtail's save_revision().publish() with every signal handler of the project (cache
invalidation, webhooks, renditions, counterparts), as editors' autosaves and publishes and the
background tasks do on the embedded default. The database is migrated first if it is empty.
Exit status 1 when any publish failed. ``tests/test_sqlite_concurrency.py`` runs it.
"""

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument(
        "--plain", action="store_true", help="Django's SQLite defaults, without our OPTIONS"
    )
    parser.add_argument(
        "--deferred",
        action="store_true",
        help="our OPTIONS but deferred transactions (WAL and busy timeout only)",
    )
    args = parser.parse_args()

    import django
    from django.conf import settings

    if args.plain:
        settings.DATABASES["default"]["OPTIONS"] = {}
    if args.deferred:
        settings.DATABASES["default"]["OPTIONS"].pop("transaction_mode", None)
    django.setup()

    from django.core.management import call_command
    from django.db import connection, connections

    if connection.vendor != "sqlite" or ":memory:" in str(connection.settings_dict["NAME"]):
        sys.exit("DATABASE_URL must name a file-based SQLite database.")
    if "wagtailcore_page" not in connection.introspection.table_names():
        call_command("migrate", verbosity=0)

    from django.utils import timezone
    from wagtail.models import Locale, Page

    from news.models import NewsPage

    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:  # a flushed database (a copy of the test suite's) has no page tree
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    stamp = timezone.now().strftime("%H%M%S%f")
    pages = [
        root.add_child(
            instance=NewsPage(
                title=f"Nebenläufig {stamp} {n}",
                slug=f"nebenlaeufig-{stamp}-{n}",
                date=timezone.localdate(),
                teaser="Gleichzeitig veröffentlicht.",
                locale=locale,
                live=False,
            )
        )
        for n in range(args.threads)
    ]
    connection.close()

    errors = []
    start = threading.Barrier(args.threads)

    def publish(page_id):
        try:
            start.wait()
            for round_number in range(args.rounds):
                try:
                    page = Page.objects.get(pk=page_id).specific
                    page.title = f"{page.title.split(' #')[0]} #{round_number}"
                    page.save_revision().publish()
                except Exception as exc:  # noqa: BLE001 - counted and printed, that is the point
                    errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    began = time.perf_counter()
    threads = [threading.Thread(target=publish, args=(page.pk,)) for page in pages]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began

    locked = sum("database is locked" in error for error in errors)
    options = settings.DATABASES["default"].get("OPTIONS", {})
    print(f"options: {options or 'none (Django defaults)'}")
    print(
        f"publishes: {args.threads * args.rounds} ({args.threads} threads x {args.rounds}), "
        f"failed: {len(errors)}, 'database is locked': {locked}, seconds: {seconds:.1f}"
    )
    for error in sorted(set(errors)):
        print(f"  {error}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
