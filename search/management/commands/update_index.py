"""``manage.py update_index``: Wagtail's full index rebuild, then a fresh API cache.

The rebuild analyses every page again with the current user dictionary (names learnt since a page
was indexed become words of it). Cached API responses, search results included, are keyed by the
content generation, which a rebuild bumps so that no result from before it is served again.
"""

from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildCommand,
)

from api.cache import bump_content_generation
from search import dictionary


class Command(RebuildCommand):
    def handle(self, **options):
        dictionary.refresh()
        super().handle(**options)
        bump_content_generation()
