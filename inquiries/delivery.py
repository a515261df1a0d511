"""Mailing inquiries: to the recipient's private address, with retries; a confirmation to the
sender in their language.

The first attempt is a background task queued when the inquiry is stored; a failed attempt sets
``next_attempt_at`` (doubling from ``INQUIRY_RETRY_BASE_SECONDS`` up to
``INQUIRY_RETRY_MAX_SECONDS``) and ``manage.py send_inquiries`` (cron, every minute) queues
whatever is due, as ``send_webhooks`` does for webhooks. After ``INQUIRY_MAX_ATTEMPTS`` the
inquiry is marked failed and stays in the admin, with its text, for an editor to forward.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from inquiries.models import Inquiry


def retry_delay(attempts):
    base = settings.INQUIRY_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.INQUIRY_RETRY_MAX_SECONDS)


def recipient_address(inquiry):
    """The private address the inquiry goes to: the organisation's contact email, an office's
    first contact person, else ``INQUIRIES_FALLBACK_EMAIL`` (the agency)."""
    from companies.models import OrganisationPage
    from regions.models import OfficeContact

    page = inquiry.recipient
    address = ""
    if page is not None and inquiry.recipient_kind == "organisation":
        address = (
            OrganisationPage.objects.filter(translation_key=page.translation_key)
            .exclude(contact_email="")
            .values_list("contact_email", flat=True)
            .first()
            or ""
        )
    elif page is not None and inquiry.recipient_kind == "office":
        address = (
            OfficeContact.objects.filter(office__translation_key=page.translation_key)
            .exclude(person__email="")
            .order_by("sort_order")
            .values_list("person__email", flat=True)
            .first()
            or ""
        )
    return address or settings.INQUIRIES_FALLBACK_EMAIL


def claim(inquiry_id, now):
    lease = now + datetime.timedelta(seconds=settings.INQUIRY_LEASE_SECONDS)
    return bool(
        Inquiry.objects.filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now),
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            pk=inquiry_id,
            status=Inquiry.Status.PENDING,
        ).update(lease_until=lease)
    )


def inquiry_mail(inquiry, address):
    with translation.override("de"):
        subject = _("Anfrage über die Kaiserslautern–China-Plattform: %(name)s") % {
            "name": inquiry.name
        }
        lines = [
            _("An: %(recipient)s") % {"recipient": inquiry.recipient_title},
            _("Von: %(name)s") % {"name": inquiry.name},
            _("Organisation: %(organisation)s") % {"organisation": inquiry.organisation or "–"},
            _("E-Mail: %(email)s") % {"email": inquiry.email},
            _("Land: %(country)s") % {"country": inquiry.get_country_display()},
            _("Sprache: %(language)s") % {"language": inquiry.get_language_display()},
            "",
            inquiry.message,
            "",
            _("Antworten Sie direkt auf diese E-Mail, um dem Absender zu antworten."),
        ]
    return EmailMessage(
        subject=subject,
        body="\n".join(lines),
        to=[address],
        reply_to=[inquiry.email],
        headers={"X-Inquiry-Id": str(inquiry.uuid)},
    )


def confirmation_mail(inquiry):
    """Receipt to the sender: names the recipient (the platform's own page title) and the
    inquiry's reference, and quotes nothing the sender wrote (no name, no message), so that a
    stranger's address typed into the form gets no text of the stranger's choosing from us."""
    with translation.override(inquiry.language):
        subject = _("Ihre Anfrage an %(recipient)s") % {"recipient": inquiry.recipient_title}
        body = "\n".join(
            [
                _("Guten Tag,"),
                "",
                _(
                    "Ihre Anfrage an %(recipient)s ist eingegangen und wurde weitergeleitet. "
                    "Die Antwort kommt direkt von dort."
                )
                % {"recipient": inquiry.recipient_title},
                "",
                _("Referenz: %(reference)s") % {"reference": inquiry.uuid},
                _(
                    "Falls Sie diese Anfrage nicht gesendet haben, können Sie diese E-Mail "
                    "ignorieren."
                ),
                "",
                _("Wirtschaftsförderung Kaiserslautern – China-Plattform"),
            ]
        )
    return EmailMessage(subject=subject, body=body, to=[inquiry.email])


def deliver(inquiry_id):
    """One delivery attempt; returns the inquiry's status afterwards."""
    now = timezone.now()
    if not claim(inquiry_id, now):
        return None
    inquiry = Inquiry.objects.select_related("recipient").get(pk=inquiry_id)
    try:
        inquiry_mail(inquiry, recipient_address(inquiry)).send()
    except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
        inquiry.attempts += 1
        inquiry.last_error = f"{type(error).__name__}: {error}"[:2000]
        if inquiry.attempts >= settings.INQUIRY_MAX_ATTEMPTS:
            inquiry.status = Inquiry.Status.FAILED
            inquiry.next_attempt_at = None
        else:
            inquiry.next_attempt_at = now + datetime.timedelta(
                seconds=retry_delay(inquiry.attempts)
            )
        inquiry.lease_until = None
        inquiry.save(
            update_fields=["attempts", "last_error", "status", "next_attempt_at", "lease_until"]
        )
        return inquiry.status
    inquiry.attempts += 1
    inquiry.status = Inquiry.Status.DELIVERED
    inquiry.delivered_at = timezone.now()
    inquiry.next_attempt_at = None
    inquiry.lease_until = None
    inquiry.last_error = ""
    try:
        confirmation_mail(inquiry).send()
        inquiry.confirmation_sent_at = timezone.now()
    except Exception as error:  # noqa: BLE001 - the inquiry itself has arrived
        inquiry.last_error = f"confirmation: {type(error).__name__}: {error}"[:2000]
    inquiry.save()
    return inquiry.status


@task()
def deliver_inquiry_task(inquiry_id):
    return deliver(inquiry_id)


def due(now=None):
    now = now or timezone.now()
    return Inquiry.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now),
        status=Inquiry.Status.PENDING,
        next_attempt_at__lte=now,
    )
