"""Uploads (issue 15): image size and pixel limits, no SVG; an allowlist of document types;
documents served as attachments unless they are PDF or plain text, never sniffed, never able to
run scripts."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images.models import Image as WagtailImage

pytestmark = pytest.mark.django_db


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile("bild.png", buffer.getvalue(), content_type="image/png")


def upload_image(admin_client, file):
    return admin_client.post(reverse("wagtailimages:add"), {"title": "Bild", "file": file})


def test_an_image_over_the_pixel_limit_is_a_form_error(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    response = upload_image(admin_client, png(200, 200))  # a few hundred bytes, 40,000 pixels
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not WagtailImage.objects.exists()
    assert upload_image(admin_client, png(100, 100)).status_code == 302


def test_an_image_over_the_size_limit_is_a_form_error(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    big = Image.effect_noise((200, 200), 100).convert("RGB")
    buffer = io.BytesIO()
    big.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 1000
    response = upload_image(
        admin_client, SimpleUploadedFile("gross.png", buffer.getvalue(), "image/png")
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not WagtailImage.objects.exists()


def test_the_production_limits(settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


def test_an_svg_image_is_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(admin_client, SimpleUploadedFile("x.svg", svg, "image/svg+xml"))
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


@pytest.mark.parametrize(
    "name", ["seite.html", "bild.svg", "skript.js", "programm.exe", "daten.xml", "seite.htm"]
)
def test_document_types_outside_the_allowlist_are_refused(admin_client, name):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Datei", "file": SimpleUploadedFile(name, b"<script>alert(1)</script>")},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Document.objects.exists()


def test_an_allowed_document_is_accepted(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Programm", "file": SimpleUploadedFile("programm.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    assert response.status_code == 302
    assert Document.objects.get().file_extension == "pdf"


@pytest.mark.parametrize(
    ("name", "content", "inline"),
    [
        ("programm.pdf", b"%PDF-1.4\n%%EOF\n", True),
        ("liste.txt", b"<html><script>alert(1)</script></html>", True),
        ("daten.csv", b"a,b\n<script>alert(1)</script>,2\n", False),
        ("archiv.zip", b"PK\x05\x06" + b"\0" * 18, False),
        ("bericht.docx", b"PK\x03\x04", False),
    ],
)
def test_documents_are_served_as_attachments_unless_pdf_or_text(client, name, content, inline):
    document = Document.objects.create(title=name, file=ContentFile(content, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline") if inline else disposition.startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "html" not in response["Content-Type"]
