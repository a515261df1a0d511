"""``manage.py setup_profile_review``: the review workflow of organisation profiles
(``companies.review``); run ``setup_editor_groups`` first. Running it again changes nothing."""

from django.core.management.base import BaseCommand

from companies.review import reviewer_groups, setup_profile_review


class Command(BaseCommand):
    help = "Assign the profile review workflow to every organisation directory."

    def handle(self, *args, **options):
        workflow = setup_profile_review()
        groups = ", ".join(reviewer_groups().values_list("name", flat=True)) or "none yet"
        self.stdout.write(f"Workflow {workflow.name!r}; reviewers: {groups}.")
