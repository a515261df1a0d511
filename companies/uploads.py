"""Uploads of organisations stay private until an editor has approved a profile that uses them.

*Released*: a file outside the organisations' collections, or one that the live (approved)
content of a page of its organisation references (the logo, an image or document in rich text
or a StreamField): the reference is looked for in each live page's live revision, so a pending
draft neither releases a file nor hides a released one.

- **Documents** are served through Wagtail's serve view (``/documents/<id>/<name>``, Wagtail's
  default ``WAGTAILDOCS_SERVE_METHOD``); ``before_serve_document`` (``wagtail_hooks``) refuses
  an unreleased organisation document to everyone but users who may change it (the
  organisation, editors with document rights, superusers). Once the profile is approved, the
  document URL works for everyone, as today.
- **Images** are served as files by the web server (originals and the API's renditions under
  ``MEDIA_URL``). A file uploaded into an organisation's collection gets a random part in its
  name (``logo-<22 random characters>.png``), so neither the original nor its renditions can
  be found by guessing: until approval the address appears only in the admin of that
  organisation and of the editors (the delivery API shows only live content). After approval
  the API's renditions work as today.
- Document files carry the same random part, for a web server that still serves
  ``/media/documents/`` (block it, as Wagtail recommends: README, operations).
"""

import os
import secrets

from wagtail.models import Page, ReferenceIndex

from companies.models import OrganisationAccess
from companies.portal import own_pages_filter

TOKEN_BYTES = 16  # 22 characters of URL-safe base64


def organisation_of(obj):
    """The ``OrganisationAccess`` whose collection holds ``obj``, or None."""
    return OrganisationAccess.objects.filter(collection_id=obj.collection_id).first()


def is_released(obj):
    access = organisation_of(obj)
    if access is None:
        return True
    # wagtail's reference extraction (also used by its reference index), run on live revisions.
    content_type_id = ReferenceIndex._get_base_content_type(obj).pk
    pages = Page.objects.live().filter(own_pages_filter([access.translation_key]))
    for page in pages.select_related("live_revision"):
        live = page.live_revision.as_object() if page.live_revision_id else page.specific
        for reference in ReferenceIndex._extract_references_from_object(live):
            if reference[0] == content_type_id and str(reference[1]) == str(obj.pk):
                return True
    return False


def may_see_unreleased(user, obj, permission_policy):
    return user.is_authenticated and permission_policy.user_has_permission_for_instance(
        user, "change", obj
    )


def tokenised_name(name):
    stem, extension = os.path.splitext(os.path.basename(name))
    return f"{stem[:60]}-{secrets.token_urlsafe(TOKEN_BYTES)}{extension}"


def name_organisation_upload(sender, instance, raw=False, **kwargs):
    """``pre_save`` of images and documents: a new file in an organisation's collection gets a
    random part in its name (connected in ``apps``)."""
    if raw or not instance.file or getattr(instance.file, "_committed", True):
        return
    if organisation_of(instance) is None:
        return
    instance.file.name = tokenised_name(instance.file.name)
