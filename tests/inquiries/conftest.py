"""Fixtures of the inquiry tests: a real SMTP server on 127.0.0.1 (aiosmtpd) and recipients."""

import email
import socket
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from tests.factories import (
    ContactPersonFactory,
    OfficePageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
)

PRIVATE = "vertrieb.intern@pfalz-robotik.example"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Mailbox:
    port: int
    messages: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        message = email.message_from_bytes(envelope.content)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted"

    def to(self, address):
        return [message for recipients, message in self.messages if address in recipients]


def smtp_settings(port):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=5,
    )


@pytest.fixture
def smtp():
    mailbox = Mailbox(port=free_port())
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    with smtp_settings(mailbox.port):
        yield mailbox
    controller.stop()


@pytest.fixture
def organisation(home_tree):
    return OrganisationPageFactory(
        parent=home_tree.organisations, title="Pfalz Robotik", contact_email=PRIVATE
    )


@pytest.fixture
def office(home_tree):
    region = RegionPageFactory(parent=home_tree.regions, title="Yangzhou", slug="yangzhou")
    office = OfficePageFactory(parent=region, title="Repräsentanz Yangzhou")
    office.contacts.create(person=ContactPersonFactory(email="leitung.yangzhou@example.org"))
    office.save_revision().publish()
    return office


def inquiry_data(page, **changes):
    data = {
        "recipient": page.pk,
        "name": "Li Wei",
        "organisation": "扬州智能装备有限公司",
        "email": "li.wei@example.cn",
        "country": "CN",
        "message": "我们希望在机器人领域合作，请联系我们。",
        "language": "zh-hans",
        "consent": True,
    }
    data.update(changes)
    return data
