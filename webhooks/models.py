"""Webhook subscriptions, the outbox of deliveries, and every attempt to send one."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from base.fields import MultipleChoiceField

EVENT_CHOICES = [
    ("published", _("Veröffentlicht")),
    ("unpublished", _("Veröffentlichung zurückgezogen")),
    ("deleted", _("Gelöscht")),
]

PAGE_TYPE_CHOICES = [
    ("news.NewsPage", pgettext_lazy("page type", "Nachricht")),
    ("news.EventPage", _("Veranstaltung")),
    ("companies.OrganisationPage", _("Organisationsprofil")),
    ("regions.RegionPage", _("Region")),
    ("regions.OfficePage", _("Repräsentanz")),
    ("home.HomePage", _("Startseite")),
    ("regions.RegionIndexPage", _("Regionenübersicht")),
    ("companies.OrganisationIndexPage", _("Organisationsverzeichnis")),
    ("news.NewsIndexPage", _("Nachrichtenübersicht")),
    ("news.EventIndexPage", _("Veranstaltungsübersicht")),
]


def locale_choices():
    return [(code.lower(), name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES]


def new_secret():
    return secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """A receiver that is told when pages are published, unpublished or deleted."""

    name = models.CharField(max_length=120, verbose_name=_("Name"))
    url = models.URLField(
        max_length=500,
        verbose_name=_("Ziel-URL"),
        help_text=_("Empfängt einen POST mit JSON, signiert mit dem Geheimnis (HMAC-SHA256)."),
    )
    secret = models.CharField(
        max_length=128,
        default=new_secret,
        verbose_name=_("Geheimnis"),
        help_text=_("Schlüssel der Signatur; der Empfänger prüft damit jede Zustellung."),
    )
    events = MultipleChoiceField(
        choices_list=EVENT_CHOICES,
        blank=False,
        verbose_name=_("Ereignisse"),
    )
    page_types = MultipleChoiceField(
        choices_list=PAGE_TYPE_CHOICES,
        verbose_name=_("Seitentypen"),
        help_text=_("Keine Auswahl: alle Seitentypen."),
    )
    locales = MultipleChoiceField(
        choices_list=locale_choices(),
        verbose_name=_("Sprachen"),
        help_text=_("Keine Auswahl: alle Sprachen."),
    )
    active = models.BooleanField(default=True, verbose_name=_("Aktiv"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Angelegt"))

    class Meta:
        verbose_name = _("Webhook")
        verbose_name_plural = _("Webhooks")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        """Refuse targets on the platform's own network (``webhooks.targets``)."""
        from webhooks.targets import UnsafeTarget, check_target

        super().clean()
        if self.url:
            try:
                check_target(self.url)
            except UnsafeTarget as exc:
                raise ValidationError(
                    {
                        "url": _(
                            "Dieses Ziel ist nicht erlaubt: Webhooks gehen nur an öffentliche "
                            "Adressen (%(reason)s)."
                        )
                        % {"reason": exc}
                    }
                ) from exc

    def wants(self, event, page_type, language_code):
        return (
            self.active
            and event in self.events
            and (not self.page_types or page_type in self.page_types)
            and (not self.locales or language_code in self.locales)
        )


class WebhookDelivery(models.Model):
    """One event for one subscription: written in the transaction of the change (the outbox),
    sent by a background task until it succeeds or the attempts run out."""

    class Status(models.TextChoices):
        PENDING = "pending", _("ausstehend")
        DELIVERED = "delivered", _("zugestellt")
        FAILED = "failed", _("fehlgeschlagen")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("Webhook"),
    )
    event = models.CharField(max_length=20, choices=EVENT_CHOICES, verbose_name=_("Ereignis"))
    payload = models.JSONField(verbose_name=_("Nutzlast"))
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        verbose_name=_("Status"),
    )
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("Versuche"))
    next_attempt_at = models.DateTimeField(default=timezone.now, verbose_name=_("Nächster Versuch"))
    # Set while a worker sends it: another worker leaves it alone until then; a worker that
    # died mid-send leaves a lease that runs out, and the sweep sends the delivery again.
    lease_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Angelegt"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Zugestellt am"))
    last_error = models.TextField(blank=True, verbose_name=_("Letzter Fehler"))

    class Meta:
        verbose_name = _("Webhook-Zustellung")
        verbose_name_plural = _("Webhook-Zustellungen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self):
        return f"{self.event} → {self.subscription} ({self.get_status_display()})"


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery, with its outcome."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveIntegerField(verbose_name=_("Versuch"))
    started_at = models.DateTimeField(verbose_name=_("Beginn"))
    duration_ms = models.PositiveIntegerField(verbose_name=_("Dauer (ms)"))
    status_code = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("HTTP-Status"))
    error = models.TextField(blank=True, verbose_name=_("Fehler"))
    response_excerpt = models.TextField(blank=True, verbose_name=_("Antwort (Auszug)"))

    class Meta:
        verbose_name = _("Zustellversuch")
        verbose_name_plural = _("Zustellversuche")
        ordering = ["delivery", "number"]

    def __str__(self):
        return f"{self.delivery_id} #{self.number}: {self.status_code or self.error}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
