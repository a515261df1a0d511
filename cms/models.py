"""Bookkeeping of the API response cache (``cms/cache.py``)."""

from django.db import models


class MissedInvalidation(models.Model):
    """A cache invalidation that could not be written because the cache was down; replayed
    (as one invalidation of every entry) once the cache answers again."""

    tags = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.tags} ({self.created_at:%Y-%m-%d %H:%M:%S})"
