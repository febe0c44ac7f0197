"""Operations' path: give an organisation with fewer than two active administrators one more.

    manage.py create_org_admin "Opvang De Haven" jdevries j.devries@example.org \\
        --reason "ticket 1234: both administrators left" --site https://uitweg.example.nl

The invitation link is e-mailed to the new administrator (never printed); the account change is
on the organisation's history page and in the access log (access point
``command:create_org_admin``). ADR 0007.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from uitweg.accounts import services
from uitweg.accounts.models import Organisation


class Command(BaseCommand):
    help = ("Invite an organisation administrator into an organisation with fewer than two "
            "active administrators (operations).")

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="Exact name of the organisation.")
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--reason", required=True,
                            help="Why, e.g. the ticket number of the organisation's request.")
        parser.add_argument("--site", required=True,
                            help="Base URL of the platform for the link, e.g. https://uitweg.nl")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError("No organisation with that name.")
        try:
            user = services.create_org_admin(
                organisation=organisation, username=options["username"],
                email=options["email"], first_name=options["first_name"],
                last_name=options["last_name"], link_base=options["site"],
                reason=options["reason"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"Invited {user.username} as organisation administrator of "
                          f"{organisation.name}; the link was e-mailed to {user.email}.")
