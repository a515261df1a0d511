"""The second factor for the admin (django-otp): TOTP with recovery codes.

Who must use it: with ``TWO_FACTOR_REQUIRED`` (on by default, off in development and the tests),
every admin user except organisation users (editors and superusers, who can publish to the
public website and the newsletters) must enrol before using the admin. Organisation users may
enrol. Whoever has a confirmed device must enter a code after every password login.

``RequireSecondFactorMiddleware`` enforces this for the admin (``/admin/``): an unverified
session with a device is sent to the verification screen, a user who must enrol and has no
device to the enrolment screen; both screens, logout and the admin's static assets stay
reachable.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from companies.isolation import organisation_keys

TOTP_NAME = "Authenticator-App"
RECOVERY_NAME = "Wiederherstellungscodes"
RECOVERY_CODE_COUNT = 10
# The screens of the second factor and what an unverified session still needs.
OPEN_URL_NAMES = {
    "security_2fa_setup",
    "security_2fa_verify",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_javascript_catalog",
}


def required_for(user):
    """Whether ``user`` must have a second factor: editors and superusers when the setting is
    on; never organisation users (optional for them)."""
    if not getattr(settings, "TWO_FACTOR_REQUIRED", False) or not user.is_authenticated:
        return False
    return organisation_keys(user) is None


def totp_device(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def new_totp_device(user):
    """The unconfirmed device of an enrolment in progress (one per user, reused until it is
    confirmed, so reloading the page keeps the QR code)."""
    device = totp_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def new_recovery_codes(user):
    """Replace the user's recovery codes; returns the new ones (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verify(user, token):
    """The device that accepts ``token`` (a TOTP code or a recovery code, which is used up),
    else None. Each device throttles failed attempts (django-otp's ThrottlingMixin)."""
    token = "".join(token.split())
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if device.verify_token(token):
            return device
    return None


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


class RequireSecondFactorMiddleware:
    """After ``django_otp.middleware.OTPMiddleware``: see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.check(request)
        return response or self.get_response(request)

    def check(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if not request.path_info.startswith("/admin/"):
            return None
        from django.urls import Resolver404, resolve

        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if name in OPEN_URL_NAMES:
            return None
        target = None
        if user_has_device(user):
            target = "security_2fa_verify"
        elif required_for(user):
            target = "security_2fa_setup"
        if target is None:
            return None
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
