"""More than one server (issue 15): media on S3-compatible object storage, tested against a real
S3 server (moto's server mode on 127.0.0.1, started here). An image and a document uploaded in
the admin land in the bucket; the API serves the image's renditions from the object storage and
the document through the application; a second application server (gunicorn with our
gunicorn.conf.py and the production settings) serves the same content and the static files with
hashed names (WhiteNoise)."""

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images.models import Image as WagtailImage

from cms.settings.base import object_storage
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BASE_DIR = Path(django_settings.BASE_DIR)
PUBLIC_RENDITIONS = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::kl-china-media/images/*",
        }
    ],
}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {port}")


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server in its own process; the environment of an S3-configured deployment."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our interpreter, our arguments
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_port(port, process)
    environ = {
        "AWS_STORAGE_BUCKET_NAME": "kl-china-media",
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_S3_REGION_NAME": "eu-central-1",
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
    }
    client = boto3.client(
        "s3",
        endpoint_url=environ["AWS_S3_ENDPOINT_URL"],
        region_name="eu-central-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",  # noqa: S106
    )
    client.create_bucket(
        Bucket="kl-china-media",
        CreateBucketConfiguration={"LocationConstraint": "eu-central-1"},
    )
    # As the README says: renditions (images/) public, originals and documents private.
    client.put_bucket_policy(Bucket="kl-china-media", Policy=json.dumps(PUBLIC_RENDITIONS))
    yield environ, client
    stop(process)


@pytest.fixture
def on_s3(s3_server, settings, monkeypatch):
    """This process configured as base.py configures it from that environment."""
    environ, client = s3_server
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, environ[name])
    storage, media_url = object_storage(environ)
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = media_url
    return environ, client


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """collectstatic with the production settings: hashed, compressed names."""
    root = tmp_path_factory.mktemp("static")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "collectstatic-only-" + "x" * 40,
            "STATIC_ROOT": str(root),
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root


def png(width=640, height=480):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile("delegation.png", buffer.getvalue(), content_type="image/png")


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1
        return response.status, dict(response.headers), response.read()


def test_uploads_live_in_object_storage_and_every_server_serves_them(
    on_s3, home_tree, admin_client, django_capture_on_commit_callbacks, static_root, tmp_path
):
    environ, client = on_s3
    endpoint, bucket = environ["AWS_S3_ENDPOINT_URL"], environ["AWS_STORAGE_BUCKET_NAME"]

    # Upload in the admin, as an editor does.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:add"), {"title": "Delegation", "file": png()}
        )
        assert response.status_code == 302
        response = admin_client.post(
            reverse("wagtaildocs:add"),
            {"title": "Programm", "file": SimpleUploadedFile("programm.pdf", PDF)},
        )
        assert response.status_code == 302
    image, document = WagtailImage.objects.get(), Document.objects.get()
    keys = {item["Key"] for item in client.list_objects_v2(Bucket=bucket)["Contents"]}
    assert image.file.name in keys and document.file.name in keys
    assert not list(Path(django_settings.MEDIA_ROOT).rglob("delegation*"))  # not on the disk

    with django_capture_on_commit_callbacks(execute=True):
        news = NewsPageFactory(parent=home_tree.news, title="MoU", slug="mou", hero_image=image)
        news.save_revision().publish()
    for spec in ("fill-400x300", "max-800x800", "max-1600x1600"):
        image.get_rendition(spec)  # what the pre-generation task does

    # The API: renditions straight from the object storage.
    detail = admin_client.get(f"/api/v1/news/{news.pk}").json()
    renditions = detail["hero_image"]["renditions"]
    assert set(renditions) == {"thumbnail", "medium", "large"}
    for rendition in renditions.values():
        assert rendition["url"].startswith(f"{endpoint}/{bucket}/images/")
        status, headers, body = fetch(rendition["url"])
        assert status == 200
        assert Image.open(io.BytesIO(body)).size == (rendition["width"], rendition["height"])
    # Originals and documents are not public: only through the application.
    for private in (image.file.name, document.file.name):
        with pytest.raises(urllib.error.HTTPError) as refused:
            fetch(f"{endpoint}/{bucket}/{private}")
        assert refused.value.code == 403
    # The document: through the application (headers of its own), its bytes from the bucket.
    served = admin_client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["X-Content-Type-Options"] == "nosniff"

    # A second application server: gunicorn, production settings, the same environment.
    port = free_port()
    shared_database = connection.vendor == "postgresql"
    database_url = (
        "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict)
        if shared_database
        else f"sqlite:///{tmp_path / 'unused.sqlite3'}"  # SQLite's test database is in memory
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "second-server-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "API_CACHE_ENABLED": "false",
        **environ,
    }
    if connection.settings_dict.get("PASSWORD"):
        env["DATABASE_URL"] = database_url.replace(
            "@", f":{connection.settings_dict['PASSWORD']}@", 1
        )
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-c", "gunicorn.conf.py"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, server)
        base = f"http://127.0.0.1:{port}"
        # Static files: hashed names, cached for good, served by the application.
        manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
        hashed = manifest["wagtailadmin/css/core.css"]
        assert re.search(r"core\.[0-9a-f]{12}\.css$", hashed)
        status, headers, _body = fetch(f"{base}/static/{hashed}")
        assert status == 200
        assert "immutable" in headers["Cache-Control"]
        if shared_database:
            second = json.loads(fetch(f"{base}/api/v1/news/{news.pk}")[2])
            assert second["hero_image"]["renditions"] == renditions
            status, headers, body = fetch(f"{base}{document.url}")
            assert (status, body) == (200, PDF)
    finally:
        stop(server)
