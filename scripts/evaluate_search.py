#!/usr/bin/env python
"""Print recall@10 and MRR of the search evaluation set, per language and per query.

    .venv/bin/python scripts/evaluate_search.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms .venv/bin/python scripts/evaluate_search.py

Like the tests, it works in a throw-away test database: migrate, ``load_demo``, the pages of
``tests/search/evaluation.py``, then every query through ``/api/v1/search``. The tests require
recall@10 = 1.0 (``tests/search/test_evaluation.py``); this script shows the ranks as well.
"""

import io
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment, teardown_test_environment

    from tests.search.evaluation import (
        CASES,
        api_search,
        create_evaluation_content,
        evaluate,
        summary,
    )

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    databases = runner.setup_databases()
    try:
        call_command("load_demo", "--no-admin", stdout=io.StringIO())
        create_evaluation_content()
        with override_settings(SEARCH_RATE_LIMIT_PER_MINUTE=0):
            outcomes = evaluate(api_search(Client()))
    finally:
        runner.teardown_databases(databases)
        teardown_test_environment()

    from django.db import connection

    print(f"Search evaluation on {connection.vendor}: {len(CASES)} queries, k = 10\n")
    print(f"{'query':<32} {'locale':<8} {'language':<8} {'recall':>6} {'RR':>6}  missing")
    for outcome in outcomes:
        print(
            f"{outcome.query:<32} {outcome.locale:<8} {outcome.language:<8} "
            f"{outcome.recall:>6.2f} {outcome.reciprocal_rank:>6.2f}  {', '.join(outcome.missing)}"
        )
    print(f"\n{'language':<10} {'queries':>7} {'recall@10':>10} {'MRR':>7}")
    for language, (count, recall, mrr) in sorted(summary(outcomes).items()):
        print(f"{language:<10} {count:>7} {recall:>10.3f} {mrr:>7.3f}")
    return 0 if all(outcome.recall == 1 for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
