"""The change log behind ``/api/v1/sync`` (``api/sync.py``).

One row per change a sync consumer must learn of, written by signal receivers
(``api/signals.py``) in the same transaction as the change, so a committed change always has
its row and a rolled-back one never. The id is monotonic: a sync token is the last id a
consumer has seen.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageChange(models.Model):
    """A page became visible or changed (``published``), was unpublished, deleted, or left the
    public's view (``hidden``: moved under or given a view restriction)."""

    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    DELETED = "deleted"
    HIDDEN = "hidden"
    ACTIONS = [
        (PUBLISHED, _("veröffentlicht oder geändert")),
        (UNPUBLISHED, _("zurückgezogen")),
        (DELETED, _("gelöscht")),
        (HIDDEN, _("nicht mehr öffentlich")),
    ]

    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)
    page_id = models.IntegerField(_("Seite"))  # no foreign key: deleted pages stay logged
    locale_id = models.IntegerField(_("Sprache"))
    page_type = models.CharField(_("Seitentyp"), max_length=100)
    action = models.CharField(_("Änderung"), max_length=20, choices=ACTIONS)

    class Meta:
        verbose_name = _("Seitenänderung")
        verbose_name_plural = _("Seitenänderungen")
        indexes = [models.Index(fields=["locale_id", "id"], name="api_change_locale_id")]

    def __str__(self):
        return f"{self.action} {self.page_type} {self.page_id}"


class MissedInvalidation(models.Model):
    """A cache invalidation that could not be written because the cache was down; replayed
    (as one invalidation of every entry) once the cache answers again."""

    tags = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.tags} ({self.created_at:%Y-%m-%d %H:%M:%S})"
