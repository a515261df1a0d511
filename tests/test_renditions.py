"""The API's named renditions are created by a background task on upload and publish, never by
an API request (api/tasks.py, api/invalidation.py).

The tasks run after the transaction commits; tests run inside one, so they execute the
on-commit callbacks with ``django_capture_on_commit_callbacks(execute=True)``.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.rich_text import RichText

from api.tasks import generate_api_renditions
from base.models import api_renditions, named_renditions
from regions.models import OfficeContact
from tests.factories import (
    ContactPersonFactory,
    ImageFactory,
    OfficePageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
)

pytestmark = pytest.mark.django_db

SPECS = set(api_renditions().values())


def specs_of(image):
    return set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))


def image_without_renditions(**kwargs):
    """An image saved without running the on-commit upload task."""
    image = ImageFactory(**kwargs)
    assert specs_of(image) == set()
    return image


def test_saving_an_image_creates_the_named_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory()
    assert specs_of(image) == SPECS


def test_uploading_an_image_in_the_admin_creates_the_named_renditions(
    client, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    upload = ImageFactory.build().file
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Logo",
                "file": SimpleUploadedFile("logo.jpg", upload.read(), content_type="image/jpeg"),
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get(title="Logo")
    assert specs_of(image) == SPECS


def test_task_creates_only_the_missing_renditions_once():
    image = image_without_renditions()
    image.get_rendition("max-800x800")
    assert generate_api_renditions.enqueue([image.pk]).return_value == len(SPECS) - 1
    assert specs_of(image) == SPECS
    assert generate_api_renditions.enqueue([image.pk]).return_value == 0
    assert Rendition.objects.filter(image=image).count() == len(SPECS)


def test_task_skips_deleted_images_and_unreadable_files():
    broken = image_without_renditions()
    broken.file.storage.delete(broken.file.name)
    fine = image_without_renditions()
    result = generate_api_renditions.enqueue([broken.pk, fine.pk, 999_999])
    assert result.return_value == len(SPECS)
    assert specs_of(fine) == SPECS
    assert specs_of(broken) == set()


def test_publishing_a_page_creates_the_renditions_of_every_image_it_shows(
    home_tree, django_capture_on_commit_callbacks
):
    hero, block, inline, photo, unrelated = (image_without_renditions() for _ in range(5))
    region = RegionPageFactory(parent=home_tree.regions, hero_image=hero, draft=True)
    region.body = [
        ("image", {"image": block, "caption": "", "credit": ""}),
        (
            "paragraph",
            RichText(f'<embed alt="x" embedtype="image" format="fullwidth" id="{inline.pk}"/>'),
        ),
    ]
    region.save_revision()
    office = OfficePageFactory(parent=region, draft=True)
    office.contacts.add(OfficeContact(person=ContactPersonFactory(photo=photo)))
    office.save_revision()
    for image in (hero, block, inline, photo):
        assert specs_of(image) == set()

    with django_capture_on_commit_callbacks(execute=True):
        region.get_latest_revision().publish()
        office.get_latest_revision().publish()

    for image in (hero, block, inline, photo):
        assert specs_of(image) == SPECS, image
    assert specs_of(unrelated) == set()


def test_an_api_request_never_creates_a_rendition(client, home_tree):
    logo = image_without_renditions(title="Logo")
    org = OrganisationPageFactory(parent=home_tree.organisations, logo=logo)
    before = Rendition.objects.count()
    for path in (f"/api/v1/organisations/{org.pk}", "/api/v1/organisations"):
        response = client.get(path)
        assert response.status_code == 200
    assert response.json()["items"][0]["logo"]["renditions"] == {}
    assert Rendition.objects.count() == before


def test_new_renditions_invalidate_the_cached_response(client, home_tree):
    logo = image_without_renditions(title="Logo")
    org = OrganisationPageFactory(parent=home_tree.organisations, logo=logo)
    path = f"/api/v1/organisations/{org.pk}"
    assert client.get(path).json()["logo"]["renditions"] == {}
    assert client.get(path)["X-Cache"] == "HIT"
    generate_api_renditions.enqueue([logo.pk])
    response = client.get(path)
    assert response["X-Cache"] == "MISS"
    assert set(response.json()["logo"]["renditions"]) == set(named_renditions())
