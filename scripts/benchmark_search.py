#!/usr/bin/env python
"""Search latency at scale: p50/p95 of /api/v1/search and /search/suggest, uncached.

    createdb -h 127.0.0.1 -U postgres cms_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms_bench \\
        .venv/bin/python scripts/benchmark_search.py --organisations 10000

With ``--organisations N`` it first prepares the database (migrate, ``load_demo``,
``generate_scale_data --replace --organisations N --news N/2``, which also indexes the pages);
without it, it measures the data that is there. Requests go through Django's test client in this
process with ``cms.settings.benchmark`` (``?nocache=1`` bypasses the API response cache, the rate
limit is off), one after another: the figures are server time without the HTTP hop. Each query
runs ``--rounds`` times after one warm-up; the target is p95 < 100 ms. docs/performance.md
records the figures.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.benchmark")

# (query, locale): generated sector words, names, places, inflections, compounds, both languages.
QUERIES = [
    ("Robotik", "de"),
    ("Software", "de"),
    ("Werkzeugbau", "de"),
    ("Sensorik GmbH", "de"),
    ("Kaiserslautern", "de"),
    ("Werkzeugmaschinen", "de"),
    ("Energietechnik Yangzhou", "de"),
    ("Fahrzeugtechnik", "de"),
    ("机器人", "zh-hans"),
    ("软件", "zh-hans"),
    ("自动化", "zh-hans"),
    ("汽车技术", "zh-hans"),
    ("扬州", "zh-hans"),
    ("博智林", "zh-hans"),
    ("精密机械", "zh-hans"),
    ("传感器 上海", "zh-hans"),
]
SUGGESTIONS = [
    ("Rob", "de"),
    ("Werkz", "de"),
    ("Sof", "de"),
    ("机器", "zh-hans"),
    ("软", "zh-hans"),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(client, path, cases, rounds):
    timings, counts = [], {}
    for q, locale in cases:
        params = {"q": q, "locale": locale, "nocache": "1"}
        response = client.get(path, params)  # warm-up
        if response.status_code != 200:
            raise SystemExit(f"{path} {params}: {response.status_code} {response.content[:200]}")
        counts[(q, locale)] = response.json().get(
            "count", len(response.json().get("suggestions", []))
        )
        for _ in range(rounds):
            started = time.perf_counter()
            response = client.get(path, params)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} {params}: {response.status_code}")
    return timings, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, help="Prepare the database with N first.")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    if connection.vendor != "postgresql":
        print("Set DATABASE_URL to a PostgreSQL database (the target is for production).")
        return 2
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 0
    if args.organisations:
        started = time.monotonic()
        call_command("migrate", verbosity=0)
        call_command("load_demo", "--no-admin", stdout=io.StringIO())
        call_command(
            "generate_scale_data",
            "--replace",
            organisations=args.organisations,
            news=args.organisations // 2,
            verbosity=1,
        )
        print(f"Prepared in {time.monotonic() - started:.0f} s.")

    from companies.models import OrganisationPage

    organisations = OrganisationPage.objects.filter(locale__language_code="de").count()
    client = Client(HTTP_HOST="127.0.0.1")
    print(
        f"PostgreSQL {connection.pg_version // 10000}, {organisations} organisations per locale, "
        f"{args.rounds} rounds per query\n"
    )
    print(f"{'endpoint':<22} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, path, cases in (
        ("search (German)", "/api/v1/search", [c for c in QUERIES if c[1] == "de"]),
        ("search (Chinese)", "/api/v1/search", [c for c in QUERIES if c[1] != "de"]),
        ("search (all)", "/api/v1/search", QUERIES),
        ("suggest", "/api/v1/search/suggest", SUGGESTIONS),
    ):
        timings, counts = measure(client, path, cases, args.rounds)
        print(
            f"{label:<22} {len(timings):>8} {statistics.median(timings):>8.1f} "
            f"{percentile(timings, 0.95):>8.1f} {max(timings):>8.1f}"
        )
        if label == "search (all)":
            matches = ", ".join(f"{q}: {n}" for (q, _l), n in counts.items())
            print(f"{'':<22} matches per query: {matches}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
