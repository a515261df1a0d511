"""Lockout per username across addresses (issue 15): guessing one account's password from many
addresses is stopped, but its owner keeps logging in from an address they have used; the client
address behind proxies is the one the trusted proxy saw, not what the client wrote."""

import pytest
from django.test import override_settings

from tests.accounts.test_login_protection import PASSWORD, attempt, editor  # noqa: F401

pytestmark = pytest.mark.django_db


@override_settings(AXES_FAILURE_LIMIT=3, AXES_USERNAME_FAILURE_LIMIT=6)
def test_many_addresses_cannot_guess_one_accounts_password(client, editor):  # noqa: F811
    # The owner logged in from the office before.
    assert attempt(client, PASSWORD, ip="203.0.113.10").status_code == 302
    client.logout()
    # An attacker on six addresses, two guesses each (under the per-address limit).
    for number in range(6):
        for _ in range(1 if number % 2 else 2):
            attempt(client, "falsch", ip=f"198.51.100.{number + 1}")
    # Nine failures, none of the pairs reached three: the username is locked from new addresses,
    # even with the right password.
    assert attempt(client, PASSWORD, ip="198.51.100.99").status_code == 429
    assert attempt(client, "rate", ip="198.51.100.98").status_code == 429
    # The owner still logs in from the office.
    assert attempt(client, PASSWORD, ip="203.0.113.10").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, AXES_USERNAME_FAILURE_LIMIT=6)
def test_other_accounts_are_not_affected(client, editor, django_user_model):  # noqa: F811
    django_user_model.objects.create_user("zweite", password=PASSWORD, is_superuser=True)
    for number in range(6):
        attempt(client, "falsch", ip=f"198.51.100.{number + 1}")
    assert attempt(client, PASSWORD, ip="198.51.100.50").status_code == 429
    assert attempt(client, PASSWORD, ip="198.51.100.50", username="zweite").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, TRUSTED_PROXY_COUNT=1)
def test_a_forged_x_forwarded_for_does_not_escape_the_lockout(client, editor):  # noqa: F811
    for number in range(3):
        client.post(
            "/admin/login/",
            {"username": "redakteurin", "password": "falsch"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.7",
        )
    locked = client.post(
        "/admin/login/",
        {"username": "redakteurin", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.200, 198.51.100.7",
    )
    assert locked.status_code == 429
    other = client.post(
        "/admin/login/",
        {"username": "redakteurin", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert other.status_code == 302
