"""The evaluation set (``tests/search/evaluation.py``) over the demo content: recall@10 = 1.0.

``load_demo`` commits (wagtail-localize publishes translations on commit), so this test runs
with real transactions and restores the migrated data afterwards, like ``tests/test_demo.py``.
"""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.search.evaluation import CASES, api_search, create_evaluation_content, evaluate, summary

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_evaluation_set_has_full_recall(client):
    assert len(CASES) >= 40
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    create_evaluation_content()
    with override_settings(SEARCH_RATE_LIMIT_PER_MINUTE=0):
        outcomes = evaluate(api_search(client))
    figures = summary(outcomes)
    print(
        {key: f"{n} queries, recall@10 {r:.3f}, MRR {m:.3f}" for key, (n, r, m) in figures.items()}
    )
    misses = [(o.query, o.locale, o.missing) for o in outcomes if o.recall < 1]
    assert misses == []
    assert {"German", "Chinese", "mixed"} <= set(figures)
