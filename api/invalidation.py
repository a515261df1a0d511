"""Signal handlers around the delivery API: cache invalidation and rendition pre-generation.

Invalidation on everything an API response can show (``api/cache.py`` explains the tags):

- pages: published, unpublished, moved, deleted, and saved with content changes (a draft
  revision only touches bookkeeping fields and is ignored; a translation published by
  wagtail-localize goes through ``Revision.publish`` and so ``page_published``). A page of a
  targeted type (news, events, organisations) invalidates the responses of its type and those
  that refer to pages (``api.cache.bump_page``); any other page everything;
- view restrictions, sites and locales (visibility and URLs): everything;
- the taxonomy and contact snippets, images, documents and the API's renditions: everything.

The cache is never a dependency here: a bump that fails is logged and recorded for replay
(``api.cache.bump``), so publishing succeeds with Redis down.

Renditions (``api.tasks.generate_api_renditions``), after the transaction commits: for an
image when it is uploaded or changed, and for every image a page shows when it is published
(its image fields, StreamField and rich text, child relations, and the images of the snippets
it refers to, such as a contact person's photo).

``bulk_changes()`` suspends both for bulk loads (``generate_scale_data``): one invalidation
at the end instead of one per page.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager
from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from api.cache import bump_content_generation, bump_page
from base.models import api_renditions

_state = threading.local()

# Fields a draft revision, a lock or a new child update on a page: no live content changes.
PAGE_BOOKKEEPING_FIELDS = {
    "wagtail_admin_comments",
    "comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",
}
# Image fields Wagtail itself saves while reading the file (size, hash).
IMAGE_FILE_METADATA_FIELDS = {"file_size", "file_hash"}


# The snippets whose changes the API shows, by label: the content apps build on this one, so it
# names their models rather than importing them.
INVALIDATING_SNIPPETS = (
    "companies.Sector",
    "companies.CooperationType",
    "news.NewsCategory",
    "regions.ContactPerson",
)


@cache
def invalidating_models():
    """Models whose saves and deletes change API responses (Page subclasses are separate)."""
    return (
        *(apps.get_model(label) for label in INVALIDATING_SNIPPETS),
        get_image_model(),
        get_document_model(),
        PageViewRestriction,
        Site,
        Locale,
    )


def suspended():
    return getattr(_state, "suspended", False)


@contextmanager
def bulk_changes():
    """Suspend per-object invalidation and rendition tasks; invalidate once at the end."""
    previous = suspended()
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous
        if not previous:
            bump_content_generation()


def invalidate(sender=None, instance=None, **kwargs):
    """Receiver of page_published, page_unpublished and post_page_move."""
    if suspended():
        return
    if isinstance(instance, Page):
        bump_page(instance)
    else:
        bump_content_generation()


def invalidate_on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """post_save of every model: invalidate for pages, snippets, images and the like."""
    if raw or suspended():
        return
    if isinstance(instance, Page):
        if update_fields and set(update_fields) <= PAGE_BOOKKEEPING_FIELDS:
            return
        bump_page(instance)
        return
    elif isinstance(instance, invalidating_models()):
        if update_fields and set(update_fields) <= IMAGE_FILE_METADATA_FIELDS:
            return
    elif not _is_api_rendition(instance):
        return
    bump_content_generation()


def invalidate_on_delete(sender, instance, **kwargs):
    """post_delete of every model: invalidate for pages, snippets, images and the like."""
    if suspended():
        return
    if isinstance(instance, Page):
        bump_page(instance)
    elif isinstance(instance, invalidating_models()) or _is_api_rendition(instance):
        bump_content_generation()


@cache
def _rendition_model():
    return get_image_model().get_rendition_model()


def _is_api_rendition(instance):
    return isinstance(instance, _rendition_model()) and (
        instance.filter_spec in api_renditions().values()
    )


def enqueue_renditions(image_ids):
    """Create the API renditions of ``image_ids`` in the background once the data is committed."""
    from api.tasks import generate_api_renditions

    image_ids = sorted({int(pk) for pk in image_ids})
    if image_ids:
        transaction.on_commit(lambda: generate_api_renditions.enqueue(image_ids))


def renditions_on_image_save(sender, instance, created=False, update_fields=None, **kwargs):
    """post_save of the image model: an upload or a changed file (or focal point)."""
    if kwargs.get("raw") or suspended():
        return
    if update_fields and set(update_fields) <= IMAGE_FILE_METADATA_FIELDS:
        return
    enqueue_renditions([instance.pk])


def renditions_on_publish(sender, instance, **kwargs):
    """page_published: the renditions of every image the page shows."""
    if suspended():
        return
    enqueue_renditions(images_of(instance))


def images_of(obj):
    """The ids of the images ``obj`` refers to: its own fields (foreign keys, StreamField, rich
    text, child relations, found as Wagtail's reference index finds them) and the image fields
    of the objects it refers to that are neither pages nor images (e.g. snippets)."""
    image_model = get_image_model()
    image_type = ContentType.objects.get_for_model(image_model)
    image_ids = set()
    others = defaultdict(set)
    for (
        content_type_id,
        object_id,
        _model_path,
        _content_path,
    ) in ReferenceIndex._extract_references_from_object(obj):
        if content_type_id == image_type.pk:
            image_ids.add(object_id)
        else:
            others[content_type_id].add(object_id)
    for content_type_id, object_ids in others.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or issubclass(model, Page):
            continue
        image_fields = [
            field.attname
            for field in model._meta.get_fields()
            if isinstance(field, models.ForeignKey) and field.related_model is image_model
        ]
        for attname in image_fields:
            image_ids.update(
                model._default_manager.filter(pk__in=object_ids)
                .exclude(**{attname: None})
                .values_list(attname, flat=True)
            )
    return sorted(int(pk) for pk in image_ids)


def connect():
    """Connect the receivers (``HomeConfig.ready``)."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"api-cache-{id(signal)}")
    post_save.connect(invalidate_on_save, dispatch_uid="api-cache-save")
    post_delete.connect(invalidate_on_delete, dispatch_uid="api-cache-delete")
    post_save.connect(
        renditions_on_image_save, sender=get_image_model(), dispatch_uid="api-renditions-image"
    )
    page_published.connect(renditions_on_publish, dispatch_uid="api-renditions-publish")
