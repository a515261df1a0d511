"""Cached API responses follow the search index.

Wagtail updates the index of a saved page in a background task (``modelsearch.tasks.
insert_or_update_object_task``), which may run after the publish that already bumped the API's
content generation; a search answered in between would stay cached without the page. So a
finished index update bumps the search generation, which only the search endpoints' cache
entries are keyed by (a draft save re-indexes the page too, and must not empty the whole API
cache).
"""

from api.cache import bump_search_generation
from search.index import MEMO_ATTRIBUTE

INDEX_TASK = "insert_or_update_object_task"


def index_updated(sender, task_result, **kwargs):
    if task_result.task.name == INDEX_TASK:
        bump_search_generation()


def forget_analysed_values(sender, instance, **kwargs):
    """An object about to be saved may have changed: drop the analysed values that
    ``search.index`` memoised on it while indexing."""
    instance.__dict__.pop(MEMO_ATTRIBUTE, None)
