#!/usr/bin/env python
"""Benchmark the delivery API against gunicorn on 127.0.0.1 with scale data in PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms_bench \\
        .venv/bin/python scripts/benchmark_api.py --sizes 100,10000

For each size (number of organisations; news are half as many) it generates the scale data
(``generate_scale_data --replace``), starts gunicorn with ``cms.settings.benchmark`` and
measures, with a bounded number of requests from a thread pool of ``http.client``
connections, requests/s and p50/p95 latency of:

  (a) our organisation list, uncached (``?nocache=1``, honoured by the benchmark settings only)
  (b) the same list, cached
  (c) Wagtail's API v2 pages endpoint with the same fields on the same data
  (d) the floor: a Django view returning pre-rendered bytes of the same size

and prints the ratios against the targets: (b) >= 0.8 x (d) requests/s; (a) >= 5 x (c)
requests/s; p50 of (a) at the largest size <= 1.5 x at the smallest. Every response must be a
200 (the run fails otherwise). Only 127.0.0.1 is ever contacted. docs/performance.md records
the figures.
"""

import argparse
import http.client
import json
import os
import platform
import queue
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
V2_FIELDS = (
    "legal_name,organisation_type,size_band,summary,city,country,region,website,"
    "founding_year,logo,logo_thumbnail,logo_medium,logo_large,sectors,offers,seeks"
)
LIST_PAGES = 5  # offsets 0, 20, ... per locale: 10 URLs per scenario
LOCALES = ("de", "zh-hans")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,10000", help="Organisation counts, e.g. 100,10000")
    parser.add_argument("--requests", type=int, default=1000, help="Measured requests/scenario")
    parser.add_argument("--warmup", type=int, default=100, help="Unmeasured requests/scenario")
    parser.add_argument(
        "--max-seconds", type=float, default=30, help="Time limit of each measurement"
    )
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--cache",
        choices=["locmem", "redis"],
        default="locmem",
        help="Cache of the server: each worker's memory, or Redis at REDIS_URL",
    )
    parser.add_argument("--skip-generate", action="store_true", help="Use the data as it is")
    parser.add_argument("--json", type=Path, help="Also write the results here")
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    return args


def request_paths(scenario, body_size=None):
    """The URLs of a scenario: both locales, the first LIST_PAGES pages of 20 items."""
    if scenario == "floor":
        return [f"/benchmark/floor?size={body_size}"]
    paths = []
    for locale in LOCALES:
        for page in range(LIST_PAGES):
            params = {"locale": locale, "limit": 20, "offset": page * 20}
            if scenario == "uncached":
                paths.append(f"/api/v1/organisations?{urlencode({**params, 'nocache': 1})}")
            elif scenario == "cached":
                paths.append(f"/api/v1/organisations?{urlencode(params)}")
            else:  # Wagtail API v2, same order (title) and fields
                v2 = {"type": "companies.OrganisationPage", "fields": V2_FIELDS, "order": "title"}
                paths.append(f"/api/v2/pages/?{urlencode({**v2, **params})}")
    return paths


def fetch(connection, path):
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    body = response.read()
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
    return response.status, response.getheader("X-Cache"), body


def load(port, paths, total, concurrency, max_seconds=None):
    """Send ``total`` GETs over ``concurrency`` threads, cycling through ``paths``; stop early
    after ``max_seconds``.

    Returns (wall seconds, latencies in ms, statuses, X-Cache values)."""
    jobs = queue.Queue()
    for number in range(total):
        jobs.put(paths[number % len(paths)])
    latencies, statuses, cache_states = [], [], []
    lock = threading.Lock()

    def worker():
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        mine = []
        while deadline is None or time.perf_counter() < deadline:
            try:
                path = jobs.get_nowait()
            except queue.Empty:
                break
            started = time.perf_counter()
            try:
                status, cache_state, _body = fetch(connection, path)
            except (OSError, http.client.HTTPException):
                connection.close()
                status, cache_state = 0, None
            mine.append(((time.perf_counter() - started) * 1000, status, cache_state))
        connection.close()
        with lock:
            for latency, status, cache_state in mine:
                latencies.append(latency)
                statuses.append(status)
                cache_states.append(cache_state)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    deadline = started + max_seconds if max_seconds else None
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, statuses, cache_states


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def warm_up(args, scenario, paths):
    """Unmeasured requests; for the cached list, until every worker has every URL cached (each
    gunicorn worker has its own memory cache unless --cache redis)."""
    load(args.port, paths, args.warmup, args.concurrency, args.max_seconds)
    if scenario != "cached":
        return
    for _round in range(30):
        _wall, _latencies, _statuses, states = load(
            args.port, paths, len(paths) * args.workers * 3, args.concurrency
        )
        if all(state == "HIT" for state in states):
            return
    raise SystemExit("cached: the cache did not warm up.")


def measure(args, scenario, paths):
    warm_up(args, scenario, paths)
    wall, latencies, statuses, cache_states = load(
        args.port, paths, args.requests, args.concurrency, args.max_seconds
    )
    bad = [status for status in statuses if status != 200]
    if bad:
        raise SystemExit(f"{scenario}: {len(bad)} responses were not 200 (e.g. {bad[0]}).")
    expected = {"uncached": "BYPASS", "cached": "HIT"}.get(scenario)
    if expected:
        hits = sum(state == expected for state in cache_states)
        if hits < 0.95 * len(cache_states):
            raise SystemExit(f"{scenario}: only {hits}/{len(cache_states)} were X-Cache {expected}")
    return {
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 0.95),
    }


def manage(env, *arguments):
    subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=env, check=True
    )


def start_server(args, env, ready_path="/benchmark/floor?size=10"):
    """gunicorn with ``args.workers`` sync workers on ``args.port``, once ``ready_path`` answers."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(  # noqa: S603 - gunicorn of this virtualenv, fixed arguments
        [
            str(gunicorn),
            "cms.wsgi:application",
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, args.port, timeout=5)
            status, _state, _body = fetch(connection, ready_path)
            connection.close()
            if status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not come up within 60 s.")


def body_size(port, path):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    status, _state, body = fetch(connection, path)
    connection.close()
    if status != 200:
        raise SystemExit(f"{path} answered {status}.")
    return len(body)


def run_size(args, env, size):
    if not args.skip_generate:
        print(f"\n== {size} organisations: generating the data", flush=True)
        manage(env, "migrate", "--verbosity=0")
        manage(env, "load_demo", "--no-admin", "--verbosity=0")  # the base tree; a no-op if there
        manage(
            env,
            "generate_scale_data",
            "--replace",
            f"--organisations={size}",
            f"--news={max(1, size // 2)}",
            "--verbosity=0",
        )
    server = start_server(args, env)
    try:
        size_of_list = body_size(args.port, request_paths("cached")[0])
        results = {}
        for scenario in ("uncached", "cached", "wagtail_v2", "floor"):
            paths = request_paths(scenario, size_of_list)
            results[scenario] = measure(args, scenario, paths)
            row = results[scenario]
            print(
                f"  {scenario:<10} {row['rps']:8.1f} req/s   p50 {row['p50']:7.1f} ms   "
                f"p95 {row['p95']:7.1f} ms",
                flush=True,
            )
        results["list_bytes"] = size_of_list
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    args = parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (its data is replaced).")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.benchmark",
        "PYTHONUNBUFFERED": "1",
    }
    if args.cache == "redis":
        env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
        env["CACHE_KEY_PREFIX"] = f"benchmark-{secrets.token_hex(4)}"
    else:
        env.pop("REDIS_URL", None)

    print(
        f"Machine: {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}; gunicorn {args.workers} sync workers; "
        f"{args.concurrency} client threads; {args.requests} requests per scenario "
        f"(+{args.warmup} warm-up); cache {args.cache}",
        flush=True,
    )
    all_results = {}
    for size in args.sizes:
        all_results[size] = run_size(args, env, size)

    print("\nRatios (requests/s):")
    verdicts = []
    for size, results in all_results.items():
        cached_vs_floor = results["cached"]["rps"] / results["floor"]["rps"]
        uncached_vs_v2 = results["uncached"]["rps"] / results["wagtail_v2"]["rps"]
        verdicts += [cached_vs_floor >= 0.8, uncached_vs_v2 >= 5]
        print(
            f"  {size:>6} organisations: cached/floor {cached_vs_floor:.2f} (target >= 0.8), "
            f"uncached/Wagtail v2 {uncached_vs_v2:.1f} (target >= 5)"
        )
    if len(all_results) > 1:
        smallest, largest = min(all_results), max(all_results)
        growth = all_results[largest]["uncached"]["p50"] / all_results[smallest]["uncached"]["p50"]
        growth_cached = (
            all_results[largest]["cached"]["p50"] / all_results[smallest]["cached"]["p50"]
        )
        verdicts.append(growth <= 1.5)
        print(
            f"  p50 at {largest} / at {smallest} organisations: uncached {growth:.2f}, "
            f"cached {growth_cached:.2f} (target <= 1.5)"
        )
    if args.json:
        args.json.write_text(json.dumps(all_results, indent=2))
    print("\nAll targets met." if all(verdicts) else "\nSome targets were missed.")


if __name__ == "__main__":
    main()
