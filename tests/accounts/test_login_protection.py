"""Login protection (django-axes) on the Wagtail admin login, and the password validators."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "lang-genug-und-selten-42"  # noqa: S105


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "redakteurin", password=PASSWORD, is_staff=False, is_superuser=True
    )


def attempt(client, password, ip="198.51.100.1", username="redakteurin"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_username_from_that_address(client, editor):
    for _ in range(2):
        response = attempt(client, "falsch")
        assert response.status_code == 200  # the login form again, with its error
    locked = attempt(client, "falsch")
    assert locked.status_code == 429
    assert "vorübergehend gesperrt" in locked.content.decode()
    # Locked: even the right password is refused from there.
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    # Another address may still log in with the right password.
    response = attempt(client, PASSWORD, ip="203.0.113.5")
    assert response.status_code == 302
    # An administrator unlocks.
    call_command("axes_reset", verbosity=0)
    client.logout()
    assert attempt(client, PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=2)
def test_lockout_message_in_chinese(client, editor):
    attempt(client, "falsch")
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "redakteurin", "password": "falsch"},
        REMOTE_ADDR="198.51.100.1",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 429
    assert "暂时锁定" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_login_resets_the_count(client, editor):
    attempt(client, "falsch")
    attempt(client, "falsch")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    attempt(client, "falsch")
    attempt(client, "falsch")
    assert attempt(client, PASSWORD).status_code == 302


def test_weak_passwords_are_form_errors(admin_client):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "neu",
            "email": "neu@example.org",
            "first_name": "Neu",
            "last_name": "Nutzer",
            "password1": "passwort",
            "password2": "passwort",
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="neu").exists()
    errors = response.context["form"].errors
    messages = " ".join(str(message) for field in errors.values() for message in field)
    assert any(name.startswith("password") for name in errors), errors
    assert "Passwort" in messages  # Django's validators, in the admin's German
