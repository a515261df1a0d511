"""No avatar from an outside host: Gravatar is off (WAGTAIL_GRAVATAR_PROVIDER_URL = None)."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_admin_links_no_gravatar(admin_client, admin_user):
    admin_user.email = "redaktion@example.org"
    admin_user.save()
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account")):
        html = admin_client.get(url).content.decode()
        assert "gravatar" not in html
        assert "/static/wagtailadmin/images/default-user-avatar" in html
