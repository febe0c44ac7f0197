from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from uitweg.accounts import totp
from uitweg.accounts.models import User


class Command(BaseCommand):
    help = "Demo mode only: print the current one-time (TOTP) code of a demo user."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEMO_MODE:
            raise CommandError("demo_code works only in demo mode (UITWEG_DEMO_MODE=1).")
        user = User.objects.filter(username=username).first()
        code = totp.current_code(user) if user else None
        if code is None:
            raise CommandError(f"No demo user {username!r} with an authenticator.")
        self.stdout.write(code)
