#!/usr/bin/env python
"""Benchmark the API through a publishing storm: gunicorn on PostgreSQL and Redis, concurrent
clients, first a quiet phase, then the same load with a news page published every second.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms_i14 \\
        .venv/bin/python scripts/benchmark_publish_storm.py --organisations 2000

It migrates, loads the demo content and ``generate_scale_data`` (unless ``--skip-generate``),
starts gunicorn (``cms.settings.benchmark``, 3 sync workers) with Redis at ``REDIS_URL``
(default the local one) under a key prefix of its own, and has ``--concurrency`` client threads
request a mix of the organisation directory, the news list, news and organisation details and
the regions in both languages. Phase 1 (quiet) and phase 2 (a separate process publishes an
existing news page every second: a new title, ``save_revision().publish()``) last
``--seconds`` each. It prints throughput and p50/p95/p99 of both phases, the share of
responses per ``X-Cache`` value, their ratios and the targets: storm throughput at least 50 % of
quiet, storm p95 at most 3 x quiet. Every response must be a 200. Only 127.0.0.1 is contacted;
the Redis keys of the run are deleted at the end. docs/performance.md records the figures.
"""

import argparse
import collections
import http.client
import os
import platform
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark_api import (  # noqa: E402
    BASE_DIR,
    HOST,
    fetch,
    manage,
    percentile,
    start_server,
)

PUBLISHER = """
import sys, time
import django
django.setup()
from news.models import NewsPage
seconds, interval = float(sys.argv[1]), float(sys.argv[2])
pages = list(NewsPage.objects.live().order_by("-date")[:20])
def publish(number):
    page = NewsPage.objects.get(pk=pages[number % len(pages)].pk)
    page.title = page.title.split(" #")[0] + f" #{number}"
    page.save_revision().publish()
publish(0)  # warm-up: imports, the search analysis's dictionaries
print("ready", flush=True)
sys.stdin.readline()
started, published, cpu = time.monotonic(), 0, time.process_time()
while time.monotonic() - started < seconds:
    publish(published + 1)
    published += 1
    time.sleep(max(0.0, started + published * interval - time.monotonic()))
print(published, round(time.process_time() - cpu, 1), flush=True)
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=30, help="Length of each phase")
    parser.add_argument("--interval", type=float, default=1.0, help="Seconds between publishes")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=14010)
    parser.add_argument("--skip-generate", action="store_true", help="Use the data as it is")
    return parser.parse_args()


def paths(env):
    """The request mix: lists (first pages, both locales), details, regions."""
    result = []
    for locale in ("de", "zh-hans"):
        for offset in (0, 20, 40):
            result.append(f"/api/v1/organisations?locale={locale}&limit=20&offset={offset}")
            result.append(f"/api/v1/news?locale={locale}&limit=20&offset={offset}")
        result.append(f"/api/v1/regions?locale={locale}")
    ids = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from companies.models import OrganisationPage as O; from news.models import "
            "NewsPage as N; print(*O.objects.live().values_list('pk', flat=True)[:15]); "
            "print(*N.objects.live().values_list('pk', flat=True)[:15])",
        ],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    result += [f"/api/v1/organisations/{pk}" for pk in ids[0].split()]
    result += [f"/api/v1/news/{pk}" for pk in ids[1].split()]
    return result


def run_load(port, urls, seconds, concurrency):
    """Clients request ``urls`` round robin for ``seconds``; (wall, latencies, statuses, states)."""
    latencies, statuses, states = [], [], []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(offset):
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        number, mine = offset, []
        while time.perf_counter() < deadline:
            path = urls[number % len(urls)]
            number += 1
            started = time.perf_counter()
            try:
                status, state, _body = fetch(connection, path)
            except (OSError, http.client.HTTPException):
                connection.close()
                status, state = 0, None
            mine.append(((time.perf_counter() - started) * 1000, status, state))
        connection.close()
        with lock:
            for latency, status, state in mine:
                latencies.append(latency)
                statuses.append(status)
                states.append(state)

    threads = [threading.Thread(target=client, args=(i * 7,)) for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, statuses, states


def summary(name, wall, latencies, statuses, states):
    bad = [status for status in statuses if status != 200]
    counts = collections.Counter(states)
    row = {
        "rps": len(latencies) / wall,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "requests": len(latencies),
        "errors": len(bad),
    }
    shares = ", ".join(
        f"{state} {count / len(states):.0%}" for state, count in counts.most_common()
    )
    print(
        f"  {name:<6} {row['rps']:8.1f} req/s  p50 {row['p50']:7.1f} ms  p95 {row['p95']:7.1f} ms"
        f"  p99 {row['p99']:7.1f} ms  ({row['requests']} requests, {row['errors']} not 200;"
        f" {shares})",
        flush=True,
    )
    return row


def delete_keys(env):
    import redis

    connection = redis.Redis.from_url(env["REDIS_URL"])
    keys = list(connection.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*", count=1000))
    for start in range(0, len(keys), 1000):
        connection.delete(*keys[start : start + 1000])


def main():
    args = parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (its data is replaced).")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.benchmark",
        "PYTHONUNBUFFERED": "1",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CACHE_KEY_PREFIX": f"storm-{secrets.token_hex(4)}",
        # The clients time every request; gunicorn's access log would only flood the output.
        "GUNICORN_ACCESS_LOG": "",
    }
    print(
        f"Machine: {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}; gunicorn {args.workers} sync workers; "
        f"{args.concurrency} clients; phases of {args.seconds:.0f} s; Redis prefix "
        f"{env['CACHE_KEY_PREFIX']}",
        flush=True,
    )
    if not args.skip_generate:
        manage(env, "migrate", "--verbosity=0")
        manage(env, "load_demo", "--no-admin", "--verbosity=0")
        manage(
            env,
            "generate_scale_data",
            "--replace",
            f"--organisations={args.organisations}",
            f"--news={max(1, args.organisations // 2)}",
            "--verbosity=0",
        )
    urls = paths(env)
    server = start_server(args, env, ready_path="/api/v1/regions")
    publisher = subprocess.Popen(  # noqa: S603 - this interpreter, our fixed code
        [sys.executable, "-c", PUBLISHER, str(args.seconds), str(args.interval)],
        cwd=BASE_DIR,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if publisher.stdout.readline().strip() != "ready":
            raise SystemExit("The publisher did not start.")
        run_load(args.port, urls, min(10.0, args.seconds), args.concurrency)  # warm-up
        quiet = summary("quiet", *run_load(args.port, urls, args.seconds, args.concurrency))
        publisher.stdin.write("go\n")
        publisher.stdin.flush()
        storm = summary("storm", *run_load(args.port, urls, args.seconds, args.concurrency))
        published = publisher.communicate(timeout=120)[0].strip()
    finally:
        if publisher.poll() is None:
            publisher.kill()
        server.terminate()
        server.wait(timeout=30)
        delete_keys(env)
    throughput, p95 = storm["rps"] / quiet["rps"], storm["p95"] / quiet["p95"]
    count, cpu = (published.split() + ["?", "?"])[:2]
    print(
        f"\nPublished during the storm: {count} news pages, taking {cpu} s of CPU in the "
        f"publishing process ({args.seconds:.0f} s x {os.cpu_count()} cores available)."
    )
    print(f"storm/quiet throughput {throughput:.2f} (target >= 0.5)")
    print(f"storm/quiet p95 {p95:.2f} (target <= 3)")
    print(
        f"storm/quiet p50 {storm['p50'] / quiet['p50']:.2f}, p99 {storm['p99'] / quiet['p99']:.2f}"
    )
    ok = throughput >= 0.5 and p95 <= 3 and not quiet["errors"] and not storm["errors"]
    print("All targets met." if ok else "Some targets were missed.")


if __name__ == "__main__":
    main()
