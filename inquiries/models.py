"""Inquiries sent through the platform to an organisation or an office.

An inquiry is stored before anything is sent, so nothing a sender wrote is lost when mail
fails; ``inquiries.delivery`` then mails it to the recipient's private address (never shown in
the API) with retries, and confirms receipt to the sender in their language.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from base.fields import COUNTRY_CHOICES


class Inquiry(models.Model):
    """One inquiry and the state of its delivery."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wird zugestellt")
        DELIVERED = "delivered", _("Zugestellt")
        FAILED = "failed", _("Zustellung fehlgeschlagen")
        HANDLED = "handled", _("Erledigt")

    class Language(models.TextChoices):
        GERMAN = "de", _("Deutsch")
        CHINESE = "zh-hans", _("Chinesisch")
        ENGLISH = "en", _("Englisch")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, editable=False, verbose_name=_("Eingegangen am")
    )
    recipient = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Empfänger"),
    )
    recipient_title = models.CharField(max_length=255, verbose_name=_("Empfänger (Name)"))
    recipient_kind = models.CharField(
        max_length=20,
        choices=[("organisation", _("Organisation")), ("office", _("Repräsentanz"))],
        verbose_name=_("Art des Empfängers"),
    )
    name = models.CharField(max_length=200, verbose_name=_("Name"))
    organisation = models.CharField(max_length=200, blank=True, verbose_name=_("Organisation"))
    email = models.EmailField(verbose_name=_("E-Mail"))
    country = models.CharField(max_length=2, choices=COUNTRY_CHOICES, verbose_name=_("Land"))
    message = models.TextField(max_length=5000, verbose_name=_("Nachricht"))
    language = models.CharField(max_length=10, choices=Language.choices, verbose_name=_("Sprache"))
    consent_at = models.DateTimeField(verbose_name=_("Einwilligung erteilt am"))
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        verbose_name=_("Status"),
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("Zustellversuche"))
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, db_index=True, verbose_name=_("Nächster Versuch")
    )
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, verbose_name=_("Letzter Fehler"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Zugestellt am"))
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Bestätigung gesendet am")
    )
    handled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Erledigt am"))
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Erledigt von"),
    )
    note = models.TextField(blank=True, verbose_name=_("Interne Notiz"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Anfrage")
        verbose_name_plural = _("Anfragen")

    def __str__(self):
        return f"{self.name} → {self.recipient_title} ({self.created_at:%Y-%m-%d})"
