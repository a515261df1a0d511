"""The newsletter preview in the admin: the newsletter shows in the frame (escaped srcdoc), the
default period fills the date fields, a heading, and a test mail to an address of the editor's
choice, through Django's mail (locmem) and through a real SMTP server on 127.0.0.1."""

import html
import re
from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.urls import reverse

from feeds.digest import default_period
from tests.inquiries.conftest import smtp  # noqa: F401 - the aiosmtpd fixture, shared

pytestmark = pytest.mark.django_db

PERIOD = {"since": "2026-09-01", "until": "2026-09-30"}


@pytest.fixture
def digest_content(feed_content):
    import datetime

    feed_content.news_zh.date = datetime.date(2026, 9, 11)
    feed_content.news_zh.save_revision().publish()
    return feed_content


def test_the_frame_holds_the_whole_escaped_newsletter(admin_client, digest_content):
    page = admin_client.get(reverse("newsletter_preview"), {**PERIOD, "locale": "zh-hans"})
    content = page.content.decode()
    srcdoc = re.search(r'<iframe[^>]* srcdoc="([^"]*)"', content).group(1)
    document = html.unescape(srcdoc)
    # Before: the attribute ended at lang="zh-hans" and the frame stayed empty.
    assert document.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-hans">' in document
    assert "与扬州签署合作备忘录" in document
    assert document.rstrip().endswith("</html>")


def test_the_default_period_fills_the_date_fields_and_the_page_has_a_heading(admin_client):
    page = admin_client.get(reverse("newsletter_preview"))
    content = page.content.decode()
    since, until = default_period()
    assert f'name="since" value="{since:%Y-%m-%d}"' in content
    assert f'name="until" value="{until:%Y-%m-%d}"' in content
    assert re.search(r"<h1 class=\"w-header__title\".*?Newsletter-Vorschau.*?</h1>", content, re.S)
    assert 'id="newsletter-test-mail"' in content


def test_a_test_mail_goes_to_the_chosen_address(admin_client, digest_content):
    response = admin_client.post(
        reverse("newsletter_test_mail"),
        {**PERIOD, "locale": "zh-hans", "email": "redaktion.test@example.org"},
    )
    assert response.status_code == 302
    assert "since=2026-09-01" in response["Location"]
    [message] = mail.outbox
    assert message.to == ["redaktion.test@example.org"]
    assert "凯泽斯劳滕–中国平台新闻简报" in message.subject
    body, mime = message.alternatives[0]
    assert mime == "text/html"
    assert "与扬州签署合作备忘录" in body


def test_a_bad_address_is_a_form_error_and_nothing_is_sent(admin_client, digest_content):
    response = admin_client.post(
        reverse("newsletter_test_mail"), {**PERIOD, "locale": "de", "email": "kein-mail"}
    )
    assert response.status_code == 200
    assert response.context["mail_form"].errors["email"]
    assert mail.outbox == []


def test_the_test_mail_through_a_real_smtp_server(admin_client, digest_content, smtp):  # noqa: F811
    response = admin_client.post(
        reverse("newsletter_test_mail"),
        {**PERIOD, "locale": "de", "email": "vorschau@example.org"},
    )
    assert response.status_code == 302
    [message] = smtp.to("vorschau@example.org")
    subject = str(make_header(decode_header(message["Subject"])))
    assert subject.startswith("[Test] Newsletter der Kaiserslautern–China Plattform")


def test_an_unreachable_mail_server_is_reported_not_a_crash(admin_client, digest_content, settings):
    from tests.inquiries.conftest import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    response = admin_client.post(
        reverse("newsletter_test_mail"),
        {**PERIOD, "locale": "de", "email": "vorschau@example.org"},
    )
    assert response.status_code == 200
    assert response.context["mail_form"].non_field_errors()
