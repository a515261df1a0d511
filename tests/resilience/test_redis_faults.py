"""Faults of a real Redis: the suite starts its own ``redis-server`` on a free port (never the
shared one), then kills it or pauses it (SIGSTOP) while the API is used. Expected: no 500,
``GET /api/v1/news`` within a second, inquiries stored, publishing succeeds, no webhook delivery
lost, and stale content gone once Redis is back."""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time

import pytest
import redis
from django.test import override_settings

from api.cache import reset_circuit
from api.models import MissedInvalidation
from inquiries.models import Inquiry
from news.models import NewsPage
from tests.factories import NewsPageFactory, OrganisationPageFactory
from tests.inquiries.conftest import inquiry_data
from tests.resilience.conftest import closed_port
from webhooks.models import WebhookDelivery, WebhookSubscription

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server not installed"),
]

NEWS = "/api/v1/news"


@pytest.fixture
def own_redis():
    """A private redis-server on a free port, with its data in a temp dir."""
    port = closed_port()
    workdir = tempfile.mkdtemp(prefix="cms-redis-")
    process = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            workdir,
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_timeout=1)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    caches = {
        "default": {
            "BACKEND": "cms.cache_backend.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "resilience-test",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    reset_circuit()
    with override_settings(CACHES=caches, CACHE_RETRY_SECONDS=0.5):
        yield process
    if process.poll() is None:
        os.kill(process.pid, signal.SIGCONT)
        process.kill()
        process.wait()
    shutil.rmtree(workdir, ignore_errors=True)
    reset_circuit()


@pytest.fixture
def content(home_tree):
    NewsPageFactory(parent=home_tree.news, title="Erste", slug="erste")
    draft = NewsPageFactory(parent=home_tree.news, title="Zweite", slug="zweite", draft=True)
    org = OrganisationPageFactory(parent=home_tree.organisations, title="Alpha", slug="alpha")
    WebhookSubscription.objects.create(
        name="CMS", url="http://127.0.0.1:9/hook", events=["published"]
    )
    return draft, org


def exercise(client, draft, org):
    """The API, an inquiry and a publish while Redis misbehaves."""
    timings = []
    for _ in range(3):
        started = time.monotonic()
        response = client.get(NEWS)
        timings.append(time.monotonic() - started)
        assert response.status_code == 200
    inquiry = client.post(
        "/api/v1/inquiries", json.dumps(inquiry_data(org)), content_type="application/json"
    )
    assert inquiry.status_code == 202, inquiry.content
    assert Inquiry.objects.filter(uuid=inquiry.json()["id"]).exists()
    deliveries = WebhookDelivery.objects.count()
    draft.save_revision().publish()
    assert NewsPage.objects.live().filter(pk=draft.pk).exists()
    assert WebhookDelivery.objects.count() > deliveries, list(WebhookSubscription.objects.values())
    return max(timings)


@pytest.mark.parametrize("fault", ["kill", "pause"])
def test_redis_fault_under_requests(client, own_redis, content, fault):
    draft, org = content
    assert client.get(NEWS)["X-Cache"] == "MISS"
    assert client.get(NEWS)["X-Cache"] == "HIT"
    if fault == "kill":
        own_redis.kill()
        own_redis.wait()
    else:
        os.kill(own_redis.pid, signal.SIGSTOP)
    slowest = exercise(client, draft, org)
    assert slowest < 1.0, f"a request took {slowest:.2f} s"
    assert MissedInvalidation.objects.exists()
    if fault == "pause":
        # Back, with its old entries and without the bumps it missed: nothing stale is served.
        os.kill(own_redis.pid, signal.SIGCONT)
        time.sleep(0.6)  # the circuit's retry period (CACHE_RETRY_SECONDS in the fixture)
        from api import cache as api_cache_module

        api_cache_module._replay["checked_at"] = 0.0
        response = client.get(NEWS)
        assert response.status_code == 200
        assert "Zweite" in [item["title"] for item in response.json()["items"]]
        assert not MissedInvalidation.objects.exists()
