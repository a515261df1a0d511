"""Login lockout (django-axes) per username *and* address, and per username across addresses.

``AXES_LOCKOUT_PARAMETERS`` makes axes count failures per (username, address) and per username.
Axes compares the larger count with one limit; this handler applies two:

- ``AXES_FAILURE_LIMIT`` (5) failures of one username from one address lock that pair;
- ``AXES_USERNAME_FAILURE_LIMIT`` (20) failures of one username from any addresses lock the
  username, except from addresses where that user has logged in successfully within
  ``AXES_KNOWN_ADDRESS_DAYS`` (90).

Both locks end after ``AXES_COOLOFF_TIME``. The trade-off: an attacker spread over many
addresses gets at most ``AXES_USERNAME_FAILURE_LIMIT`` guesses per cool-off period for an
account; flooding a username cannot lock its owner out of the addresses they use, and from a new
address the owner waits at most one cool-off period (or an administrator runs
``manage.py axes_reset_username <name>``).
"""

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessLog
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def known_address(username, ip_address):
    """Whether ``username`` logged in successfully from ``ip_address`` recently."""
    if not username or not ip_address:
        return False
    since = timezone.now() - datetime.timedelta(days=settings.AXES_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(
        username=username, ip_address=ip_address, attempt_time__gte=since
    ).exists()


def _sum(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        per_pair, *per_username = self.get_user_attempts(request, credentials)
        failures = _sum(per_pair)
        if per_username and _sum(per_username[0]) >= settings.AXES_USERNAME_FAILURE_LIMIT:
            username = get_client_username(request, credentials)
            if not known_address(username, getattr(request, "axes_ip_address", None)):
                return max(failures, get_failure_limit(request, credentials))
        return failures
