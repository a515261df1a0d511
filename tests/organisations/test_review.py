"""The profile review: an organisation user submits, editors are told, approve or reject with a
comment, the organisation user hears the outcome; nothing is published before approval."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(reviewed_profile):
    r = reviewed_profile
    return r.profile, r.organisation_user, r.editor


def edit_data(page, summary, action):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "legal_name": page.legal_name,
            "organisation_type": page.organisation_type,
            "summary": summary,
            "description": rich_text(""),
            "products_and_services": streamfield([]),
            "certifications": streamfield([]),
            "country": page.country,
            action: action.removeprefix("action-"),
        }
    )


def submit(client, user, page, summary, capture):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            edit_data(page, summary, "action-submit"),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    return page.current_workflow_task_state


def act(client, editor, page, task_state, action, comment, capture):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    with capture(execute=True):
        response = client.post(url, {"comment": comment})
    assert response.status_code in (200, 302)
    page.refresh_from_db()


def test_submission_notifies_editors_and_approval_publishes(
    client, setup, mailoutbox, django_capture_on_commit_callbacks
):
    profile, organisation_user, editor = setup
    mailoutbox.clear()
    assert not profile.permissions_for_user(organisation_user).can_publish()
    task_state = submit(
        client,
        organisation_user,
        profile,
        "Neue Zusammenfassung.",
        django_capture_on_commit_callbacks,
    )
    assert task_state is not None
    assert profile.live and profile.specific.summary == "Alte Beschreibung."  # not yet
    assert any("redaktion@example.org" in mail.to for mail in mailoutbox)
    mailoutbox.clear()
    act(
        client, editor, profile, task_state, "approve", "Passt.", django_capture_on_commit_callbacks
    )
    assert profile.specific.summary == "Neue Zusammenfassung."
    assert any("team@westpfalz-sensorik.example" in mail.to for mail in mailoutbox)


def test_rejection_with_a_comment_reaches_the_organisation(
    client, setup, mailoutbox, django_capture_on_commit_callbacks
):
    profile, organisation_user, editor = setup
    task_state = submit(
        client, organisation_user, profile, "Werbung!!!", django_capture_on_commit_callbacks
    )
    mailoutbox.clear()
    act(
        client,
        editor,
        profile,
        task_state,
        "reject",
        "Bitte sachlich beschreiben.",
        django_capture_on_commit_callbacks,
    )
    assert profile.specific.summary == "Alte Beschreibung."
    [mail] = [m for m in mailoutbox if "team@westpfalz-sensorik.example" in m.to]
    assert "Bitte sachlich beschreiben." in mail.body


def test_the_workflow_covers_both_directories(setup, home_tree, home_tree_zh):
    from wagtail.models import WorkflowPage

    pages = set(WorkflowPage.objects.values_list("page_id", flat=True))
    assert {home_tree.organisations.pk, home_tree_zh.organisations.pk} <= pages
    call_command("setup_profile_review", stdout=io.StringIO())
    assert set(WorkflowPage.objects.values_list("page_id", flat=True)) == pages
