"""Signal retention: anonymise closed signals ``SIGNALS_RETENTION_YEARS`` after closure.

Also erases the reporter's contact details of closed signals that still hold them (signals
closed before contact details were erased on closing). The access log keeps its entries (with
the pseudonymous reference) and gets one ``delete`` entry per anonymised signal, with the access
point ``command:anonymise_signals``. ``--dry-run`` only reports.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from uitweg.signals import retention


class Command(BaseCommand):
    help = ("Anonymise closed signals past the retention period (SIGNALS_RETENTION_YEARS) and "
            "erase the reporter's contact details of closed signals.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        contacts = retention.contacts_left().count()
        if contacts and not dry_run:
            retention.erase_contacts_left()
        due = list(retention.anonymisation_due(now).order_by("closed_at", "pk"))
        for signal in due:
            if not dry_run:
                retention.anonymise_signal(signal=signal,
                                           access_point=f"command:{retention.COMMAND}")
            closed = timezone.localtime(signal.closed_at).date().isoformat()
            self.stdout.write(f"{'would anonymise' if dry_run else 'anonymised'} "
                              f"{signal.reference} (closed {closed})")
        limit = retention.years_before(now, settings.SIGNALS_RETENTION_YEARS)
        self.stdout.write(
            f"{len(due)} signal(s) {'to anonymise' if dry_run else 'anonymised'}, retention "
            f"{settings.SIGNALS_RETENTION_YEARS} years (closed on or before "
            f"{timezone.localtime(limit).date().isoformat()}); reporter contact details "
            f"{'to erase' if dry_run else 'erased'} for {contacts} closed signal(s).")
