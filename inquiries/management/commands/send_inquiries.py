"""``manage.py send_inquiries`` (cron, every minute): queue the inquiries whose next delivery
attempt is due (retries, and inquiries of a worker that died)."""

from django.core.management.base import BaseCommand

from inquiries.delivery import deliver_inquiry_task, due


class Command(BaseCommand):
    help = "Queue the inquiry deliveries that are due."

    def handle(self, *args, **options):
        ids = list(due().values_list("pk", flat=True))
        for inquiry_id in ids:
            deliver_inquiry_task.enqueue(inquiry_id)
        self.stdout.write(f"{len(ids)} inquiries queued.")
