"""Isolation of organisation users in the admin.

An organisation user (a member of an ``OrganisationAccess`` group, without any other page
rights and not a superuser) may see its own profile in every locale and the platform pages
above it, nothing of other organisations. Wagtail's permission checks already refuse the edit,
history, revision, copy, move, delete, preview and translation views of other pages, and the
image and document views outside its collection. Leaks found by
``tests/organisations/test_isolation.py`` and closed here:

- the page chooser (browse and search) listed every page, live and draft titles included: its
  queryset is limited to the user's profile pages and their ancestors;

Everything else is deny by default: ``companies.portal`` lets organisation users reach only an
allowlist of admin views with object checks.
"""

from django.db.models import Q
from wagtail.models import GroupPagePermission, Page


def organisation_keys(user):
    """The translation keys of the profiles ``user`` maintains, or None when ``user`` is not
    an organisation user."""
    if not user.is_authenticated or user.is_superuser:
        return None
    # Asked several times per request (choosers, the inquiry permission policy): once per user
    # object, i.e. per request.
    if not hasattr(user, "_organisation_keys"):
        user._organisation_keys = _organisation_keys(user)
    return user._organisation_keys


def _organisation_keys(user):
    groups = list(user.groups.all())
    organisation_groups = [g for g in groups if hasattr(g, "organisation_access")]
    if not organisation_groups:
        return None
    other_groups = [g for g in groups if g not in organisation_groups]
    if GroupPagePermission.objects.filter(group__in=other_groups).exists():
        return None  # also an editor
    return [g.organisation_access.translation_key for g in organisation_groups]


def visible_pages_filter(keys):
    """Q for the profile pages of ``keys`` and every page above them."""
    own = Page.objects.filter(translation_key__in=keys)
    ancestor_paths = set()
    for path in own.values_list("path", flat=True):
        for end in range(Page.steplen, len(path), Page.steplen):
            ancestor_paths.add(path[:end])
    return Q(translation_key__in=keys) | Q(path__in=ancestor_paths)


def limit_pages(pages, request):
    keys = organisation_keys(request.user)
    if keys is None:
        return pages
    return pages.filter(visible_pages_filter(keys))
