"""The second factor (issue 15): editors and superusers must enrol a TOTP app when the setting
says so, then enter a code after every password login; recovery codes work once; organisation
users may enrol; the screens speak German, Chinese and English. Real TOTP codes throughout
(django_otp.oath), computed from the secret the enrolment screen shows."""

import base64
import re
import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.test_admin import set_admin_language

pytestmark = pytest.mark.django_db

PASSWORD = "lang-genug-und-selten-42"  # noqa: S105
SETUP, VERIFY = "/admin/2fa/setup/", "/admin/2fa/verify/"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("chefin", "chefin@example.org", PASSWORD)


@pytest.fixture
def editor(django_user_model):
    group = Group.objects.create(name="Redaktion Test")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("redakteur", password=PASSWORD)
    user.groups.add(group)
    return user


def code(key, offset=0):
    """The code an authenticator app shows ``offset`` seconds from now."""
    totp = TOTP(key)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def log_in(client, user):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def enrol(client):
    """Through the enrolment screen as a person would: read the key, type the app's code."""
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # the QR code
    secret = re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", html).group(1)
    key = base64.b32decode(secret.replace(" ", ""))
    assert "otpauth://totp/" in html
    done = client.post(SETUP, {"token": code(key), "next": "/admin/pages/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    return key, codes


@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_editors_and_superusers_must_enrol_before_using_the_admin(client, who, request):
    user = request.getfixturevalue(who)
    log_in(client, user)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{SETUP}?next=")
    assert client.get("/admin/api/main/pages/").status_code == 302  # the admin API too
    key, _codes = enrol(client)
    assert client.get("/admin/").status_code == 200
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.bin_key == key


def test_a_wrong_code_does_not_enrol(client, superuser):
    log_in(client, superuser)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert response.status_code == 200
    assert "Der Code stimmt nicht" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_every_login_asks_for_a_code(client, superuser):
    log_in(client, superuser)
    key, _codes = enrol(client)
    client.logout()
    log_in(client, superuser)
    response = client.get("/admin/pages/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
    # The code just used for the enrolment cannot be replayed; the app's next one works.
    assert client.post(VERIFY, {"token": code(key)}).status_code == 200
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    verified = client.post(VERIFY, {"token": code(key, 30), "next": "/admin/pages/"})
    assert verified.status_code == 302
    assert verified["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_wrong_codes_are_throttled(client, superuser):
    log_in(client, superuser)
    key, _codes = enrol(client)
    client.logout()
    log_in(client, superuser)
    for _ in range(3):
        response = client.post(VERIFY, {"token": "123456"})
        assert "zu viele Versuche" in response.content.decode()
    # Right after failures even the right code waits (django-otp's throttling).
    assert client.post(VERIFY, {"token": code(key, 30)}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, superuser):
    log_in(client, superuser)
    _key, codes = enrol(client)
    client.logout()
    log_in(client, superuser)
    response = client.post(VERIFY, {"token": codes[0], "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.count() == 9
    client.logout()
    log_in(client, superuser)
    assert client.post(VERIFY, {"token": codes[0]}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, superuser):
    log_in(client, superuser)
    _key, codes = enrol(client)
    page = client.get(SETUP)
    assert "10 Wiederherstellungscodes" in page.content.decode()
    fresh = client.post(SETUP, {"action": "recovery"})
    new_codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", fresh.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new_codes)


def test_not_required_when_the_setting_is_off(client, superuser, settings):
    settings.TWO_FACTOR_REQUIRED = False
    log_in(client, superuser)
    assert client.get("/admin/").status_code == 200
    # Who has a device still needs its code.
    key, _codes = enrol(client)
    client.logout()
    log_in(client, superuser)
    assert client.get("/admin/").status_code == 302


def test_organisation_users_may_but_need_not_enrol(client, reviewed_profile):
    user = reviewed_profile.organisation_user
    client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": reviewed_profile.ORGANISATION_PASSWORD},
    )
    assert client.get("/admin/").status_code == 200
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "vorgeschrieben" not in page.content.decode()
    enrol(client)
    client.logout()
    client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": reviewed_profile.ORGANISATION_PASSWORD},
    )
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_next_must_stay_on_this_site(client, superuser):
    log_in(client, superuser)
    key, _codes = enrol(client)
    client.logout()
    log_in(client, superuser)
    response = client.post(VERIFY, {"token": code(key, 30), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Zwei-Faktor-Anmeldung einrichten"),
        ("zh-hans", "设置双重验证"),
        ("en", "Set up two-factor sign-in"),
    ],
)
def test_the_screens_speak_the_users_language(client, superuser, language, text):
    set_admin_language(superuser, language)
    log_in(client, superuser)
    html = client.get(SETUP).content.decode()
    assert text in html
    assert f'<html lang="{language}"' in html


def test_an_administrator_resets_a_lost_second_factor(client, superuser):
    import io

    from django.core.management import call_command

    log_in(client, superuser)
    enrol(client)
    out = io.StringIO()
    call_command("reset_second_factor", "chefin", stdout=out)
    assert "Removed 2 device(s)" in out.getvalue()
    client.logout()
    log_in(client, superuser)
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_a_password_alone_cannot_enrol_another_app(client, superuser):
    """A thief with the password only: the enrolment screen sends them to the code first, so
    they cannot add their own authenticator app or get recovery codes."""
    log_in(client, superuser)
    enrol(client)
    client.logout()
    log_in(client, superuser)
    for response in (
        client.get(SETUP),
        client.post(SETUP, {"token": "123456"}),
        client.post(SETUP, {"action": "recovery"}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=superuser).count() == 1
    assert StaticToken.objects.count() == 10
