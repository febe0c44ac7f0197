from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from uitweg.core.registry import DEMO_LOADERS


class Command(BaseCommand):
    help = ("Load the synthetic demo data of every app (idempotent: running it again changes "
            "nothing). Only in demo mode.")

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true")

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is only loaded with UITWEG_DEMO_MODE=1.")
        for loader in sorted(DEMO_LOADERS, key=lambda item: item.order):
            loader.load(stdout=self.stdout)
        if not options["quiet_logins"]:
            from uitweg.accounts.demo import DEMO_PASSWORD, USERS

            self.stdout.write("")
            self.stdout.write("Demo logins (password for all: %s):" % DEMO_PASSWORD)
            for username, _kind, roles in USERS:
                self.stdout.write(f"  {username:<12} {', '.join(str(r.label) for r in roles)}")
            self.stdout.write("One-time code for a user: .venv/bin/python manage.py demo_code "
                              "USERNAME")
