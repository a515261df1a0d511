"""Signal receivers of the api app (connected in ``ApiConfig.ready``).

Redirects are shown by ``/api/v1/redirects`` and ``pages/resolve``: saving or deleting one
invalidates the API cache like any other content change (``home.signals.invalidate``).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.redirects.models import Redirect

from home.signals import invalidate


def invalidate_redirects(sender, raw=False, **kwargs):
    if not raw:
        invalidate()


def connect():
    post_save.connect(invalidate_redirects, sender=Redirect, dispatch_uid="api-redirects-save")
    post_delete.connect(invalidate_redirects, sender=Redirect, dispatch_uid="api-redirects-del")
