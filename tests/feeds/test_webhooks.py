"""Webhooks: an outbox row per subscription in the publishing transaction, signed POSTs to a real
receiver on 127.0.0.1, retries with exponential backoff, a recorded attempt each time, failure
after the configured attempts, resending from the admin, and no delivery lost when the worker
is killed mid-run."""

import base64
import datetime
import hashlib
import hmac
import io
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import NewsPageFactory
from tests.feeds.receiver import start_receiver
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from webhooks.sending import retry_delay

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    receiver = start_receiver()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def subscription(receiver):
    return WebhookSubscription.objects.create(
        name="Frontend", url=receiver.url, events=["published", "unpublished", "deleted"]
    )


def verify(received, secret):
    """What a receiver does: recompute the signature over id, timestamp and body."""
    delivery_id = received.headers["Webhook-Id"]
    timestamp = received.headers["Webhook-Timestamp"]
    message = f"{delivery_id}.{timestamp}.".encode() + received.body
    expected = base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest())
    return received.headers["Webhook-Signature"] == "v1," + expected.decode()


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def test_publishing_sends_a_signed_delivery(
    home_tree, subscription, receiver, django_capture_on_commit_callbacks, settings
):
    settings.FRONTEND_BASE_URL = "https://www.kl-china.example"
    news = NewsPageFactory(parent=home_tree.news, title="MoU", slug="mou", draft=True)
    publish(news, django_capture_on_commit_callbacks)

    assert receiver.wait_for(1)
    received = receiver.requests[0]
    assert verify(received, subscription.secret)
    assert not verify(received, "another-secret")
    payload = received.json
    delivery = WebhookDelivery.objects.get()
    assert payload["id"] == str(delivery.pk) == received.headers["Webhook-Id"]
    assert payload["event"] == "page.published" == received.headers["Webhook-Event"]
    assert payload["page"] == {
        "id": news.pk,
        "type": "news.NewsPage",
        "locale": "de",
        "translation_key": str(news.translation_key),
        "title": "MoU",
        "slug": "mou",
        "url": "https://www.kl-china.example/de/nachrichten/mou/",
    }
    assert abs(int(received.headers["Webhook-Timestamp"]) - time.time()) < 60
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 1
    assert WebhookAttempt.objects.get().status_code == 200


def test_unpublish_and_delete_are_delivered_too(
    home_tree, subscription, receiver, django_capture_on_commit_callbacks
):
    news = NewsPageFactory(parent=home_tree.news, title="Kurz", draft=True)
    publish(news, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        news.delete()
    assert receiver.wait_for(3)
    assert [r.json["event"] for r in receiver.requests] == [
        "page.published",
        "page.unpublished",
        "page.deleted",
    ]
    assert receiver.requests[2].json["page"]["url"] is None


def test_the_outbox_row_belongs_to_the_publishing_transaction(
    home_tree, subscription, receiver, django_capture_on_commit_callbacks
):
    news = NewsPageFactory(parent=home_tree.news, title="Zurückgerollt", draft=True)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        news.save_revision().publish()
        assert WebhookDelivery.objects.count() == 1  # written with the publish
        raise RuntimeError("the publish fails")
    assert WebhookDelivery.objects.count() == 0
    assert callbacks == []
    assert receiver.requests == []


def test_subscriptions_filter_by_event_page_type_and_locale(
    home_tree, home_tree_zh, receiver, django_capture_on_commit_callbacks
):
    events_only = WebhookSubscription.objects.create(
        name="Events", url=receiver.url, events=["published"], page_types=["news.EventPage"]
    )
    chinese = WebhookSubscription.objects.create(
        name="Partnerportal", url=receiver.url, events=["published"], locales=["zh-hans"]
    )
    WebhookSubscription.objects.create(
        name="Aus", url=receiver.url, events=["published"], active=False
    )
    german_news = NewsPageFactory(parent=home_tree.news, draft=True)
    chinese_news = NewsPageFactory(parent=home_tree_zh.news, draft=True)
    publish(german_news, django_capture_on_commit_callbacks)
    publish(chinese_news, django_capture_on_commit_callbacks)

    deliveries = WebhookDelivery.objects.all()
    assert [(d.subscription, d.payload["page"]["id"]) for d in deliveries] == [
        (chinese, chinese_news.pk)
    ]
    assert not events_only.deliveries.exists()


def test_a_failing_receiver_is_retried_with_backoff_until_it_succeeds(
    home_tree, subscription, receiver, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    receiver.responses = [500, 503]
    news = NewsPageFactory(parent=home_tree.news, draft=True)
    before = timezone.now()
    publish(news, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("pending", 1, "HTTP 500")
    assert delivery.next_attempt_at >= before + datetime.timedelta(seconds=30)
    # Not due yet: the sweep leaves it alone.
    call_command("send_webhooks", "--now", stdout=io.StringIO())
    assert WebhookAttempt.objects.count() == 1

    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    call_command("send_webhooks", "--now", stdout=io.StringIO())
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 2)
    # The delay doubles: 30 s after the first failure, 60 s after the second.
    assert delivery.next_attempt_at >= timezone.now() + datetime.timedelta(seconds=55)
    assert [retry_delay(n) for n in (1, 2, 3)] == [30, 60, 120]

    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    call_command("send_webhooks", "--now", stdout=io.StringIO())
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    assert [a.status_code for a in delivery.attempt_log.all()] == [500, 503, 200]
    # The same delivery id every time: receivers drop duplicates by it.
    assert len({r.headers["Webhook-Id"] for r in receiver.requests}) == 1


def test_gives_up_after_the_configured_attempts_and_can_be_resent(
    home_tree,
    subscription,
    receiver,
    django_capture_on_commit_callbacks,
    settings,
    admin_client,
):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.responses = [500, 500]
    news = NewsPageFactory(parent=home_tree.news, draft=True)
    publish(news, django_capture_on_commit_callbacks)
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    call_command("send_webhooks", "--now", stdout=io.StringIO())
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 2)

    # The admin lists it with its attempts and sends it again on request.
    listing = admin_client.get(reverse("webhook_deliveries:index"))
    assert listing.status_code == 200
    assert "fehlgeschlagen" in listing.content.decode()
    confirm = admin_client.get(reverse("webhooks_resend", args=[delivery.pk]))
    assert confirm.status_code == 200 and "HTTP 500" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("webhooks_resend", args=[delivery.pk]))
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.attempt_log.count() == 3


def test_timeouts_and_refused_connections_are_recorded(
    home_tree, subscription, receiver, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.3
    receiver.delay = 1.0
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    refused_url = f"http://127.0.0.1:{closed.getsockname()[1]}/hook"
    closed.close()
    WebhookSubscription.objects.create(name="Weg", url=refused_url, events=["published"])
    news = NewsPageFactory(parent=home_tree.news, draft=True)
    publish(news, django_capture_on_commit_callbacks)

    errors = dict(WebhookAttempt.objects.values_list("delivery__subscription__name", "error"))
    assert "Timeout" in errors["Frontend"]
    assert "ConnectionError" in errors["Weg"]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"pending"}


def test_editors_manage_subscriptions_in_the_admin(admin_client, receiver):
    response = admin_client.post(
        reverse("webhook_subscriptions:add"),
        {
            "name": "Partnerportal",
            "url": receiver.url,
            "events": ["published"],
            "locales": ["zh-hans"],
            "active": "on",
            "secret": "ein-langes-geheimnis",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    subscription = WebhookSubscription.objects.get()
    assert (subscription.events, subscription.locales) == (["published"], ["zh-hans"])
    invalid = admin_client.post(
        reverse("webhook_subscriptions:add"), {"name": "X", "url": "kein-url", "events": []}
    )
    assert invalid.status_code == 200
    assert set(invalid.context["form"].errors) >= {"url", "events"}
    # Deliveries are written by the platform only.
    assert admin_client.get("/admin/webhook_deliveries/new/").status_code in (403, 404, 302)


def test_a_slow_receiver_does_not_slow_publishing_with_the_database_queue(
    home_tree, subscription, receiver, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    receiver.delay = 3.0
    news = NewsPageFactory(parent=home_tree.news, draft=True)
    started = time.monotonic()
    publish(news, django_capture_on_commit_callbacks)
    assert time.monotonic() - started < 2.0
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path="webhooks.sending.deliver_webhook").count() == 1
    assert receiver.requests == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killing_the_worker_mid_run_loses_no_delivery(home_tree, receiver, settings):
    if connection.vendor != "postgresql":
        pytest.skip("The worker runs in another process: PostgreSQL only (CI runs it there).")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    subscription = WebhookSubscription.objects.create(
        name="Langsam", url=receiver.url, events=["published"]
    )
    receiver.delay = 0.5
    pages = [NewsPageFactory(parent=home_tree.news, draft=True) for _ in range(6)]
    for page in pages:
        page.save_revision().publish()  # committed: enqueued in the database queue
    assert WebhookDelivery.objects.filter(subscription=subscription).count() == 6

    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.base",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "TASKS_BACKEND": "django_tasks_db.backend.DatabaseBackend",
        "WEBHOOK_TIMEOUT_SECONDS": "2",
        "WEBHOOK_LEASE_MARGIN_SECONDS": "0",
        # The receiver is on this machine: allowed as a deployment would allow an intranet one.
        "WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8",
    }

    def worker():
        return subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--batch"],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    first = worker()
    assert receiver.wait_for(2, timeout=60)
    os.killpg(first.pid, signal.SIGKILL)  # mid-run: a delivery is in flight
    first.wait()
    delivered_before = WebhookDelivery.objects.filter(status="delivered").count()
    assert delivered_before < 6

    time.sleep(4.5)  # the killed worker's lease (2 × 2 s) runs out
    subprocess.run(  # noqa: S603 - the sweep, as cron runs it
        [sys.executable, "manage.py", "send_webhooks"],
        cwd=django_settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )
    second = worker()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if WebhookDelivery.objects.filter(status="delivered").count() == 6:
                break
            time.sleep(0.2)
    finally:
        os.killpg(second.pid, signal.SIGKILL)
        second.wait()
    assert WebhookDelivery.objects.filter(status="delivered").count() == 6
    received_ids = {r.headers["Webhook-Id"] for r in receiver.requests}
    assert received_ids == {str(pk) for pk in WebhookDelivery.objects.values_list("pk", flat=True)}
