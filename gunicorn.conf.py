"""Gunicorn configuration of an application server (README, "More than one server").

Every value can be set from the environment; run with ``gunicorn cms.wsgi`` from the checkout
(gunicorn reads ./gunicorn.conf.py). Behind a reverse proxy or load balancer on another host,
set FORWARDED_ALLOW_IPS to its address so that gunicorn trusts its X-Forwarded-Proto.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: the API's requests are short; 2 per core plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request that takes longer is killed (the slowest endpoint answers in well under a second;
# uploads of 10 MB over slow links need the rest).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Restart workers now and then (bounded memory growth), not all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Limits on the request line and headers (the defaults, stated).
limit_request_line = 4094
limit_request_fields = 100
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# GUNICORN_ACCESS_LOG="" turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Heartbeat files in memory, not on a possibly slow disk.
if os.path.isdir("/dev/shm"):  # noqa: PTH112, S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108
proc_name = "kl-china-cms"


def post_worker_init(worker):
    """Once the worker has loaded the application, move its objects (Django, Wagtail, the
    models and translations: several hundred thousand) out of the garbage collector's
    generations. A full collection then scans only what requests allocate: the matchmaking
    benchmark's slowest request fell from ~230 ms to ~70 ms (docs/performance.md)."""
    import gc

    gc.collect()
    gc.freeze()
