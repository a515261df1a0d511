"""Hardening of ``POST /api/v1/inquiries`` (issue 15): no header injection through one-line
fields, a confirmation that quotes nothing the sender wrote, and limits per sender email and per
recipient on top of the one per client address."""

import json

import pytest

from inquiries.models import Inquiry
from tests.inquiries.conftest import PRIVATE, inquiry_data
from tests.inquiries.test_inquiries import email_header

pytestmark = pytest.mark.django_db

URL = "/api/v1/inquiries"
PHISHING = "Ihr Konto wird gesperrt: melden Sie sich unter http://evil.example an."


def post(client, data, **extra):
    return client.post(URL, json.dumps(data), content_type="application/json", **extra)


@pytest.mark.parametrize("field", ["name", "organisation", "email"])
@pytest.mark.parametrize("line_break", ["\r\n", "\n", "\r", "\u2028", "\x85"])
def test_line_breaks_in_one_line_fields_are_400s_naming_the_field(
    client, organisation, field, line_break
):
    value = {"name": "Li", "organisation": "Firma", "email": "li@example.cn"}[field]
    data = inquiry_data(organisation, **{field: f"{value}{line_break}Bcc: opfer@example.org x"})
    response = post(client, data)
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [f"payload.{field}"]
    assert not Inquiry.objects.exists()


def test_the_message_may_have_line_breaks(client, organisation):
    response = post(client, inquiry_data(organisation, message="Guten Tag,\r\n\r\nwir möchten…"))
    assert response.status_code == 202


def test_the_confirmation_quotes_nothing_the_sender_wrote(
    client, organisation, smtp, django_capture_on_commit_callbacks
):
    data = inquiry_data(
        organisation,
        name="Bank-Sicherheitsteam",
        organisation="Ihre Bank AG",
        email="opfer@example.org",
        message=PHISHING,
        language="de",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, data)
    assert response.status_code == 202
    [confirmation] = smtp.to("opfer@example.org")
    subject = str(email_header(confirmation["Subject"]))
    text = subject + confirmation.get_payload(decode=True).decode()
    for written in ("Bank-Sicherheitsteam", "Ihre Bank", "evil.example", "gesperrt"):
        assert written not in text
    assert "Pfalz Robotik" in text  # the recipient: the platform's own page title
    assert response.json()["id"] in text  # the reference
    assert "Guten Tag," in text
    # The organisation still gets everything the sender wrote.
    [forwarded] = smtp.to(PRIVATE)
    assert PHISHING in forwarded.get_payload(decode=True).decode()


@pytest.mark.parametrize(
    ("language", "greeting"), [("zh-hans", "您好："), ("en", "Hello,"), ("de", "Guten Tag,")]
)
def test_the_confirmation_is_in_the_senders_language(
    client, organisation, smtp, django_capture_on_commit_callbacks, language, greeting
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, inquiry_data(organisation, language=language))
    [confirmation] = smtp.to("li.wei@example.cn")
    body = confirmation.get_payload(decode=True).decode()
    assert body.startswith(greeting)
    assert "Li Wei" not in body


def test_limit_per_sender_email_across_client_addresses(
    client, organisation, redis_cache, settings
):
    settings.INQUIRY_RATE_LIMIT_PER_HOUR = 100
    settings.INQUIRY_RATE_LIMIT_PER_EMAIL_PER_HOUR = 2
    data = inquiry_data(organisation, email="opfer@example.org")
    statuses = [
        post(client, data, REMOTE_ADDR=f"192.0.2.{number}").status_code for number in (1, 2)
    ]
    shouted = inquiry_data(organisation, email="OPFER@example.org")
    limited = post(client, shouted, REMOTE_ADDR="192.0.2.3")
    assert statuses == [202, 202]
    assert limited.status_code == 429
    assert "email" in limited.json()["detail"]
    assert int(limited["Retry-After"]) <= 3600
    other = post(client, inquiry_data(organisation), REMOTE_ADDR="192.0.2.4")
    assert other.status_code == 202
    assert Inquiry.objects.count() == 3


def test_limit_per_recipient_across_client_addresses(
    client, organisation, office, redis_cache, settings
):
    settings.INQUIRY_RATE_LIMIT_PER_HOUR = 100
    settings.INQUIRY_RATE_LIMIT_PER_RECIPIENT_PER_HOUR = 3
    statuses = [
        post(
            client,
            inquiry_data(organisation, email=f"s{number}@example.org"),
            REMOTE_ADDR=f"192.0.2.{number}",
        ).status_code
        for number in range(1, 5)
    ]
    assert statuses == [202, 202, 202, 429]
    assert post(client, inquiry_data(office), REMOTE_ADDR="192.0.2.9").status_code == 202
