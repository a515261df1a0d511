"""``manage.py invite_organisation <page id or slug> <email>``: give an organisation's user the
right to maintain its profile (``companies.onboarding``). Running it again changes nothing."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from companies.onboarding import find_profile, invite_organisation


class Command(BaseCommand):
    help = "Invite an organisation's user to maintain its profile page."

    def add_arguments(self, parser):
        parser.add_argument("page", help="Id or slug of the organisation's profile page.")
        parser.add_argument("email", help="Email address of the organisation's user.")

    def handle(self, *args, **options):
        try:
            validate_email(options["email"])
        except ValidationError as error:
            raise CommandError(f"Not an email address: {options['email']!r}.") from error
        page = find_profile(options["page"])
        if page is None:
            raise CommandError(f"No organisation profile with id or slug {options['page']!r}.")
        invitation = invite_organisation(page, options["email"])
        self.stdout.write(
            f"{'Created' if invitation.user_created else 'Reused'} user "
            f"{invitation.user.get_username()}; group {invitation.access.group.name!r} "
            f"({'created' if invitation.access_created else 'unchanged'}); "
            f"collection {invitation.access.collection.name!r}; "
            + ("invitation sent." if invitation.mailed else "password already set, no mail.")
        )
