"""``manage.py send_interest_mails`` (cron, every minute): queue the mails of expressions of
interest whose next attempt is due (retries, and mails of a worker that died)."""

from django.core.management.base import BaseCommand

from matchmaking.interests import due, send_interest_mail_task


class Command(BaseCommand):
    help = "Queue the mails of expressions of interest that are due."

    def handle(self, *args, **options):
        ids = list(due().values_list("pk", flat=True))
        for mail_id in ids:
            send_interest_mail_task.enqueue(mail_id)
        self.stdout.write(f"{len(ids)} interest mails queued.")
