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
        loaders = sorted(DEMO_LOADERS, key=lambda item: item.order)
        for loader in loaders:
            loader.load(stdout=self.stdout)
        if not options["quiet_logins"]:
            for loader in loaders:
                if loader.summary is not None:
                    loader.summary(stdout=self.stdout)
