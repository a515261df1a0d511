"""Index updates run as background tasks: publishing queues the update, the worker applies it."""

import pytest
from django.test import override_settings
from django_tasks import default_task_backend

from tests.factories import OrganisationPageFactory

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def found(api, q, locale="de"):
    status, body = api.get("search", q=q, locale=locale)
    assert status == 200
    return [item["title"] for item in body["items"]]


def test_publishing_queues_the_index_update(api, search_content, home_tree):
    with override_settings(TASKS=QUEUED):
        backend = default_task_backend
        page = OrganisationPageFactory(
            parent=home_tree.organisations,
            title="Westpfalz Sondermaschinen",
            summary="Sondermaschinenbau für die Automobilindustrie.",
        )
        queued = [
            result
            for result in backend.results
            if result.task.name == "insert_or_update_object_task" and result.args[2] == str(page.pk)
        ]
        assert queued, "publishing a page must queue its index update"
        # Not in the index until the worker runs the task.
        assert found(api, "Sondermaschine") == []
    # The worker runs them (the immediate backend executes at enqueue, as a worker would, with
    # the same task signals): the page is found, and the cached empty answer is not served.
    for result in queued:
        result.task.enqueue(*result.args, **result.kwargs)
    assert found(api, "Sondermaschine") == ["Westpfalz Sondermaschinen"]
