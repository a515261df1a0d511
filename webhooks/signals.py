"""The outbox writer: a publish, unpublish or delete writes one delivery per interested
subscription in the same database transaction; the sending starts once it is committed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished

from feeds.rendering import frontend_url


def page_payload(page, event):
    """What a receiver learns of the page: enough to refetch it from the API."""
    page_type = f"{page.content_type.app_label}.{page.content_type.model_class().__name__}"
    locale = Locale.objects.get(pk=page.locale_id).language_code
    url = None
    if event != "deleted":
        parts = page.get_url_parts()
        url = frontend_url(locale, parts[2]) if parts else None
    return (
        page_type,
        locale,
        {
            "id": page.pk,
            "type": page_type,
            "locale": locale,
            "translation_key": str(page.translation_key),
            "title": page.title,
            "slug": page.slug,
            "url": url,
        },
    )


def record(page, event):
    from webhooks.models import WebhookDelivery, WebhookSubscription

    subscriptions = list(WebhookSubscription.objects.filter(active=True))
    if not subscriptions:
        return
    page_type, locale, page_data = page_payload(page, event)
    occurred_at = timezone.now().isoformat()
    deliveries = [
        WebhookDelivery(
            subscription=subscription,
            event=event,
            payload={"event": f"page.{event}", "occurred_at": occurred_at, "page": page_data},
        )
        for subscription in subscriptions
        if subscription.wants(event, page_type, locale)
    ]
    if not deliveries:
        return
    WebhookDelivery.objects.bulk_create(deliveries)
    ids = [str(delivery.pk) for delivery in deliveries]
    transaction.on_commit(lambda: enqueue(ids))


def enqueue(delivery_ids):
    from webhooks.sending import deliver_webhook

    for delivery_id in delivery_ids:
        deliver_webhook.enqueue(delivery_id)


def on_published(sender, instance, **kwargs):
    record(instance, "published")


def on_unpublished(sender, instance, **kwargs):
    record(instance, "unpublished")


def on_deleted(sender, instance, **kwargs):
    if instance.content_type_id:
        record(instance, "deleted")


def connect():
    page_published.connect(on_published, dispatch_uid="webhooks-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="webhooks-unpublished")
    post_delete.connect(on_deleted, sender=Page, dispatch_uid="webhooks-deleted")
