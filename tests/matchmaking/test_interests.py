"""Mediated contact: an organisation (portal) or a visitor (API) expresses interest from a
match; the other side is told in its language without the sender's contact data, accepts or
declines in the portal; only on acceptance both receive each other's contacts. Mails are
stored first and retried; editors see every interest."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from companies.onboarding import invite_organisation
from matchmaking.interests import deliver
from matchmaking.models import Interest, InterestMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(market, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = invite_organisation(market.pages["sensorik"], "team@sensorik.example").user
        b = invite_organisation(market.pages["haendler"], "team@haendler.example").user
    mail.outbox.clear()
    return a, b


def express(client, market, django_capture_on_commit_callbacks):
    target = market.pages["haendler"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matchmaking:express"),
            {"organisation": target.pk, "score": "0.8", "message": "Wir suchen einen Händler."},
        )
    assert response.status_code == 302
    return Interest.objects.get()


def test_portal_flow_contacts_only_after_acceptance(
    market, users, client, django_capture_on_commit_callbacks
):
    a, b = users
    client.force_login(a)
    page = client.get(reverse("matchmaking:matches"))
    assert page.status_code == 200
    assert "Suzhou Maschinenhandel" in page.content.decode()
    interest = express(client, market, django_capture_on_commit_callbacks)
    assert interest.sender_key == market.pages["sensorik"].translation_key
    (notification,) = mail.outbox
    assert notification.to == ["haendler@example.org"]
    assert "合作" in notification.subject + notification.body  # in the recipient's language
    assert "sensorik@example.org" not in str(notification.message())
    assert "Kontakt sensorik" not in notification.body
    mail.outbox.clear()

    # A cannot answer its own interest; B sees it and accepts.
    response = client.post(
        reverse("matchmaking:answer", args=[interest.pk]), {"decision": "accept"}
    )
    assert response.status_code in (302, 403)  # refused (the admin redirects)
    client.force_login(b)
    listing = client.get(reverse("matchmaking:interests")).content.decode()
    assert "Lautern Sensorik GmbH" in listing
    assert "sensorik@example.org" not in listing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matchmaking:answer", args=[interest.pk]), {"decision": "accept"})
    interest.refresh_from_db()
    assert interest.status == Interest.Status.ACCEPTED
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "haendler@example.org" in by_address["sensorik@example.org"].body
    assert "sensorik@example.org" in by_address["haendler@example.org"].body
    assert "联系人" in by_address["haendler@example.org"].body  # Chinese for the Chinese side
    assert "sensorik@example.org" in client.get(reverse("matchmaking:interests")).content.decode()
    client.force_login(a)
    assert "haendler@example.org" in client.get(reverse("matchmaking:interests")).content.decode()


def test_declined_reveals_nothing(market, users, client, django_capture_on_commit_callbacks):
    a, b = users
    client.force_login(a)
    interest = express(client, market, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    client.force_login(b)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matchmaking:answer", args=[interest.pk]), {"decision": "decline"})
    interest.refresh_from_db()
    assert interest.status == Interest.Status.DECLINED
    assert [m.to for m in mail.outbox] == [["sensorik@example.org"]]
    assert "haendler@example.org" not in mail.outbox[0].body


def test_other_organisations_see_nothing(market, users, client, django_capture_on_commit_callbacks):
    a, b = users
    client.force_login(a)
    interest = express(client, market, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        c = invite_organisation(market.pages["akademie"], "team@akademie.example").user
    client.force_login(c)
    assert "Lautern Sensorik" not in client.get(reverse("matchmaking:interests")).content.decode()
    response = client.post(
        reverse("matchmaking:answer", args=[interest.pk]), {"decision": "accept"}
    )
    assert response.status_code in (302, 403)  # refused (the admin redirects)
    interest.refresh_from_db()
    assert interest.status == Interest.Status.OPEN


def test_editors_see_every_interest_organisations_do_not(
    market, users, client, admin_user, django_capture_on_commit_callbacks
):
    a, _b = users
    client.force_login(a)
    express(client, market, django_capture_on_commit_callbacks)
    assert client.get("/admin/interest_admin/").status_code in (302, 403)
    client.force_login(admin_user)
    listing = client.get("/admin/interest_admin/")
    assert listing.status_code == 200
    assert "Lautern Sensorik GmbH" in listing.content.decode()
    # Not an organisation: refused (the admin redirects a PermissionDenied to the dashboard).
    assert client.get(reverse("matchmaking:matches")).status_code in (302, 403)


def test_failed_mail_is_kept_and_retried(
    market, users, client, settings, django_capture_on_commit_callbacks
):
    a, _b = users
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    client.force_login(a)
    express(client, market, django_capture_on_commit_callbacks)
    notification = InterestMail.objects.get()
    assert notification.status == InterestMail.Status.PENDING
    assert notification.attempts == 1 and notification.last_error
    assert notification.next_attempt_at is not None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    InterestMail.objects.update(next_attempt_at=None)  # the retry is due
    assert deliver(notification.pk) == InterestMail.Status.SENT
    assert mail.outbox[0].to == ["haendler@example.org"]


def test_dashboard_panel_for_organisations(market, users, client):
    a, b = users
    client.force_login(b)
    profile = UserProfile.get_for_user(b)
    profile.preferred_language = "zh-hans"
    profile.save()
    page = client.get("/admin/").content.decode()
    assert "匹配的合作伙伴" in page
    assert "劳特传感器有限公司" in page


def test_visitor_interest_through_the_api(
    market, client, settings, redis_cache, django_capture_on_commit_callbacks
):
    settings.INQUIRY_RATE_LIMIT_PER_HOUR = 2
    payload = {
        "organisation": market.pages["haendler"].pk,
        "name": "Erika Muster",
        "email": "erika@example.com",
        "country": "DE",
        "message": "Wir interessieren uns für Ihre Werkzeugmaschinen.",
        "language": "de",
        "consent": True,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/interests", payload, content_type="application/json")
    assert response.status_code == 202
    assert "haendler@example.org" not in response.content.decode()
    interest = Interest.objects.get()
    assert interest.sender_email == "erika@example.com"
    assert "erika@example.com" not in mail.outbox[0].body
    response = client.post(
        "/api/v1/interests", {**payload, "email": "nope"}, content_type="application/json"
    )
    assert response.status_code == 400 and "email" in response.json()["detail"]
    response = client.post(
        "/api/v1/interests",
        {**payload, "organisation": market.pages["entwurf"].pk},
        content_type="application/json",
    )
    assert response.status_code == 429 or "organisation" in response.json()["detail"]
    response = client.post("/api/v1/interests", payload, content_type="application/json")
    assert response.status_code == 429
