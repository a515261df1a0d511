"""Sending deliveries: signed POSTs with retries and exponential backoff.

Signature (after the Standard Webhooks scheme): the headers ``Webhook-Id`` (the delivery id, the
same on every retry: receivers use it to ignore duplicates), ``Webhook-Timestamp`` (Unix
seconds) and ``Webhook-Signature: v1,<base64 HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>``.

Every send checks the target again and connects to the checked address (``webhooks.targets``);
redirects are not followed (a 3xx is a failed attempt).
"""

import base64
import datetime
import hashlib
import hmac
import json
import time

import requests
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import default_task_backend, task

from webhooks.models import WebhookAttempt, WebhookDelivery
from webhooks.targets import PinnedAdapter, UnsafeTarget, check_target

USER_AGENT = "KL-China-Platform-Webhooks/1"


def sign(secret, delivery_id, timestamp, body):
    message = f"{delivery_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def retry_delay(attempts):
    """Seconds before the next try after ``attempts`` failed ones: doubling, capped."""
    base = settings.WEBHOOK_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.WEBHOOK_RETRY_MAX_SECONDS)


def claim(delivery_id, now):
    """Take the lease of a due, pending delivery; False when another worker has it or it is
    done (a delivery enqueued twice is still sent once per attempt)."""
    # requests' timeout applies to connecting and to reading: at most twice the setting.
    lease = now + datetime.timedelta(
        seconds=settings.WEBHOOK_TIMEOUT_SECONDS * 2 + settings.WEBHOOK_LEASE_MARGIN_SECONDS
    )
    return bool(
        WebhookDelivery.objects.filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now),
            pk=delivery_id,
            status=WebhookDelivery.Status.PENDING,
            next_attempt_at__lte=now,
        ).update(lease_until=lease)
    )


def send(delivery):
    """POST the delivery once; return (status code or None, error text, response excerpt)."""
    body = json.dumps({"id": str(delivery.pk), **delivery.payload}, ensure_ascii=False).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "Webhook-Id": str(delivery.pk),
        "Webhook-Timestamp": timestamp,
        "Webhook-Signature": sign(delivery.subscription.secret, delivery.pk, timestamp, body),
        "Webhook-Event": delivery.payload.get("event", ""),
    }
    url = delivery.subscription.url
    try:
        address = check_target(url)  # again at every send: DNS answers change
    except UnsafeTarget as exc:
        return None, f"Refused: {exc}"[:2000], ""
    with requests.Session() as session:
        session.trust_env = False  # no proxy from the environment: we connect where we checked
        session.mount("http://", PinnedAdapter(address))
        session.mount("https://", PinnedAdapter(address))
        try:
            response = session.post(
                url,
                data=body,
                headers=headers,
                timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            return None, f"{type(exc).__name__}: {exc}"[:2000], ""
        error = "" if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
        if 300 <= response.status_code < 400:
            error += " (redirects are not followed)"
        return response.status_code, error, response.text[:500]


def attempt(delivery_id):
    """One attempt of a delivery, if it is due and no other worker holds it. Returns the
    delivery's status afterwards, or None when it was not attempted."""
    now = timezone.now()
    if not claim(delivery_id, now):
        return None
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    started = time.monotonic()
    status_code, error, excerpt = send(delivery)
    number = delivery.attempts + 1
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=number,
        started_at=now,
        duration_ms=round((time.monotonic() - started) * 1000),
        status_code=status_code,
        error=error,
        response_excerpt=excerpt,
    )
    delivery.attempts = number
    delivery.lease_until = None
    delivery.last_error = error
    if not error:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
    elif number >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
    else:
        delivery.next_attempt_at = timezone.now() + datetime.timedelta(seconds=retry_delay(number))
    delivery.save()
    if delivery.status == WebhookDelivery.Status.PENDING:
        schedule_retry(delivery)
    return delivery.status


def schedule_retry(delivery):
    """Enqueue the next attempt for its time, where the task backend can defer; otherwise
    (the immediate backend of dev and tests) ``manage.py send_webhooks`` picks it up."""
    if default_task_backend.supports_defer:
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(str(delivery.pk))


@task()
def deliver_webhook(delivery_id):
    """Background task: one attempt of the delivery ``delivery_id``."""
    return attempt(delivery_id)


def due_deliveries(now=None):
    """Pending deliveries whose time has come and that no live worker holds."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now),
        status=WebhookDelivery.Status.PENDING,
        next_attempt_at__lte=now,
    )


def resend(delivery):
    """Send a delivery again from the admin (a failed one gets a fresh set of attempts)."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        lease_until=None,
        delivered_at=None,
    )
    deliver_webhook.enqueue(str(delivery.pk))
