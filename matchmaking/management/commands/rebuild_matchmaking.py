"""``manage.py rebuild_matchmaking``: recompute every match profile (after a bulk load such as
``generate_scale_data``, or nightly to refresh the term weights)."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from api.cache import bump_content_generation
from matchmaking.matching import rebuild_all
from matchmaking.models import MatchKey, MatchProfile, MatchTerm


def analyse():
    """Fresh statistics and visibility map of the index tables (PostgreSQL): the candidate
    query is then an index-only scan."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in (MatchKey, MatchProfile, MatchTerm):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


class Command(BaseCommand):
    help = "Berechnet alle Matching-Profile neu (nach Massenimporten oder nächtlich)."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = rebuild_all()
        bump_content_generation()
        analyse()
        self.stdout.write(f"Matching profiles: {count} in {time.monotonic() - started:.1f} s.")
