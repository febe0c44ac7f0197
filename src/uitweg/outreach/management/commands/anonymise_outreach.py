"""Outreach retention: anonymise contacts without activity for 12 months (ADR 0063).

Handle, phone and notes are erased and the blind indexes deleted; target group, response,
topics, dates and what followed stay for the figures. One ``delete`` entry per contact in the
access log (access point ``command:anonymise_outreach``). ``--dry-run`` only reports.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from uitweg.outreach import retention


class Command(BaseCommand):
    help = "Anonymise outreach contacts without activity for 12 months."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        due = list(retention.anonymisation_due(now).order_by("last_activity_at", "pk"))
        for contact in due:
            if not dry_run:
                retention.anonymise_contact(contact=contact, now=now)
            last = timezone.localtime(contact.last_activity_at).date().isoformat()
            self.stdout.write(f"{'would anonymise' if dry_run else 'anonymised'} {contact} "
                              f"(last activity {last})")
        self.stdout.write(
            f"{len(due)} contact(s) {'to anonymise' if dry_run else 'anonymised'}, no activity "
            f"since {timezone.localtime(retention.limit(now)).date().isoformat()} "
            f"({retention.RETENTION_MONTHS} months).")
