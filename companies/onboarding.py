"""Inviting an organisation to maintain its own profile (``invite_organisation``).

It creates or reuses: the user (by email), a group for the organisation with the right to
edit its profile page in every locale (not to publish: changes go through the profile review),
a collection for its images and documents with rights there only, and admin access. The user
gets an invitation, in German and Chinese, with a link to set a password (Django's token
machinery, through Wagtail's password-reset screen). Running it again creates nothing; the
invitation is sent again only while the user has not set a password.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from companies.models import OrganisationAccess, OrganisationPage

ORGANISATIONS_COLLECTION = "Organisationen"
PAGE_PERMISSIONS = ["change_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


@dataclass
class Invitation:
    user: object
    access: OrganisationAccess
    user_created: bool
    access_created: bool
    mailed: bool


def find_profile(value):
    """An organisation profile by page id or slug (any translation)."""
    pages = OrganisationPage.objects.all()
    page = pages.filter(pk=int(value)).first() if str(value).isdigit() else None
    return page or pages.filter(slug=value).order_by("pk").first()


def organisations_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=ORGANISATIONS_COLLECTION).first()
    return existing or root.add_child(name=ORGANISATIONS_COLLECTION)


def profile_name(page):
    return page.legal_name or page.title


def ensure_access(page):
    """The organisation's group and collection, with exactly their permissions."""
    access = OrganisationAccess.objects.filter(translation_key=page.translation_key).first()
    created = access is None
    if created:
        name = f"Organisation: {profile_name(page)}"[:140]
        group, _created = Group.objects.get_or_create(name=name)
        parent = organisations_collection()
        collection = parent.get_children().filter(name=profile_name(page)).first()
        collection = collection or parent.add_child(name=profile_name(page)[:255])
        access = OrganisationAccess.objects.create(
            translation_key=page.translation_key, group=group, collection=collection
        )
    group = access.group
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for translation in Page.objects.filter(translation_key=page.translation_key):
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=translation,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=access.collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return access, created


def set_password_url(user):
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def invitation_mail(user, page):
    url = set_password_url(user)
    name = profile_name(page)
    profile_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )
    body = "\n".join(
        [
            f"Guten Tag,\n\nSie sind eingeladen, das Profil von {name} auf der "
            "Kaiserslautern–China-Plattform selbst zu pflegen. Legen Sie hier Ihr Passwort fest:",
            url,
            f"Ihr Benutzername: {user.get_username()}. Ihr Profil: {profile_url}",
            "Änderungen werden nach einer Prüfung durch die Redaktion veröffentlicht.",
            "",
            f"您好：\n\n诚邀您在凯泽斯劳滕–中国平台上自行维护{name}的企业简介。请通过以下链接设置密码：",
            url,
            f"您的用户名：{user.get_username()}。您的简介：{profile_url}",
            "您的修改经编辑部审核后发布。",
        ]
    )
    return EmailMessage(
        subject=f"Einladung: Profil von {name} pflegen / 邀请：维护{name}的企业简介",
        body=body,
        to=[user.email],
    )


@transaction.atomic
def invite_organisation(page, email):
    """Invite ``email`` to maintain ``page`` (an organisation profile); see the module doc."""
    page = page.specific
    if not isinstance(page, OrganisationPage):
        raise ValueError("Only organisation profiles can be maintained by organisations.")
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email.strip())
    user = user_model.objects.filter(email__iexact=email).first()
    user_created = user is None
    if user_created:
        user = user_model.objects.create_user(username=email.lower(), email=email)
        user.set_unusable_password()
        user.save()
    access, access_created = ensure_access(page)
    user.groups.add(access.group)
    mailed = False
    if not user.has_usable_password():
        transaction.on_commit(lambda: invitation_mail(user, page).send())
        mailed = True
    return Invitation(user, access, user_created, access_created, mailed)


def grant_new_translation(sender, instance, created, raw=False, **kwargs):
    """A profile translated after the invitation (a new page of the translation group) is
    editable by the organisation's group as well (``post_save``, connected in ``apps``)."""
    if not created or raw or not isinstance(instance, Page):
        return
    access = OrganisationAccess.objects.filter(translation_key=instance.translation_key).first()
    if access is None:
        return
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=access.group,
            page=instance,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
