"""``manage.py run_worker``: django-tasks-db's ``db_worker`` (same options) that survives
database outages and recovers stranded task rows (``cms/worker.py``). Use it instead of
``db_worker`` in production."""

from django_tasks_db.management.commands import db_worker

from cms.worker import run_resiliently


class Command(db_worker.Command):
    help = "Run the database background worker; it survives database outages by itself."

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        worker = db_worker.Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        run_resiliently(worker)
