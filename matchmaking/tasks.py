"""Background tasks of the matching: profiles and ranked candidates are recomputed here, never
in a request."""

from django_tasks import task

# Ranked lists recomputed per task: one task takes ~0.4 s at 10,000 organisations (two scopes,
# ~20 ms each), so mails and webhooks queued meanwhile are not held up behind a big refresh.
RANKED_PER_TASK = 10


@task()
def refresh_profiles(translation_keys):
    """Recompute the match profiles of the translation groups ``translation_keys`` (and of
    the opportunities of an organisation among them) with their ranked candidates, and queue
    the ranked lists of their neighbours; returns how many profiles were written."""
    from matchmaking.matching import refresh_group

    written, affected = 0, set()
    for key in dict.fromkeys(translation_keys):
        count, neighbours = refresh_group(key)
        written += count
        affected |= neighbours
    ids = sorted(affected)
    for start in range(0, len(ids), RANKED_PER_TASK):
        refresh_ranked.enqueue(ids[start : start + RANKED_PER_TASK])
    return written


@task()
def refresh_ranked(profile_ids):
    """Recompute the ranked candidates of the profiles ``profile_ids`` (those still there)."""
    from matchmaking.matching import store_ranked
    from matchmaking.models import MatchProfile

    return store_ranked(list(MatchProfile.objects.filter(pk__in=profile_ids)))
