"""Uploads of organisations stay private until approved (companies.uploads): documents through
Wagtail's serve view refused to others, images and documents under unguessable names; after the
editors approve a profile that uses them, they are served as today."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from companies.models import OrganisationAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(reviewed_profile):
    access = OrganisationAccess.objects.get(
        translation_key=reviewed_profile.profile.translation_key
    )
    return reviewed_profile, access.collection


def upload_document(client, user, collection):
    client.force_login(user)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Preisliste",
            "collection": collection.pk,
            "file": SimpleUploadedFile("preisliste.txt", b"Preise 4711"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_document_model().objects.get(title="Preisliste")


def png():
    data = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 20, 30)).save(data, "PNG")
    return SimpleUploadedFile("logo.png", data.getvalue(), content_type="image/png")


def test_a_document_is_served_to_others_only_once_a_profile_using_it_is_approved(
    client, org, django_user_model
):
    reviewed, collection = org
    document = upload_document(client, reviewed.organisation_user, collection)
    assert re.fullmatch(r"documents/preisliste-[\w-]{22}\.txt", document.file.name)
    url = document.url
    assert client.get(url).status_code == 200  # the organisation itself
    client.force_login(reviewed.editor)
    assert client.get(url).status_code == 200  # an editor
    client.logout()
    assert client.get(url).status_code == 403  # anyone else
    stranger = django_user_model.objects.create_user("fremd")
    client.force_login(stranger)
    assert client.get(url).status_code == 403

    profile = reviewed.profile.specific
    profile.description = f'<p><a linktype="document" id="{document.pk}">Preise</a></p>'
    profile.save_revision()  # a draft using it: still private
    client.logout()
    assert client.get(url).status_code == 403

    profile.get_latest_revision().publish()  # the editors approve
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Preise 4711"


def test_an_organisations_images_get_unguessable_names_and_approved_logos_reach_the_api(
    client, org, django_capture_on_commit_callbacks
):
    reviewed, collection = org
    client.force_login(reviewed.organisation_user)
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Logo", "collection": collection.pk, "file": png()},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Logo")
    assert re.fullmatch(r"original_images/logo-[\w-]{22}\.png", image.file.name)
    rendition = image.get_rendition("max-165x165")  # the admin's thumbnail
    assert re.search(r"logo-[\w-]{22}\.", rendition.file.name)

    # An editor's upload outside the organisations' collections keeps its name.
    other = get_image_model()(title="Redaktion", file=png())
    other.save()
    assert not re.search(r"-[\w-]{22}\.", other.file.name)

    profile = reviewed.profile.specific
    profile.logo = image
    with django_capture_on_commit_callbacks(execute=True):
        profile.save_revision().publish()
    body = client.get(f"/api/v1/organisations/{profile.pk}").json()
    assert body["logo"]["title"] == "Logo" and body["logo"]["id"] == image.pk
