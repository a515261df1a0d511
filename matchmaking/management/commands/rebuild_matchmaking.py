"""``manage.py rebuild_matchmaking``: recompute every match profile and every ranked list (after a
bulk load such as ``generate_scale_data``, or nightly to refresh the term weights and the lists
that publishing left behind)."""

import time

from django.core.management.base import BaseCommand

from api.cache import bump_content_generation
from matchmaking.matching import rebuild_all


class Command(BaseCommand):
    help = "Berechnet alle Matching-Profile neu (nach Massenimporten oder nächtlich)."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = rebuild_all()
        bump_content_generation()
        self.stdout.write(f"Matching profiles: {count} in {time.monotonic() - started:.1f} s.")
