"""Signal receivers of the api app (connected in ``ApiConfig.ready``).

- Redirects are shown by ``/api/v1/redirects`` and ``pages/resolve``: saving or deleting one
  invalidates the API cache like any other content change (``api.invalidation.invalidate``).
- The sync change log (``api.models.PageChange``), written in the transaction of the change:
  publish, unpublish, delete; a move or a view restriction added or removed logs the page and
  its descendants as ``published`` (still visible: their URL or visibility may have changed)
  or ``hidden`` (out of the public's view), as they are at that moment.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from api.invalidation import invalidate


def invalidate_redirects(sender, raw=False, **kwargs):
    if not raw:
        invalidate()


def page_type_label(content_type_id):
    """``app_label.ModelName`` of a page content type (as ``api.context.page_type``)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    return f"{model._meta.app_label}.{model.__name__}"


def log_changes(pages, action):
    from api.models import PageChange

    PageChange.objects.bulk_create(
        PageChange(
            page_id=page.pk,
            locale_id=page.locale_id,
            page_type=page_type_label(page.content_type_id),
            action=action,
        )
        for page in pages
    )


def on_publish(sender, instance, **kwargs):
    from api.models import PageChange

    log_changes([instance], PageChange.PUBLISHED)


def on_unpublish(sender, instance, **kwargs):
    from api.models import PageChange

    log_changes([instance], PageChange.UNPUBLISHED)


def on_delete(sender, instance, **kwargs):
    from api.models import PageChange

    # A page deleted as its specific model sends this for both rows: logged once per
    # transaction would need state; the sync endpoint collapses the duplicates.
    if isinstance(instance, Page):
        log_changes([instance], PageChange.DELETED)


def log_subtree(page):
    """Log ``page`` and its live descendants as visible (``published``) or ``hidden``."""
    from api.models import PageChange
    from base.models import ApiPageQuerySet

    subtree = Page.objects.filter(path__startswith=page.path, live=True).only(
        "id", "locale_id", "content_type_id"
    )
    visible = set(
        ApiPageQuerySet(model=Page)
        .visible()
        .filter(path__startswith=page.path)
        .values_list("pk", flat=True)
    )
    pages = list(subtree)
    log_changes([p for p in pages if p.pk in visible], PageChange.PUBLISHED)
    log_changes([p for p in pages if p.pk not in visible], PageChange.HIDDEN)


def on_move(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if url_path_before != url_path_after:
        log_subtree(instance)


def on_restriction_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:  # gone when the restriction is deleted with its page
        log_subtree(page)


def connect():
    post_save.connect(invalidate_redirects, sender=Redirect, dispatch_uid="api-redirects-save")
    post_delete.connect(invalidate_redirects, sender=Redirect, dispatch_uid="api-redirects-del")
    page_published.connect(on_publish, dispatch_uid="api-sync-publish")
    page_unpublished.connect(on_unpublish, dispatch_uid="api-sync-unpublish")
    post_page_move.connect(on_move, dispatch_uid="api-sync-move")
    post_delete.connect(on_delete, dispatch_uid="api-sync-delete")
    post_save.connect(
        on_restriction_change, sender=PageViewRestriction, dispatch_uid="api-sync-restriction"
    )
    post_delete.connect(
        on_restriction_change, sender=PageViewRestriction, dispatch_uid="api-sync-restriction-d"
    )
