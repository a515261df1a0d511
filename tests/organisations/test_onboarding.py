"""Inviting an organisation: user, group with edit rights on exactly its profile (every
locale), its own collection, an invitation with a set-password link; idempotent."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from companies.models import OrganisationAccess
from tests.conftest import translate_page
from tests.factories import OrganisationPageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "ein-sicheres-passwort-2026"  # noqa: S105


@pytest.fixture
def profile(home_tree, home_tree_zh, locale_zh):
    page = OrganisationPageFactory(
        parent=home_tree.organisations,
        title="Pfalz Robotik",
        slug="pfalz-robotik",
        legal_name="Pfalz Robotik GmbH",
    )
    translate_page(page, locale_zh)
    return page


@pytest.fixture
def other(home_tree):
    return OrganisationPageFactory(parent=home_tree.organisations, title="Andere GmbH")


def invite(*args):
    out = io.StringIO()
    call_command("invite_organisation", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts():
    return (
        get_user_model().objects.count(),
        Group.objects.count(),
        Collection.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        OrganisationAccess.objects.count(),
    )


def test_invite_creates_user_group_collection_and_mails_a_link(
    profile, locale_zh, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = invite("pfalz-robotik", "Kontakt@Pfalz-Robotik.example")
    assert "invitation sent" in output
    user = get_user_model().objects.get(email__iexact="kontakt@pfalz-robotik.example")
    assert not user.has_usable_password()
    access = OrganisationAccess.objects.get(translation_key=profile.translation_key)
    assert user.groups.filter(pk=access.group.pk).exists()
    # Edit rights on exactly the profile, in both locales; no publishing.
    permissions = GroupPagePermission.objects.filter(group=access.group)
    assert {p.page_id for p in permissions} == {profile.pk, profile.get_translation(locale_zh).pk}
    assert {p.permission.codename for p in permissions} == {"change_page"}
    for page in (profile, profile.get_translation(locale_zh)):
        tester = page.permissions_for_user(user)
        assert tester.can_edit() and not tester.can_publish()
    # Its own collection under "Organisationen", images and documents only there.
    assert access.collection.get_parent().name == "Organisationen"
    collections = {
        p.collection_id for p in GroupCollectionPermission.objects.filter(group=access.group)
    }
    assert collections == {access.collection.pk}
    [mail] = mailoutbox
    assert mail.to == ["Kontakt@pfalz-robotik.example"]
    assert "Pfalz Robotik GmbH" in mail.subject and "企业简介" in mail.subject
    assert re.search(r"/admin/password_reset/confirm/[^/]+/[^/]+/", mail.body)
    assert reverse("wagtailadmin_pages:edit", args=[profile.pk]) in mail.body


def test_running_it_twice_changes_nothing(profile, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(str(profile.pk), "kontakt@pfalz-robotik.example")
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        invite(str(profile.pk), "kontakt@pfalz-robotik.example")
    assert counts() == before


def test_the_link_sets_a_password_and_the_user_edits_only_its_profile(
    client, profile, other, locale_zh, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite("pfalz-robotik", "kontakt@pfalz-robotik.example")
    link = re.search(r"https?://\S+/admin/password_reset/confirm/\S+/", mailoutbox[0].body).group()
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    user = get_user_model().objects.get(email="kontakt@pfalz-robotik.example")
    assert user.check_password(PASSWORD)
    client.logout()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302  # logged in through the admin's login form
    for page in (profile, profile.get_translation(locale_zh)):
        assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert response.status_code in (302, 403)
    # Once the password is set, a new invitation sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert "no mail" in invite("pfalz-robotik", "kontakt@pfalz-robotik.example")
    assert len(mailoutbox) == 1


def test_bad_arguments_are_clear_errors(profile):
    with pytest.raises(CommandError, match="Not an email address"):
        invite("pfalz-robotik", "kein-email")
    with pytest.raises(CommandError, match="No organisation profile"):
        invite("gibt-es-nicht", "a@example.org")


def test_editors_invite_from_the_admin(
    admin_client, profile, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("companies_invite", args=[profile.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"email": "nicht gültig"})
    assert response.status_code == 200 and "email" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"email": "team@pfalz-robotik.example"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[profile.pk])).content.decode()
    assert url in edit  # the button in the page header


def test_an_organisation_user_cannot_invite(
    client, profile, other, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite("pfalz-robotik", "kontakt@pfalz-robotik.example")
    client.force_login(get_user_model().objects.get(email="kontakt@pfalz-robotik.example"))
    for page in (profile, other):
        response = client.get(reverse("companies_invite", args=[page.pk]))
        assert response.status_code in (302, 403)
