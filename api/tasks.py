"""Background tasks of the home app: pre-generating the API's image renditions.

The API only reads renditions (``api.context.ApiContext``): an image's named renditions
(setting ``API_RENDITIONS``) are created here, when the image is uploaded or changed and when
a page that shows it is published (``api/invalidation.py``).
"""

import logging

from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from base.models import api_renditions

logger = logging.getLogger(__name__)


def create_api_renditions(image):
    """Create the missing named API renditions of one image; return how many were created."""
    filters = [Filter(spec=spec) for spec in dict.fromkeys(api_renditions().values())]
    existing = image.find_existing_renditions(*filters)
    missing = [image_filter for image_filter in filters if image_filter not in existing]
    if missing:
        image.create_renditions(*missing)
    return len(missing)


@task()
def generate_api_renditions(image_ids):
    """Create the named API renditions of the images ``image_ids`` (missing images are skipped).

    New renditions change API responses (the ``renditions`` of an image), so the API cache is
    invalidated when any was created.
    """
    from api.cache import bump_content_generation

    created = 0
    for image in get_image_model().objects.filter(pk__in=image_ids).order_by("pk"):
        try:
            created += create_api_renditions(image)
        except Exception:
            # A missing or unreadable file must not stop the other images.
            logger.exception("Could not create the API renditions of image %s", image.pk)
    if created:
        bump_content_generation()
    return created
