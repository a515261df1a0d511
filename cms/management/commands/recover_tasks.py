"""``manage.py recover_tasks``: mark task rows stranded in RUNNING as failed (``cms/worker.py``);
safe to run periodically (cron) next to ``run_worker``, which also does it at start."""

from django.core.management.base import BaseCommand

from cms.worker import recover_stranded_tasks


class Command(BaseCommand):
    help = "Mark background task rows that stay RUNNING after their worker died as failed."

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", help="Also every RUNNING row of this (dead) worker.")

    def handle(self, *args, worker_id=None, **options):
        count = recover_stranded_tasks(worker_id)
        self.stdout.write(f"{count} stranded task(s) marked as failed.")
