"""Mediated contact: expressions of interest, answers, and their mails.

An interest is stored with its mails before anything is sent (``InterestMail``), then each
mail goes out in a background task with retries (the inquiries' delays and attempt limits,
``INQUIRY_RETRY_*``, ``INQUIRY_MAX_ATTEMPTS``; ``manage.py send_interest_mails`` in cron queues
what is due), so nothing is lost when mail fails. The recipient is told in its language who is
interested and why, without the sender's contact data; only on acceptance do both sides get
each other's contact person and email.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from base.models import visible_q
from companies.models import OrganisationPage
from inquiries.delivery import retry_delay
from matchmaking.models import Interest, InterestMail


def language_of(organisation):
    """The language an organisation is written to: Chinese for China, else German."""
    return "zh-hans" if organisation.country in ("CN", "HK") else "de"


def contact_of(translation_key):
    """(contact person, private email) of an organisation group, from any of its pages."""
    page = (
        OrganisationPage.objects.filter(translation_key=translation_key)
        .exclude(contact_email="")
        .order_by("locale_id")
        .first()
    )
    if page is None:
        return "", settings.INQUIRIES_FALLBACK_EMAIL
    return page.contact_name, page.contact_email


def visible_organisation(translation_key, language_code=None):
    pages = OrganisationPage.objects.filter(visible_q(), translation_key=translation_key)
    if language_code:
        own = pages.filter(locale__language_code=language_code).first()
        if own is not None:
            return own
    return pages.order_by("locale_id").first()


@transaction.atomic
def express_interest(
    recipient,
    message,
    sender=None,
    opportunity=None,
    visitor=None,
    score=None,
):
    """Store an interest of the organisation ``sender`` (a page) or of a ``visitor`` (dict of
    name, organisation, email, country, language) in ``recipient`` (an organisation page),
    and its notification; the mail is sent after the commit."""
    language = language_of(recipient)
    recipient_page = visible_organisation(recipient.translation_key, language) or recipient
    interest = Interest(
        recipient_key=recipient.translation_key,
        recipient_title=recipient_page.title,
        recipient_language=language,
        opportunity_key=opportunity.translation_key if opportunity else None,
        opportunity_title=opportunity.title if opportunity else "",
        message=message,
        score=score,
    )
    if sender is not None:
        interest.sender_key = sender.translation_key
        interest.sender_title = sender.title
        interest.sender_country = sender.country
        interest.sender_language = language_of(sender)
    else:
        interest.sender_title = visitor.get("organisation") or visitor["name"]
        interest.sender_name = visitor["name"]
        interest.sender_email = visitor["email"]
        interest.sender_country = visitor.get("country", "")
        interest.sender_language = visitor.get("language", "de")
    interest.save()
    queue(interest, [InterestMail.Kind.NOTIFICATION])
    return interest


@transaction.atomic
def answer(interest, accept, user=None):
    """Accept or decline an open interest; on acceptance both sides get the contacts."""
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    if interest.status != Interest.Status.OPEN:
        return interest
    interest.status = Interest.Status.ACCEPTED if accept else Interest.Status.DECLINED
    interest.answered_at = timezone.now()
    interest.answered_by = user
    interest.save(update_fields=["status", "answered_at", "answered_by"])
    if accept:
        queue(
            interest,
            [InterestMail.Kind.CONTACTS_TO_SENDER, InterestMail.Kind.CONTACTS_TO_RECIPIENT],
        )
    else:
        queue(interest, [InterestMail.Kind.DECLINED])
    return interest


def queue(interest, kinds):
    now = timezone.now()
    mails = [
        InterestMail.objects.create(interest=interest, kind=k, next_attempt_at=now) for k in kinds
    ]
    for mail in mails:
        transaction.on_commit(lambda pk=mail.pk: send_interest_mail_task.enqueue(pk))


# --- Mails ---------------------------------------------------------------------------------


def sender_address(interest):
    if interest.sender_key:
        return contact_of(interest.sender_key)
    return interest.sender_name, interest.sender_email


def build_mail(mail):
    """The EmailMessage of an InterestMail, in the language of the one it goes to."""
    interest = mail.interest
    sender_name, sender_email = sender_address(interest)
    recipient_name, recipient_email = contact_of(interest.recipient_key)
    footer = ["", _("Wirtschaftsförderung Kaiserslautern – China-Plattform")]
    if mail.kind == InterestMail.Kind.NOTIFICATION:
        with translation.override(interest.recipient_language):
            subject = _("Interesse an einer Zusammenarbeit: %(sender)s") % {
                "sender": interest.sender_title
            }
            lines = [
                _("%(sender)s interessiert sich für eine Zusammenarbeit mit %(recipient)s.")
                % {"sender": interest.sender_title, "recipient": interest.recipient_title},
            ]
            if interest.opportunity_title:
                lines.append(_("Angebot: %(title)s") % {"title": interest.opportunity_title})
            lines += [
                "",
                interest.message,
                "",
                _(
                    "Nehmen Sie das Interesse im Portal an, um Kontaktdaten auszutauschen, oder "
                    "lehnen Sie ab: %(url)s"
                )
                % {"url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/matchmaking/interests/"},
                *footer,
            ]
        return EmailMessage(subject=subject, body="\n".join(lines), to=[recipient_email])
    if mail.kind == InterestMail.Kind.DECLINED:
        if not sender_email:
            return None
        with translation.override(interest.sender_language):
            subject = _("Antwort von %(recipient)s") % {"recipient": interest.recipient_title}
            body = "\n".join(
                [
                    _("%(recipient)s hat Ihr Interesse leider abgelehnt.")
                    % {"recipient": interest.recipient_title},
                    *footer,
                ]
            )
        return EmailMessage(subject=subject, body=body, to=[sender_email])
    if mail.kind == InterestMail.Kind.CONTACTS_TO_SENDER:
        language, to, other = interest.sender_language, sender_email, interest.recipient_title
        name, email = recipient_name, recipient_email
    else:
        language, to, other = interest.recipient_language, recipient_email, interest.sender_title
        name, email = sender_name, sender_email
    with translation.override(language):
        subject = _("Kontakt zu %(other)s") % {"other": other}
        body = "\n".join(
            [
                _("Das Interesse an einer Zusammenarbeit wurde angenommen.")
                if mail.kind == InterestMail.Kind.CONTACTS_TO_RECIPIENT
                else _("%(other)s hat Ihr Interesse angenommen.") % {"other": other},
                "",
                _("Kontaktperson: %(name)s") % {"name": name or "–"},
                _("E-Mail: %(email)s") % {"email": email},
                *footer,
            ]
        )
    return EmailMessage(subject=subject, body=body, to=[to], reply_to=[email])


def claim(mail_id, now):
    lease = now + datetime.timedelta(seconds=settings.INQUIRY_LEASE_SECONDS)
    return bool(
        InterestMail.objects.filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now),
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            pk=mail_id,
            status=InterestMail.Status.PENDING,
        ).update(lease_until=lease)
    )


def deliver(mail_id):
    """One attempt at one mail; returns its status afterwards (None when not due)."""
    now = timezone.now()
    if not claim(mail_id, now):
        return None
    mail = InterestMail.objects.select_related("interest").get(pk=mail_id)
    mail.attempts += 1
    try:
        message = build_mail(mail)
        if message is not None:
            message.send()
    except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        if mail.attempts >= settings.INQUIRY_MAX_ATTEMPTS:
            mail.status = InterestMail.Status.FAILED
            mail.next_attempt_at = None
        else:
            mail.next_attempt_at = now + datetime.timedelta(seconds=retry_delay(mail.attempts))
    else:
        mail.status = InterestMail.Status.SENT
        mail.sent_at = timezone.now()
        mail.next_attempt_at = None
        mail.last_error = ""
    mail.lease_until = None
    mail.save()
    return mail.status


@task()
def send_interest_mail_task(mail_id):
    return deliver(mail_id)


def due(now=None):
    now = now or timezone.now()
    return InterestMail.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now),
        status=InterestMail.Status.PENDING,
        next_attempt_at__lte=now,
    )
