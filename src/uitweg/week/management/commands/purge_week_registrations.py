"""Week retention: erase registrants' names and addresses WEEK_RETENTION_DAYS after the event
(ADR 0097). Schedule it daily; running it again changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand

from uitweg.week import retention


class Command(BaseCommand):
    help = "Erase registrants' personal data of events that ended WEEK_RETENTION_DAYS ago."

    def handle(self, *args, **options):
        events = list(retention.erasure_due().order_by("ends_at", "pk"))
        erased = sum(retention.erase_event(event=event) for event in events)
        self.stdout.write(f"{erased} registrations of {len(events)} events erased "
                          f"(retention {settings.WEEK_RETENTION_DAYS} days after the event).")
