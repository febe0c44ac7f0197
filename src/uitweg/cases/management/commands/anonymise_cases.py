"""Anonymise closed cases after the retention period (CASES_RETENTION_YEARS after closure).

Cases with a pending criminal case are held. What is erased is the registry's "case" process
(``uitweg.cases.retention``). The access log keeps its entries (with the pseudonymous case
number) and gets one ``delete`` entry per case, with the access point
``command:anonymise_cases``. Reports what it did; ``--dry-run`` only reports.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from uitweg.cases import clocks, retention
from uitweg.cases.models import Case, CaseState


class Command(BaseCommand):
    help = "Anonymise closed cases past the retention period (held while a criminal case is " \
           "pending)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        due = list(retention.anonymisation_due(today).order_by("closed_on", "number"))
        limit = clocks.add_months(today, -12 * settings.CASES_RETENTION_YEARS)
        held = list(Case.objects.filter(state=CaseState.CLOSED, closed_on__lte=limit,
                                        criminal_case_pending=True,
                                        anonymised_at__isnull=True)
                    .values_list("number", flat=True))
        for case in due:
            if not dry_run:
                retention.anonymise_case(case=case,
                                         access_point=f"command:{retention.COMMAND}")
            self.stdout.write(f"{'would anonymise' if dry_run else 'anonymised'} {case.number} "
                              f"(closed {case.closed_on.isoformat()})")
        for number in held:
            self.stdout.write(f"held {number}: criminal case pending")
        remaining = Case.objects.filter(Q(state=CaseState.CLOSED)
                                        & Q(anonymised_at__isnull=True)).count()
        self.stdout.write(
            f"{len(due)} case(s) {'to anonymise' if dry_run else 'anonymised'}, "
            f"{len(held)} held (criminal case pending), retention {settings.CASES_RETENTION_YEARS}"
            f" years (closed on or before {limit.isoformat()}); {remaining} closed case(s) "
            "not anonymised in total.")
