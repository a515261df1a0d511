"""The profile review's workflow and task names in the admin user's language (stored in German,
home/translated_names.py): the page editor of a Chinese or English organisation user offers
"Submit to" the translated workflow; saving in Chinese keeps the German name in the database."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupApprovalTask, Workflow

from companies.review import TASK_NAME, WORKFLOW_NAME
from tests.test_admin import set_admin_language

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "workflow", "task"),
    [
        ("zh-hans", "资料审核", "编辑部审核资料"),
        ("en", "Profile review", "Editors review the profile"),
        ("de", "Profilprüfung", "Redaktion prüft das Profil"),
    ],
)
def test_names_follow_the_active_language(reviewed_profile, language, workflow, task):
    with translation.override(language):
        assert Workflow.objects.get(name=WORKFLOW_NAME).name == workflow
        assert GroupApprovalTask.objects.get(name=TASK_NAME).name == task


def test_saving_in_chinese_stores_the_german_name(reviewed_profile):
    with translation.override("zh-hans"):
        stored = Workflow.objects.get(name=WORKFLOW_NAME)
        stored.save()
        task = GroupApprovalTask.objects.get(name=TASK_NAME)
        task.save()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).exists()
    assert GroupApprovalTask.objects.filter(name=TASK_NAME).exists()


def test_the_organisation_user_submits_to_the_translated_workflow(client, reviewed_profile):
    user = reviewed_profile.organisation_user
    set_admin_language(user, "zh-hans")
    client.force_login(user)
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[reviewed_profile.profile.pk])
    ).content.decode()
    assert "资料审核" in html
    assert "Profilprüfung" not in html


def test_a_reviewer_sees_approve_first_and_no_plain_publish(
    client, reviewed_profile, django_capture_on_commit_callbacks
):
    from tests.organisations.test_review import submit

    profile, editor = reviewed_profile.profile, reviewed_profile.editor
    edit_url = reverse("wagtailadmin_pages:edit", args=[profile.pk])
    client.force_login(editor)
    before = client.get(edit_url).content.decode()
    assert 'name="action-publish"' in before  # no workflow running: publishing is the editor's

    submit(
        client,
        reviewed_profile.organisation_user,
        profile,
        "Neu.",
        django_capture_on_commit_callbacks,
    )
    client.force_login(editor)
    html = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html
    approve = html.index('data-workflow-action-name="approve"')
    reject = html.index('data-workflow-action-name="reject"')
    assert approve < reject
