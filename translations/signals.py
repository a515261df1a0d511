"""A sync of a translation source changes every translation's status: cached API responses
(which carry ``translation_status``) are invalidated."""

from api.cache import bump_content_generation


def source_synced(sender, instance, **kwargs):
    bump_content_generation()
