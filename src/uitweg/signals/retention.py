"""Retention of signals (ADR 0026).

- When a signal closes, the reporter's contact details are erased (:func:`on_transition`,
  called by the workflow step that sets the status): nobody calls back about a closed signal.
- ``SIGNALS_RETENTION_YEARS`` (default 2) after closure, a closed signal is anonymised
  (:func:`anonymise_signal`, ``manage.py anonymise_signals``): the ``"signal"`` process of the
  personal-data registry (``signals/personal_data.py``) erases its description, places, people,
  identifiers and history notes; the reference, forms, dates and status stay for statistics.
- A closed signal linked to a case is also anonymised when that case is (process ``"case"``).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Length
from django.utils import timezone

from uitweg.accounts.models import User
from uitweg.audit.retention import record_anonymisation
from uitweg.audit.retention import system_actor as _system_actor  # noqa: F401 - old name
from uitweg.core import personal_data

from .models import Signal
from .personal_data import CONTACT_FIELDS
from .vocabulary import Status

PROCESS = "signal"
COMMAND = "anonymise_signals"


class NotDue(ValueError):
    """Only closed signals are anonymised."""


def years_before(moment: datetime, years: int) -> datetime:
    """The same moment ``years`` earlier (29 February becomes 28 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def on_transition(signal: Signal) -> list[str]:
    """Called by the workflow step after setting the new status (the caller saves the signal).

    On closing, erases the reporter's contact details from the instance; returns the fields."""
    if signal.status != Status.CLOSED:
        return []
    return personal_data.erase_instance(signal, CONTACT_FIELDS)


def anonymisation_due(now: datetime | None = None) -> QuerySet[Signal]:
    """Closed signals past the retention period, not yet anonymised."""
    limit = years_before(now or timezone.now(), settings.SIGNALS_RETENTION_YEARS)
    return Signal.objects.filter(status=Status.CLOSED, closed_at__lte=limit,
                                 anonymised_at__isnull=True)


def contacts_left() -> QuerySet[Signal]:
    """Closed signals that still hold contact details (closed before erasure on closing)."""
    has_any = Q()
    for name in CONTACT_FIELDS:  # length of the ciphertext: no decryption needed
        has_any |= Q(**{f"_len_{name}__gt": 0})
    return (Signal.objects.filter(status=Status.CLOSED)
            .annotate(**{f"_len_{n}": Length(n) for n in CONTACT_FIELDS}).filter(has_any))


@transaction.atomic
def erase_contacts_left() -> int:
    """Erase the reporter's contact details of every closed signal that still has them."""
    return personal_data.erase_rows(contacts_left(), CONTACT_FIELDS)


@transaction.atomic
def anonymise_signal(*, signal: Signal, by: User | None = None,
                     access_point: str = "") -> Signal:
    """Erase every registered personal field of a closed signal; log one deletion."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.status != Status.CLOSED:
        raise NotDue("only closed signals are anonymised")
    erased = personal_data.erase(PROCESS, signal)
    signal.refresh_from_db()
    record_anonymisation(by=by, access_point=access_point, object_type="signals.signal",
                         object_id=signal.pk, object_label=signal.reference,
                         object_ids=erased.records)  # the other records anonymised with it
    return signal

