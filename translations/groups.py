"""Locale-scoped editor groups: one per content locale, with rights on its tree only
(``manage.py setup_editor_groups``, also run by ``load_demo``)."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale

from home.models import HomePage

EDITOR_GROUP_NAMES = {"de": "Redaktion Deutsch", "zh-hans": "Redaktion 中文"}
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def group_name(locale):
    return EDITOR_GROUP_NAMES.get(
        locale.language_code, f"Redaktion {locale.get_display_name() or locale.language_code}"
    )


def setup_editor_groups():
    """Create or complete the groups; returns {group name: home page or None}."""
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    submit = Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    root_collection = Collection.get_first_root_node()
    result = {}
    for locale in Locale.objects.order_by("pk"):
        home = HomePage.objects.filter(locale=locale).order_by("path").first()
        name = group_name(locale)
        result[name] = home
        if home is None:
            continue
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, submit)
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    return result
