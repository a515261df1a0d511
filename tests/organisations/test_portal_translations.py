"""Both languages editable (companies.views.PortalEditView): an organisation user edits and
submits the Chinese version of its profile, a synced wagtail-localize translation, in Wagtail's
editor; it is never offered convert-to-alias or stop-sync; the editors' review shows what
changed; editors keep wagtail-localize's translation editor."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.organisations.test_review import act, edit_data
from tests.translations.conftest import localize

pytestmark = pytest.mark.django_db


@pytest.fixture
def chinese_profile(reviewed_profile, locale_zh, django_capture_on_commit_callbacks):
    _translation, page = localize(
        reviewed_profile.profile, locale_zh, django_capture_on_commit_callbacks
    )
    return page


def test_the_organisation_edits_its_synced_chinese_profile_in_wagtails_editor(
    client, reviewed_profile, chinese_profile
):
    client.force_login(reviewed_profile.organisation_user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[chinese_profile.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="action-submit"' in body
    assert "js-translation-editor" not in body
    for offer in ("localize-convert-to-alias", "convert_to_alias", "/disable/"):
        assert offer not in body, offer


def test_a_chinese_submission_is_reviewed_with_its_changes_and_published_on_approval(
    client, reviewed_profile, chinese_profile, django_capture_on_commit_callbacks, django_user_model
):
    page = chinese_profile.specific
    client.force_login(reviewed_profile.organisation_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            edit_data(page, "传感器专家，中文新简介。", "action-submit"),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == reverse("wagtailadmin_home")  # the portal, not the explorer
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state is not None and page.specific.summary != "传感器专家，中文新简介。"

    # The editor sees the change in Wagtail's revision compare, and keeps the translation
    # editor of wagtail-localize for the synced translation.
    client.force_login(reviewed_profile.editor)
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", "latest"])
    )
    assert compare.status_code == 200 and "传感器专家，中文新简介。" in compare.content.decode()
    editor_view = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "js-translation-editor" in editor_view.content.decode()

    chinese_editor = django_user_model.objects.create_user("redaktion-zh")
    chinese_editor.groups.add(Group.objects.get(name="Redaktion 中文"))
    act(
        client,
        chinese_editor,
        page,
        task_state,
        "approve",
        "好的",
        django_capture_on_commit_callbacks,
    )
    page.refresh_from_db()
    assert page.specific.summary == "传感器专家，中文新简介。"
    response = client.get(f"/api/v1/organisations/{page.pk}?locale=zh-hans")
    assert response.json()["summary"] == "传感器专家，中文新简介。"


def profile_row(dashboard, page):
    match = re.search(rf'<li data-profile-page="{page.pk}">(.*?)</li>', dashboard, re.S)
    return match.group(1)


def test_the_dashboard_marks_a_translation_out_of_date_when_its_source_changed(
    client, reviewed_profile, chinese_profile
):
    source = reviewed_profile.profile
    client.force_login(reviewed_profile.organisation_user)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    for page in (source, chinese_profile):
        assert "Übersetzung veraltet" not in profile_row(dashboard, page)

    source.save_revision().publish()  # the German source changes after the sync
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Übersetzung veraltet" in profile_row(dashboard, chinese_profile)
    assert "Übersetzung veraltet" not in profile_row(dashboard, source)
    assert "in Prüfung" not in dashboard
