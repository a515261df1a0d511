"""Database outages (a 503 with Retry-After, the cache still serving), health endpoints, the
worker surviving an outage, stranded task rows, the restore's cache invalidation, SMTP
timeouts."""

import json
import socket
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cms.worker import LOST, recover_stranded_tasks, run_resiliently
from inquiries.delivery import deliver
from inquiries.models import Inquiry
from tests.factories import NewsPageFactory, OrganisationPageFactory
from tests.inquiries.conftest import inquiry_data
from tests.resilience.conftest import database_down

NEWS = "/api/v1/news"


@pytest.fixture
def outage_client():
    """A client that gets the response Django sends, as a browser would, not the exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def content(home_tree):
    NewsPageFactory(parent=home_tree.news, title="Erste", slug="erste")
    return OrganisationPageFactory(parent=home_tree.organisations, title="Alpha", slug="alpha")


# --- Health ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_needs_nothing_and_readyz_reports_each_check(client):
    with database_down():
        assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "queue": "ok",
    }


@pytest.mark.django_db
def test_readyz_is_degraded_without_cache_and_503_without_database(client, unreachable_cache):
    degraded = client.get("/readyz")
    assert degraded.status_code == 200
    assert degraded.json()["status"] == "degraded"
    assert degraded.json()["checks"]["cache"]["status"] == "fail"
    with database_down():
        down = client.get("/readyz")
    assert down.status_code == 503
    assert down.json()["checks"]["database"]["status"] == "fail"


@pytest.mark.django_db
@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, READY_QUEUE_LAG_SECONDS=60
)
def test_readyz_reports_queue_lag(client):
    DBTaskResult.objects.create(
        task_path="api.tasks.generate_api_renditions",
        args_kwargs={"args": [[]], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now() - timedelta(minutes=5),
    )
    queue = client.get("/readyz").json()["checks"]["queue"]
    assert queue["status"] == "lagging"
    assert queue["lag_seconds"] >= 299


# --- The database down ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_database_down_uncached_api_is_json_503_cached_is_served(outage_client, content):
    assert outage_client.get(NEWS).status_code == 200  # cached now
    with database_down():
        cached = outage_client.get(NEWS)
        uncached = outage_client.get(f"/api/v1/organisations/{content.pk}")
        inquiry = outage_client.post(
            "/api/v1/inquiries", json.dumps(inquiry_data(content)), "application/json"
        )
        feed = outage_client.get("/api/v1/feeds/news.rss")
    assert (cached.status_code, cached["X-Cache"]) == (200, "HIT")
    for response in (uncached, inquiry):
        assert response.status_code == 503, response.content
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"]
        assert response["Retry-After"] == "30"
    assert feed.status_code in (200, 503)  # cached, or a 503: never a 500


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_down_admin_gets_the_admin_styled_503(outage_client, admin_user):
    outage_client.force_login(admin_user)
    with database_down():
        response = outage_client.get("/admin/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "wagtailadmin/css/core.css" in html
    assert "Vorübergehend nicht verfügbar" in html and "暂时无法使用" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_survives_a_database_outage_and_resumes(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from api.tasks import generate_api_renditions

    result = generate_api_renditions.enqueue([])
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="resilience-test",
        excluded_queue_names=[],
    )
    outage = database_down()
    outage.__enter__()
    pauses = []

    def sleep(seconds):  # the database comes back while the worker waits
        pauses.append(seconds)
        outage.__exit__(None, None, None)

    assert run_resiliently(worker, sleep=sleep) == 1
    assert pauses == [1.0]
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"


@pytest.mark.django_db
def test_stranded_running_rows_are_marked_failed():
    now = timezone.now()

    def row(started_minutes_ago, worker):
        return DBTaskResult.objects.create(
            task_path="api.tasks.generate_api_renditions",
            args_kwargs={"args": [[]], "kwargs": {}},
            backend_name="default",
            queue_name="default",
            run_after=now,
            status="RUNNING",
            started_at=now - timedelta(minutes=started_minutes_ago),
            worker_ids=[worker],
        )

    old, mine, busy = row(120, "a"), row(1, "dead"), row(1, "b")
    assert recover_stranded_tasks("dead") == 2
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert (statuses[old.pk], statuses[mine.pk], statuses[busy.pk]) == (
        "FAILED",
        "FAILED",
        "RUNNING",
    )
    assert DBTaskResult.objects.get(pk=old.pk).exception_class_path == LOST
    call_command("recover_tasks", "--worker-id", "b")
    assert DBTaskResult.objects.get(pk=busy.pk).status == "FAILED"


# --- Restore: every cache entry invalid ----------------------------------------------------


@pytest.mark.django_db
def test_invalidate_api_cache_makes_every_entry_unusable_even_stale(client, content, rf):
    from django.core.cache import caches

    from api.cache import cache_key

    client.get(NEWS)
    assert client.get(NEWS)["X-Cache"] == "HIT"
    caches["default"].add(f"{cache_key(rf.get(NEWS))}:lock", 1, 10)  # another recomputes
    call_command("invalidate_api_cache")
    assert client.get(NEWS)["X-Cache"] == "MISS"


# --- SMTP that accepts and never answers ------------------------------------------------


@pytest.mark.django_db
def test_a_silent_smtp_server_costs_email_timeout_not_the_worker(content, settings):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)  # accepts connections (the kernel does), never says a word
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent.getsockname()[1]
    settings.EMAIL_TIMEOUT = 1
    inquiry = Inquiry.objects.create(
        recipient=content,
        name="Li Wei",
        email="li.wei@example.cn",
        country="CN",
        message="Wir möchten zusammenarbeiten.",
        language="de",
        consent_at=timezone.now(),
        recipient_title="Alpha",
        recipient_kind="organisation",
    )
    started = time.monotonic()
    try:
        deliver(inquiry.pk)
    finally:
        silent.close()
    assert time.monotonic() - started < 3
    inquiry.refresh_from_db()
    assert inquiry.status != Inquiry.Status.DELIVERED
    assert "timed out" in inquiry.last_error.lower() or "timeout" in inquiry.last_error.lower()
    assert inquiry.attempts == 1
