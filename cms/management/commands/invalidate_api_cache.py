"""``manage.py invalidate_api_cache``: make every cached API response unusable (a hard bump,
not even served stale) and forget recorded missed invalidations. The last step of a restore
(README, Operations), and after any change made behind the signals' back (SQL, a restore of
media). Fails (exit 1) when the cache cannot be reached, so a restore script notices."""

from django.core.management.base import BaseCommand, CommandError

from api.cache import invalidate_everything, reset_circuit
from api.models import MissedInvalidation


class Command(BaseCommand):
    help = "Invalidate every cached API response (after a restore)."

    def handle(self, *args, **options):
        reset_circuit()
        if not invalidate_everything():
            raise CommandError("The cache could not be reached; nothing was invalidated.")
        MissedInvalidation.objects.all().delete()
        self.stdout.write("Every cached API response is invalid now.")
