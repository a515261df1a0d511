"""The profile review: changes to organisation profiles are published after an editor approves.

``setup_profile_review`` (run by ``load_demo`` and ``manage.py setup_profile_review``; idempotent)
creates the Wagtail workflow "Profilprüfung" with one group-approval task for the editor groups
(*Redaktion Deutsch*, *Redaktion 中文*, see ``translations.groups``) and assigns it to every
organisation directory, German and Chinese, so a profile written in Chinese first is reviewed the
same way. Wagtail's notifications do the mail: the editors of those groups hear of each
submission, the submitting organisation user of the approval or of the rejection with its comment.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_noop
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from base.translated_names import register
from companies.models import OrganisationIndexPage

# Stored in German, shown in the admin user's language (home/translated_names.py).
WORKFLOW_NAME = gettext_noop("Profilprüfung")
TASK_NAME = gettext_noop("Redaktion prüft das Profil")
register(WORKFLOW_NAME, TASK_NAME)


def reviewer_groups():
    return Group.objects.filter(name__startswith="Redaktion ")


def setup_profile_review():
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(*reviewer_groups())
    # Saved through the model: the workflow's child relation would keep it in memory only.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in OrganisationIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow
