"""Webhooks cannot reach the platform's own network (SSRF, issue 15): non-public targets are
refused when a subscription is saved and at every send (after DNS resolution, connecting to the
checked address), redirects are not followed, and what receivers answer is shown to superusers
only."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

import webhooks.targets
from tests.factories import NewsPageFactory
from tests.feeds.receiver import start_receiver
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from webhooks.targets import UnsafeTarget, check_target

pytestmark = pytest.mark.django_db

REFUSED = [
    "http://127.0.0.1:8000/admin/",
    "http://localhost/",
    "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://192.168.1.10/",
    "http://172.16.0.1/",
    "http://100.64.0.1/",  # shared address space (carrier-grade NAT)
    "http://0.0.0.0/",
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped loopback
    "http://2130706433/",  # 127.0.0.1 as one number
    "ftp://93.184.215.14/",
]


@pytest.fixture
def no_private_targets(settings):
    """Production's rule: the test settings allow loopback for the other webhook tests."""
    settings.WEBHOOK_ALLOWED_NETWORKS = []


@pytest.fixture
def receiver():
    receiver = start_receiver()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def fake_dns(monkeypatch):
    """Names that resolve as we say (no DNS server here): the resolver is the only part
    replaced, the connection is real."""
    answers = {}
    real = webhooks.targets.resolve

    def resolve(host, port):
        return answers[host] if host in answers else real(host, port)

    monkeypatch.setattr(webhooks.targets, "resolve", resolve)
    return answers


@pytest.mark.parametrize("url", REFUSED)
def test_non_public_targets_are_refused(no_private_targets, url):
    with pytest.raises(UnsafeTarget):
        check_target(url)
    subscription = WebhookSubscription(name="X", url=url, events=["published"])
    with pytest.raises(ValidationError) as error:
        subscription.full_clean()
    assert "url" in error.value.message_dict


def test_a_public_address_is_allowed(no_private_targets):
    assert check_target("https://93.184.215.14/hook") == "93.184.215.14"


def test_a_name_is_checked_by_every_address_it_resolves_to(no_private_targets, fake_dns):
    fake_dns["hooks.partner.example"] = ["93.184.215.14", "10.1.2.3"]
    with pytest.raises(UnsafeTarget, match="10.1.2.3"):
        check_target("https://hooks.partner.example/hook")
    fake_dns["hooks.partner.example"] = ["93.184.215.14"]
    assert check_target("https://hooks.partner.example/hook") == "93.184.215.14"


def test_the_platform_itself_is_refused(no_private_targets, fake_dns, settings):
    settings.ALLOWED_HOSTS = ["cms.kl-china.example"]
    fake_dns["cms.kl-china.example"] = ["93.184.215.14"]
    with pytest.raises(UnsafeTarget, match="platform itself"):
        check_target("https://cms.kl-china.example/admin/")


def test_an_allowed_network_is_allowed(no_private_targets, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["10.1.2.3/32"]
    assert check_target("http://10.1.2.3/hook") == "10.1.2.3"
    with pytest.raises(UnsafeTarget):
        check_target("http://10.1.2.4/hook")


def test_the_admin_form_refuses_an_internal_target(admin_client, no_private_targets):
    response = admin_client.post(
        reverse("webhook_subscriptions:add"),
        {
            "name": "Metadaten",
            "url": "http://169.254.169.254/latest/meta-data/",
            "events": ["published"],
            "active": "on",
            "secret": "ein-langes-geheimnis",
        },
    )
    assert response.status_code == 200
    assert "öffentliche Adressen" in str(response.context["form"].errors["url"])
    assert not WebhookSubscription.objects.exists()


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def test_every_send_checks_again_and_sends_nothing_to_a_refused_target(
    home_tree, receiver, django_capture_on_commit_callbacks, settings
):
    """Saved while allowed (or before the name's DNS answer changed): refused at send."""
    WebhookSubscription.objects.create(name="Intern", url=receiver.url, events=["published"])
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    publish(NewsPageFactory(parent=home_tree.news, draft=True), django_capture_on_commit_callbacks)
    attempt = WebhookAttempt.objects.get()
    assert attempt.error.startswith("Refused:")
    assert attempt.status_code is None
    assert receiver.requests == []


def test_the_request_goes_to_the_checked_address(
    home_tree, receiver, django_capture_on_commit_callbacks, fake_dns, settings
):
    """DNS rebinding: the name is resolved once, checked, and that address is connected to
    (requests itself never resolves it; here it could not: the name exists nowhere)."""
    port = receiver.server.server_address[1]
    fake_dns["hooks.partner.example"] = ["127.0.0.1"]
    WebhookSubscription.objects.create(
        name="Partner", url=f"http://hooks.partner.example:{port}/hook", events=["published"]
    )
    publish(NewsPageFactory(parent=home_tree.news, draft=True), django_capture_on_commit_callbacks)
    assert receiver.wait_for(1)
    assert receiver.requests[0].headers["Host"] == f"hooks.partner.example:{port}"
    assert WebhookDelivery.objects.get().status == "delivered"
    # The name now points into the private network: the next send goes nowhere.
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    fake_dns["hooks.partner.example"] = ["10.0.0.1"]
    publish(NewsPageFactory(parent=home_tree.news, draft=True), django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 1
    assert "10.0.0.1" in WebhookAttempt.objects.order_by("-started_at", "-pk").first().error


def test_redirects_are_not_followed(home_tree, receiver, django_capture_on_commit_callbacks):
    internal = start_receiver()
    try:
        receiver.responses = [302]
        receiver.location = internal.url
        WebhookSubscription.objects.create(name="Umleitung", url=receiver.url, events=["published"])
        publish(
            NewsPageFactory(parent=home_tree.news, draft=True), django_capture_on_commit_callbacks
        )
        assert internal.requests == []
        attempt = WebhookAttempt.objects.get()
        assert attempt.status_code == 302
        assert "redirects are not followed" in attempt.error
        assert WebhookDelivery.objects.get().status == "pending"
    finally:
        internal.server.shutdown()
        internal.server.server_close()


def test_response_excerpts_are_shown_to_superusers_only(
    home_tree, receiver, django_capture_on_commit_callbacks, client, admin_client
):
    receiver.answer = b"root:x:0:0 internes-geheimnis"
    WebhookSubscription.objects.create(name="Partner", url=receiver.url, events=["published"])
    publish(NewsPageFactory(parent=home_tree.news, draft=True), django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    url = reverse("webhooks_resend", args=[delivery.pk])
    assert "internes-geheimnis" in admin_client.get(url).content.decode()

    editor = get_user_model().objects.create_user("webhooks", password="lang-genug-und-selten")
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_webhooksubscription"),
        Permission.objects.get(codename="view_webhookdelivery"),
    )
    client.force_login(editor)
    page = client.get(url)
    assert page.status_code == 200
    assert "HTTP-Status" in page.content.decode()
    assert "internes-geheimnis" not in page.content.decode()
