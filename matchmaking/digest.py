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
from wagtail.models import Page
from wagtail.users.models import UserProfile

from base.locales import content_locale_codes, default_locale_code
from base.models import ApiPageQuerySet
from companies.isolation import organisation_keys
from matchmaking.api import TaxonomyLabels, reason_labels, stored_matches
from matchmaking.models import MatchDigest, MatchProfile, RankedMatches

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
    """The suggestions of the user's organisations not mailed before, best first: (key, score,
    organisation title, opportunity title or None, reasons)."""
    sent = set(digest.sent_keys)
    candidates = []
    for key in organisation_keys(digest.user):
        row = RankedMatches.objects.filter(
            profile__translation_key=key, scope="cross-border"
        ).first()
        candidates += [m for m in stored_matches(row) if m.profile.translation_key not in sent]
    candidates.sort(key=lambda match: -match.score)
    keys = {m.profile.organisation_key for m in candidates} | {
        m.profile.translation_key
        for m in candidates
        if m.profile.kind == MatchProfile.Kind.OPPORTUNITY
    }
    titles = {
        str(key): title
        for key, title in ApiPageQuerySet(model=Page)
        .in_locale(language, fallback=True)
        .filter(translation_key__in=keys)
        .values_list("translation_key", "title")
    }
    chosen, seen = [], set()
    for match in candidates:
        organisation = titles.get(match.profile.organisation_key)
        opportunity = None
        if match.profile.kind == MatchProfile.Kind.OPPORTUNITY:
            opportunity = titles.get(match.profile.translation_key)
            if opportunity is None:
                continue
        if organisation is None or match.profile.translation_key in seen:
            continue
        seen.add(match.profile.translation_key)
        chosen.append(match)
        if len(chosen) == MAX_ITEMS:
            break
    return chosen, titles


def build_mail(digest, matches, titles, language):
    label = reason_labels(matches, language, TaxonomyLabels(language))
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    with translation.override(language):
        lines = [_("Neue passende Partner für Ihre Organisation:"), ""]
        for match in matches:
            title = titles[match.profile.organisation_key]
            if match.profile.kind == MatchProfile.Kind.OPPORTUNITY:
                title = f"{title} – {titles[match.profile.translation_key]}"
            lines.append(f"- {title} ({round(match.score * 100)} %)")
            lines += [f"  {label(kind, detail)}" for kind, detail in match.reasons]
        lines += [
            "",
            _("Interesse bekunden und alle Vorschläge: %(url)s")
            % {"url": base + reverse("matchmaking:matches")},
            _("Diese Mail abbestellen: ebenda, „Wöchentliche E-Mail“ ausschalten."),
        ]
        subject = _("Neue passende Partner (%(count)s)") % {"count": len(matches)}
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
        matches, titles = new_suggestions(digest, language)
        if matches:
            try:
                build_mail(digest, matches, titles, language).send()
            except (SMTPException, OSError):
                logger.exception("The match digest to user %s failed; retried next run.", digest.pk)
                continue
            sent += 1
            keys = digest.sent_keys + [m.profile.translation_key for m in matches]
            digest.sent_keys = keys[-KEPT_KEYS:]
        digest.last_sent_at = now
        digest.save(update_fields=["sent_keys", "last_sent_at"])
    return sent
