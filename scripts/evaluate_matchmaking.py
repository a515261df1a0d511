#!/usr/bin/env python
"""Print precision@5 and recall@10 of the matchmaking evaluation set, per source.

    .venv/bin/python scripts/evaluate_matchmaking.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms \
        .venv/bin/python scripts/evaluate_matchmaking.py

Like the tests, it works in a throw-away test database: migrate, ``load_demo``, the profiles
of ``tests/matchmaking/evaluation.py``, then every source through
``/api/v1/organisations/{id}/matches``. The test requires precision@5 ≥ 0.8.
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
    from django.db import connection
    from django.test import Client
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment, teardown_test_environment

    from tests.matchmaking.evaluation import (
        create_evaluation_profiles,
        evaluate,
        pair_count,
        pairs_by_language,
        summary,
    )

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    databases = runner.setup_databases()
    try:
        call_command("load_demo", "--no-admin", stdout=io.StringIO())
        create_evaluation_profiles()
        results = {locale: evaluate(Client(), locale) for locale in ("de", "zh-hans")}
        vendor = connection.vendor
    finally:
        runner.teardown_databases(databases)
        teardown_test_environment()

    languages = ", ".join(f"{n} {k}" for k, n in sorted(pairs_by_language().items()))
    print(f"Matchmaking evaluation on {vendor}: {pair_count()} labelled pairs ({languages})\n")
    for locale, outcomes in results.items():
        print(f"locale {locale}")
        print(f"  {'source':<44} {'P@5':>5} {'R@10':>5}  misses")
        for o in outcomes:
            precision = "-" if o.precision_at_5 is None else f"{o.precision_at_5:.2f}"
            print(f"  {o.source:<44} {precision:>5} {o.recall_at_10:>5.2f}  {', '.join(o.misses)}")
        sources, precision, recall = summary(outcomes)
        print(f"  {sources} sources: precision@5 {precision:.3f}, recall@10 {recall:.3f}\n")
    _sources, precision, _recall = summary(results["de"])
    return 0 if precision >= 0.8 else 1


if __name__ == "__main__":
    sys.exit(main())
