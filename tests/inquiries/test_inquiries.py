"""``POST /api/v1/inquiries``: validation, honeypot, rate limit, stored first, delivered by a
background task over real SMTP with retries, confirmation in the sender's language, the
recipient's address never exposed; the admin list."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from inquiries.models import Inquiry
from tests.factories import NewsPageFactory, OrganisationPageFactory
from tests.inquiries.conftest import PRIVATE, free_port, inquiry_data, smtp_settings

pytestmark = pytest.mark.django_db

URL = "/api/v1/inquiries"


def post(client, data, **extra):
    return client.post(URL, json.dumps(data), content_type="application/json", **extra)


def test_stored_then_mailed_to_the_private_address_with_a_confirmation(
    client, organisation, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, inquiry_data(organisation))
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "pending"
    assert body["recipient"] == {
        "id": organisation.pk,
        "type": "organisation",
        "title": "Pfalz Robotik",
    }
    assert PRIVATE not in response.content.decode()
    inquiry = Inquiry.objects.get(uuid=body["id"])
    assert inquiry.status == Inquiry.Status.DELIVERED
    assert inquiry.confirmation_sent_at is not None
    [forwarded] = smtp.to(PRIVATE)
    assert forwarded["Reply-To"] == "li.wei@example.cn"
    assert "我们希望在机器人领域合作" in forwarded.get_payload(decode=True).decode()
    [confirmation] = smtp.to("li.wei@example.cn")
    subject = str(email_header(confirmation["Subject"]))
    assert subject == "您发给Pfalz Robotik的咨询"  # written in Chinese


def email_header(value):
    from email.header import decode_header, make_header

    return make_header(decode_header(value))


def test_an_office_inquiry_goes_to_its_first_contact_person(
    client, office, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, inquiry_data(office, language="de"))
    assert response.status_code == 202
    assert response.json()["recipient"]["type"] == "office"
    assert len(smtp.to("leitung.yangzhou@example.org")) == 1
    assert "leitung.yangzhou" not in response.content.decode()


@override_settings(INQUIRY_MAX_ATTEMPTS=3)
def test_mail_failure_loses_nothing_and_is_retried(
    client, organisation, smtp, django_capture_on_commit_callbacks
):
    closed_port = free_port()  # nothing listens there: connection refused
    with smtp_settings(closed_port), django_capture_on_commit_callbacks(execute=True):
        response = post(client, inquiry_data(organisation))
    assert response.status_code == 202
    inquiry = Inquiry.objects.get(uuid=response.json()["id"])
    assert inquiry.status == Inquiry.Status.PENDING
    assert inquiry.attempts == 1
    assert "refused" in inquiry.last_error.lower() or "errno" in inquiry.last_error.lower()
    assert inquiry.next_attempt_at > timezone.now()
    assert inquiry.message.startswith("我们希望")  # stored as sent
    # Not due yet: the sweep leaves it alone.
    call_command("send_inquiries", stdout=io.StringIO())
    assert smtp.messages == []
    # Due, the mail server is back: delivered by the sweep's task.
    Inquiry.objects.filter(pk=inquiry.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    out = io.StringIO()
    call_command("send_inquiries", stdout=out)
    assert "1 inquiries queued" in out.getvalue()
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.DELIVERED and inquiry.attempts == 2
    assert len(smtp.to(PRIVATE)) == 1


@override_settings(INQUIRY_MAX_ATTEMPTS=2, INQUIRY_RETRY_BASE_SECONDS=0)
def test_after_the_last_attempt_the_inquiry_is_marked_failed(
    client, organisation, django_capture_on_commit_callbacks
):
    with smtp_settings(free_port()):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, inquiry_data(organisation))
        call_command("send_inquiries", stdout=io.StringIO())
    inquiry = Inquiry.objects.get(uuid=response.json()["id"])
    assert inquiry.status == Inquiry.Status.FAILED and inquiry.attempts == 2
    assert inquiry.next_attempt_at is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"consent": False}, "consent"),
        ({"message": "kurz"}, "message"),
        ({"message": "x" * 5001}, "message"),
        ({"country": "XX"}, "country"),
        ({"language": "fr"}, "language"),
        ({"name": "Li\x00Wei"}, "name"),
        ({"recipient": 0}, "recipient"),
    ],
)
def test_invalid_fields_are_400s_naming_them(client, organisation, changes, field):
    response = post(client, inquiry_data(organisation, **changes))
    assert response.status_code == 400
    fields = [error["field"] for error in response.json()["errors"]]
    assert any(name.endswith(field) for name in fields), fields
    assert not Inquiry.objects.exists()


def test_recipient_must_be_a_published_organisation_or_office(client, home_tree, organisation):
    news = NewsPageFactory(parent=home_tree.news)
    draft = OrganisationPageFactory(parent=home_tree.organisations, draft=True)
    for page in (news, draft):
        response = post(client, inquiry_data(page))
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "recipient"
    response = client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert not Inquiry.objects.exists()


def test_honeypot_answers_like_a_success_and_stores_nothing(
    client, organisation, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, inquiry_data(organisation, website="http://spam.example"))
    assert response.status_code == 202
    assert not Inquiry.objects.exists()
    assert smtp.messages == []


def test_rate_limit_per_address_on_redis(client, organisation, redis_cache, settings):
    settings.INQUIRY_RATE_LIMIT_PER_HOUR = 2
    statuses = [post(client, inquiry_data(organisation)).status_code for _ in range(2)]
    limited = post(client, inquiry_data(organisation))
    other = post(client, inquiry_data(organisation), REMOTE_ADDR="192.0.2.9")
    assert statuses == [202, 202]
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 3600
    assert "retry in" in limited.json()["detail"]
    assert other.status_code == 202
    assert Inquiry.objects.count() == 3


def test_the_private_address_is_in_no_api_response(client, organisation, home_tree_zh):
    from tests.conftest import translate_page

    translate_page(organisation, home_tree_zh.home.locale)
    bodies = [
        post(client, inquiry_data(organisation)).content,
        client.get(f"/api/v1/organisations/{organisation.pk}").content,
        client.get(f"/api/v1/organisations/{organisation.pk}", {"locale": "zh-hans"}).content,
        client.get("/api/v1/organisations", {"limit": 100}).content,
        client.get("/api/v1/search", {"q": "Pfalz Robotik"}).content,
        client.get("/api/v1/search", {"q": "vertrieb.intern"}).content,
        client.get("/api/v1/openapi.json").content,
    ]
    assert all(PRIVATE.encode() not in body for body in bodies)


def test_admin_lists_filters_and_marks_handled(admin_client, admin_user, organisation):
    inquiry = Inquiry.objects.create(
        recipient=organisation,
        recipient_title=organisation.title,
        recipient_kind="organisation",
        name="Li Wei",
        email="li.wei@example.cn",
        country="CN",
        message="Bitte um Rückruf.",
        language="de",
        consent_at=timezone.now(),
        status=Inquiry.Status.DELIVERED,
    )
    index = reverse("inquiries:index")
    assert "Li Wei" in admin_client.get(index).content.decode()
    assert "Li Wei" not in admin_client.get(index, {"status": "failed"}).content.decode()
    response = admin_client.post(
        reverse("inquiries:edit", args=[inquiry.pk]), {"status": "handled", "note": "Erledigt."}
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.HANDLED
    assert inquiry.handled_by == admin_user and inquiry.handled_at is not None
    assert admin_client.get("/admin/inquiries/new/").status_code in (302, 403, 404)
