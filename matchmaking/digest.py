"""The weekly mail of new partner suggestions: an organisation user switches it on in the
portal (*Passende Partner*); ``manage.py send_match_digests`` (cron, daily) mails each user
whose last mail is a week old the suggestions not mailed before, in the user's language.

A mail that fails (the SMTP server refuses or does not answer within ``EMAIL_TIMEOUT``) marks
nothing as sent: the next run sends the same suggestions again, so none is lost."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from base.locales import content_locale_codes, default_locale_code
from companies.isolation import organisation_keys
from matchmaking.api import TaxonomyLabels, reason_labels, stored_matches, visible_matches
from matchmaking.models import MatchDigest, RankedMatches

logger = logging.getLogger(__name__)

INTERVAL = timedelta(days=7)
MAX_ITEMS = 10
KEPT_KEYS = 500


def content_locale_for(language):
    """The content locale of an admin language (German otherwise)."""
    language = (language or "").lower()
    for code in content_locale_codes():
        if language.startswith(code.split("-")[0]):
            return code
    return default_locale_code()


def user_language(user):
    """The content locale of the user's preferred admin language."""
    return content_locale_for(UserProfile.get_for_user(user).get_preferred_language())


def new_suggestions(digest, language):
    """The best suggestions for the user's organisations not mailed before, visible in the
    language: (match, organisation, opportunity or None), pages as (id, title)."""
    sent = set(digest.sent_keys)
    candidates = {}
    for key in organisation_keys(digest.user):
        row = RankedMatches.objects.filter(
            profile__translation_key=key, scope="cross-border"
        ).first()
        for match in stored_matches(row):
            if match.profile.translation_key not in sent:
                candidates.setdefault(match.profile.translation_key, match)
    best = sorted(candidates.values(), key=lambda match: -match.score)
    return visible_matches(best, language, True, MAX_ITEMS)


def build_mail(digest, suggestions, language):
    matches = [match for match, _organisation, _opportunity in suggestions]
    label = reason_labels(matches, language, TaxonomyLabels(language))
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    with translation.override(language):
        lines = [_("Neue passende Partner für Ihre Organisation:"), ""]
        for match, (_id, title), opportunity in suggestions:
            if opportunity:
                title = f"{title} – {opportunity[1]}"
            lines.append(f"- {title} ({round(match.score * 100)} %)")
            lines += [f"  {label(kind, detail)}" for kind, detail in match.reasons]
        lines += [
            "",
            _("Interesse bekunden und alle Vorschläge: %(url)s")
            % {"url": base + reverse("matchmaking:matches")},
            _("Diese Mail abbestellen: ebenda, „Wöchentliche E-Mail“ ausschalten."),
        ]
        subject = _("Neue passende Partner (%(count)s)") % {"count": len(suggestions)}
    return EmailMessage(subject=subject, body="\n".join(lines), to=[digest.user.email])


def send_due(now=None):
    """Mail every active user whose last mail is at least a week old; returns the mails sent."""
    now = now or timezone.now()
    sent = 0
    digests = (
        MatchDigest.objects.filter(active=True, user__is_active=True)
        .exclude(user__email="")
        .exclude(last_sent_at__gt=now - INTERVAL)
        .select_related("user")
    )
    for digest in digests:
        language = user_language(digest.user)
        suggestions = new_suggestions(digest, language)
        if suggestions:
            try:
                build_mail(digest, suggestions, language).send()
            except (SMTPException, OSError):
                logger.exception("The match digest to user %s failed; retried next run.", digest.pk)
                continue
            sent += 1
            keys = digest.sent_keys + [m.profile.translation_key for m, _o, _p in suggestions]
            digest.sent_keys = keys[-KEPT_KEYS:]
        digest.last_sent_at = now
        digest.save(update_fields=["sent_keys", "last_sent_at"])
    return sent
