"""``manage.py send_match_digests`` (cron, daily): the weekly mails of new partner suggestions
to the organisation users who switched them on (``matchmaking.digest``)."""

from django.core.management.base import BaseCommand

from matchmaking.digest import send_due


class Command(BaseCommand):
    help = "Send the weekly mails of new partner suggestions that are due."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_due()} match digests sent.")
