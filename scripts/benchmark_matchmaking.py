#!/usr/bin/env python
"""Time ``/api/v1/organisations/{id}/matches`` uncached on the configured database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms_i13 \\
        .venv/bin/python manage.py generate_scale_data --organisations 10000 --news 0 --no-index
    DATABASE_URL=... .venv/bin/python manage.py rebuild_matchmaking
    DATABASE_URL=... .venv/bin/python scripts/benchmark_matchmaking.py [--requests 200]

Requests go through the whole Django stack in-process (test client, API cache off), for
organisations picked at random (fixed seed) in both locales; prints p50/p95/max in ms and the
number of queries per request.
"""

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
# Production-like (DEBUG off: no query log), like the other benchmarks.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.benchmark")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from companies.models import OrganisationPage
    from matchmaking.models import MatchProfile, OpportunityPage

    settings.API_CACHE_ENABLED = False
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    ids = list(
        OrganisationPage.objects.filter(live=True)
        .order_by("pk")
        .values_list("pk", "locale__language_code")
    )
    rng = random.Random(13)  # noqa: S311 - a reproducible sample
    sample = [rng.choice(ids) for _ in range(args.requests)]
    organisations = OrganisationPage.objects.filter(live=True).count()
    opportunities = OpportunityPage.objects.filter(live=True).count()
    print(
        f"{connection.vendor}: {organisations} organisation pages, {opportunities} opportunity "
        f"pages, {MatchProfile.objects.count()} match profiles"
    )
    for page_id, locale in sample[:5]:  # warm-up: connections, caches of the process
        client.get(f"/api/v1/organisations/{page_id}/matches", {"locale": locale})
    gc.collect()
    gc.freeze()  # as gunicorn.conf.py does in each worker once the application is loaded
    queries = []
    for page_id, locale in sample[:50]:  # query counts, in a pass of their own (not timed)
        with CaptureQueriesContext(connection) as captured:
            client.get(
                f"/api/v1/organisations/{page_id}/matches", {"locale": locale, "limit": args.limit}
            )
        queries.append(len(captured))
    timings, items = [], []
    for page_id, locale in sample:
        started = time.perf_counter()
        response = client.get(
            f"/api/v1/organisations/{page_id}/matches", {"locale": locale, "limit": args.limit}
        )
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            print(f"{page_id}: {response.status_code} {response.content[:300]!r}")
            return 1
        items.append(response.json()["count"])
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"matches (limit {args.limit}), {len(timings)} requests: p50 "
        f"{statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms; "
        f"queries {min(queries)}–{max(queries)}; items per response {statistics.mean(items):.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
