"""The case list's stored columns (ADR 0115): ``Case.next_action_due`` (the earliest due
date of the open care-plan actions) and ``Case.last_activity_at`` (the moment of the latest
case event). The list sorts 50,000 cases by them without a sub-query per row.

Written only here, called by the write services that change what they follow
(``services.base._event`` and ``owner.set_owner`` for events, ``services.plan`` for actions),
inside the service's transaction, as a plain ``UPDATE`` that bumps neither ``version`` nor
``updated_at``. :func:`computed` derives both from the source tables: the backfill migration
and the property test (``tests/test_list_columns.py``) hold the stored values to it.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import F, Max, Min, Value
from django.db.models.functions import Coalesce, Greatest

from .models import ActionStatus, CareAction, Case, CaseEvent

OPEN_ACTION = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]


def touch_activity(case_id: int, at: datetime) -> None:
    """A case event happened at ``at``: the latest activity is the later of the two."""
    Case.objects.filter(pk=case_id).update(
        last_activity_at=Greatest(Coalesce(F("last_activity_at"), Value(at)), Value(at)))


def refresh_next_action_due(case_id: int) -> None:
    """An action of the case was added or changed (status or due date): recompute."""
    Case.objects.filter(pk=case_id).update(next_action_due=_next_action_due(case_id))


def _next_action_due(case_id: int) -> date | None:
    return (CareAction.objects.filter(need__case_id=case_id, status__in=OPEN_ACTION)
            .aggregate(m=Min("due_date"))["m"])


def computed(case_id: int) -> tuple[date | None, datetime | None]:
    """(next action due, last activity) from the source tables."""
    last = CaseEvent.objects.filter(case_id=case_id).aggregate(m=Max("at"))["m"]
    return _next_action_due(case_id), last
