"""E-mail confirmed registrants the day before their event. Schedule it (e.g. hourly): each
registrant gets one reminder, however often it runs."""

from django.conf import settings
from django.core.management.base import BaseCommand

from uitweg.week import registration


class Command(BaseCommand):
    help = "Send the Week's reminders for events starting tomorrow (idempotent)."

    def handle(self, *args, **options):
        sent = registration.send_reminders(link_base=settings.WEEK_PUBLIC_BASE_URL)
        self.stdout.write(f"{sent} reminders sent.")
