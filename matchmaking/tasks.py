"""Background tasks of the matching: profiles are recomputed here, never in a request."""

from django_tasks import task


@task()
def refresh_profiles(translation_keys):
    """Recompute the match profiles of the translation groups ``translation_keys`` (and of
    the opportunities of an organisation among them); returns how many were written."""
    from matchmaking.matching import refresh_group

    return sum(refresh_group(key) for key in dict.fromkeys(translation_keys))
