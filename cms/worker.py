"""Keeping the background worker (django-tasks-db's ``db_worker``) alive through outages.

- ``run_worker`` (``cms/management/commands/run_worker.py``) runs the same worker loop, but a
  database error (``OperationalError``/``InterfaceError``: the server stopped, restarted, or the
  connection dropped) no longer ends the process: it logs, closes the connections, waits
  (1 s, doubling up to ``WORKER_RETRY_MAX_SECONDS``) and resumes by itself.
- ``recover_stranded_tasks`` marks task rows that stay RUNNING because their worker died
  (killed, or lost the database while finishing the task): the rows of this worker after an
  outage, and any row RUNNING for longer than ``TASKS_STRANDED_AFTER_SECONDS`` (longer than any
  task may take, since every external call has a timeout). They become FAILED with the class
  ``cms.worker.WorkerLost``, never run twice by this mechanism: inquiries and webhooks are
  retried by their own due sweeps (``send_inquiries``, ``send_webhooks``), index and rendition
  tasks by the next change. ``run_worker`` recovers at start and after every outage; the
  command ``recover_tasks`` does it on demand (e.g. from cron).
"""

import contextlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.utils import timezone

from api.cache import replay_missed_invalidations

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (OperationalError, InterfaceError)
LOST = "cms.worker.WorkerLost"


class WorkerLost(Exception):
    """The worker running this task ended before recording its result."""


def recover_stranded_tasks(worker_id=None, now=None):
    """Mark stranded RUNNING rows FAILED (see the module docstring); returns their number."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    limit = now - timedelta(seconds=getattr(settings, "TASKS_STRANDED_AFTER_SECONDS", 3600))
    running = DBTaskResult.objects.running()
    stranded = [
        row.pk
        for row in running.only("pk", "started_at", "worker_ids")
        if (row.started_at and row.started_at < limit)
        or (worker_id is not None and row.worker_ids and row.worker_ids[-1] == worker_id)
    ]
    if not stranded:
        return 0
    count = running.filter(pk__in=stranded).update(
        status="FAILED",
        finished_at=now,
        exception_class_path=LOST,
        traceback=(
            f"{LOST}: the worker ended before recording this task's result "
            "(killed, or the database was unreachable); marked by recover_stranded_tasks.\n"
        ),
        return_value=None,
    )
    logger.warning("Marked %s stranded task(s) as failed (%s).", count, LOST)
    return count


def close_connections():
    for connection in connections.all():
        with contextlib.suppress(Exception):  # a dead connection may fail to close
            connection.close()


def run_resiliently(worker, sleep=time.sleep, max_outages=None):
    """Run ``worker.run()`` until it returns normally; a database outage pauses and resumes
    it. ``max_outages`` (tests) stops after that many outages."""
    delay, outages = 1.0, 0
    while True:
        try:
            close_old_connections()
            recover_stranded_tasks(worker.worker_id)
            replay_missed_invalidations(force=True)
            worker.run()
            return outages
        except OUTAGE_ERRORS as error:
            outages += 1
            worker.running_task = False
            logger.error(
                "Worker %s: database unavailable (%s); retrying in %.0f s.",
                worker.worker_id,
                error,
                delay,
            )
            close_connections()
            if max_outages is not None and outages >= max_outages:
                return outages
            sleep(delay)
            delay = min(delay * 2, getattr(settings, "WORKER_RETRY_MAX_SECONDS", 30))
