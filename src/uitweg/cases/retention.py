"""Retention of case files: closed cases are anonymised ``CASES_RETENTION_YEARS`` after closure.

What is erased is not listed here: :func:`anonymise_case` runs the ``"case"`` process of the
personal-data registry (:mod:`uitweg.core.personal_data`), whose scopes the apps declare in their
``personal_data.py`` — the case's own rows (``cases/personal_data.py``) and the closed signals
linked to it (``signals/personal_data.py``). The case row keeps its number, state, forms and dates,
so statistics and the access log (which refers to the number) stay intact (ADR 0014, 0026).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.audit.retention import record_anonymisation
from uitweg.audit.retention import system_actor as _system_actor  # noqa: F401 - old name
from uitweg.core import personal_data

from . import clocks
from .models import Case, CaseState

PROCESS = "case"
COMMAND = "anonymise_cases"


def anonymisation_due(today: date | None = None) -> QuerySet[Case]:
    """Closed cases past the retention period, not held by a pending criminal case."""
    today = today or timezone.localdate()
    limit = clocks.add_months(today, -12 * settings.CASES_RETENTION_YEARS)
    return Case.objects.filter(state=CaseState.CLOSED, closed_on__lte=limit,
                               criminal_case_pending=False, anonymised_at__isnull=True)


@transaction.atomic
def anonymise_case(*, case: Case, by: User | None = None, access_point: str = "") -> Case:
    """Erase every registered personal field reachable from a closed case; log one deletion.

    Keeps the number, statistics and the access log. ``access_point`` (``command:<name>``)
    says where it came from; without it the access log's own default applies."""
    from .services import CaseError  # services re-exports this module's functions

    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.is_closed or case.criminal_case_pending:
        raise CaseError(_("Only closed cases without a pending criminal case are anonymised."))
    erased = personal_data.erase(PROCESS, case)
    case.refresh_from_db()
    record_anonymisation(by=by, access_point=access_point, object_type="cases.case",
                         object_id=case.pk, object_label=case.number,
                         object_ids=erased.records)  # the other records anonymised with it
    return case

