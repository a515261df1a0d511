"""Health endpoints for load balancers and orchestrators (README, Operations).

- ``/healthz``: the process answers (liveness); touches nothing else.
- ``/readyz``: can this process serve? JSON with one entry per check: ``database`` (a query),
  ``cache`` (a write and a read), ``queue`` (age of the oldest task due and not started, with
  the database task backend). 503 when the database fails (nothing uncached can be served);
  a failing cache or a lagging queue make it ``degraded`` but still 200 (the API answers from
  the database, tasks wait).
"""

import contextlib
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from api.cache import replay_missed_invalidations


def _timed(check):
    started = time.monotonic()
    try:
        result = check()
    except Exception as error:  # noqa: BLE001 (a failed check is a result, not an error)
        result = {"status": "fail", "error": f"{type(error).__name__}: {error}"[:300]}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok"}


def check_cache():
    cache = caches[getattr(settings, "API_CACHE_ALIAS", "default")]
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, 1, 10)
    ok = cache.get(key) == 1
    cache.delete(key)
    return {"status": "ok" if ok else "fail"}


def check_queue():
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db."):
        return {"status": "ok", "backend": backend.rsplit(".", 1)[-1]}
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    oldest = (
        DBTaskResult.objects.ready()
        .filter(run_after__lte=now)
        .order_by("run_after")
        .values_list("run_after", flat=True)
        .first()
    )
    lag = (now - oldest).total_seconds() if oldest else 0.0
    limit = getattr(settings, "READY_QUEUE_LAG_SECONDS", 300)
    return {"status": "ok" if lag <= limit else "lagging", "lag_seconds": round(lag, 1)}


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    # Polled by the load balancer: also the regular look for invalidations missed while the
    # cache was down (api/cache.py), in processes that did not see the outage themselves.
    replay_missed_invalidations(force=True)
    checks = {"database": _timed(check_database), "cache": _timed(check_cache)}
    if checks["database"]["status"] == "ok":
        checks["queue"] = _timed(check_queue)
    else:
        checks["queue"] = {"status": "unknown"}
    if checks["database"]["status"] != "ok":
        status, code = "unavailable", 503
    elif any(check["status"] != "ok" for check in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    with contextlib.suppress(DatabaseError):
        connection.close_if_unusable_or_obsolete()
    return JsonResponse({"status": status, "checks": checks}, status=code)
