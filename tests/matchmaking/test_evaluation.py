"""The evaluation set (``tests/matchmaking/evaluation.py``) over the demo content:
precision@5 ≥ 0.8. ``load_demo`` commits, so this test runs with real transactions and
restores the migrated data afterwards, like ``tests/search/test_evaluation.py``."""

import io

import pytest
from django.core.management import call_command

from tests.matchmaking.evaluation import (
    create_evaluation_profiles,
    evaluate,
    pair_count,
    pairs_by_language,
    summary,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_precision_at_5_is_at_least_0_8(client):
    assert pair_count() >= 40
    assert {"German", "Chinese", "mixed"} <= set(pairs_by_language())
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    create_evaluation_profiles()
    outcomes = evaluate(client)
    sources, precision, recall = summary(outcomes)
    print(f"{sources} sources, precision@5 {precision:.3f}, recall@10 {recall:.3f}")
    assert precision >= 0.8
    assert recall >= 0.8
