"""The weekly mail of new partner suggestions: switched on in the portal, in the user's
language, each suggestion mailed once, nothing marked sent when the mail fails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from companies.onboarding import invite_organisation
from matchmaking.digest import send_due
from matchmaking.models import MatchDigest

pytestmark = pytest.mark.django_db


@pytest.fixture
def distributor_user(market, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = invite_organisation(market.pages["haendler"], "team@haendler.example").user
    mail.outbox.clear()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    return user


def test_switched_on_and_off_in_the_portal(market, distributor_user, client):
    client.force_login(distributor_user)
    page = client.get(reverse("matchmaking:matches")).content.decode()
    assert "每周接收新匹配合作伙伴的电子邮件" in page  # the switch, in the user's language
    response = client.post(reverse("matchmaking:digest"), {"active": "on"})
    assert response.status_code == 302
    assert MatchDigest.objects.get(user=distributor_user).active
    assert 'name="active" checked' in client.get(reverse("matchmaking:matches")).content.decode()
    client.post(reverse("matchmaking:digest"), {})
    assert not MatchDigest.objects.get(user=distributor_user).active


def test_weekly_mail_in_the_users_language_each_suggestion_once(market, distributor_user):
    MatchDigest.objects.create(user=distributor_user)
    call_command("send_match_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["team@haendler.example"]
    assert message.subject.startswith("新的匹配合作伙伴")
    assert "劳特传感器有限公司" in message.body  # the German partner, by its Chinese title
    assert "对方寻求您所提供的" in message.body or "您所寻求的" in message.body
    assert "sensorik@example.org" not in message.body  # no contact data
    # Within the week: nothing; a week later: only what was not mailed before (nothing new).
    assert send_due() == 0
    assert send_due(timezone.now() + timedelta(days=8)) == 0
    assert len(mail.outbox) == 1


def test_a_failed_mail_marks_nothing_sent(market, distributor_user, settings):
    MatchDigest.objects.create(user=distributor_user)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    assert send_due() == 0
    digest = MatchDigest.objects.get()
    assert digest.sent_keys == [] and digest.last_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due() == 1
    assert "劳特传感器有限公司" in mail.outbox[0].body
