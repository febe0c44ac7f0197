from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from uitweg.accounts.models import User


class Command(BaseCommand):
    help = "Demo mode only: print the current one-time (TOTP) code of a demo user."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEMO_MODE:
            raise CommandError("demo_code works only in demo mode (UITWEG_DEMO_MODE=1).")
        user = User.objects.filter(username=username).first()
        authenticator = (Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
                         .first() if user else None)
        if authenticator is None:
            raise CommandError(f"No demo user {username!r} with an authenticator.")
        secret = decrypt(authenticator.data["secret"])
        counters = list(yield_hotp_counters_from_time())
        current = counters[len(counters) // 2]
        self.stdout.write(format_hotp_value(hotp_value(secret, current)))
