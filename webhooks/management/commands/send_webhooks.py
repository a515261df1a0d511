"""``manage.py send_webhooks``: enqueue every due webhook delivery.

Run it every minute (cron or a systemd timer) beside the task worker: it re-sends deliveries
whose retry time has come on backends that cannot defer, and deliveries a killed worker left
behind (their lease runs out). With ``--now`` it sends them in this process instead.
"""

from django.core.management.base import BaseCommand

from webhooks.sending import attempt, deliver_webhook, due_deliveries


class Command(BaseCommand):
    help = "Enqueue (or with --now, send) every webhook delivery that is due."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send in this process.")

    def handle(self, *args, **options):
        ids = [str(pk) for pk in due_deliveries().values_list("pk", flat=True)]
        for delivery_id in ids:
            if options["now"]:
                attempt(delivery_id)
            else:
                deliver_webhook.enqueue(delivery_id)
        self.stdout.write(
            f"{len(ids)} due webhook deliveries {'sent' if options['now'] else 'enqueued'}."
        )
