"""Errors and helpers every case service uses: lock + permission, version check, history
event, access-log entry, and the one edit pattern (:func:`_apply_changes`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record

from .. import list_columns
from ..models import (
    Case,
    CaseEvent,
)


class CaseError(ValueError):
    """A refused write; ``str(exc)`` tells the user why."""


class CaseClosed(CaseError):
    pass


class StaleEdit(CaseError):
    """Someone saved meanwhile. ``changes`` lists what they changed (events since the version)."""

    def __init__(self, message: str, changes: list[CaseEvent]):
        super().__init__(message)
        self.changes = changes


class VersionMissing(CaseError):
    """A save without the version the user saw: it could silently overwrite someone's change."""


class LegalBasisMissing(CaseError):
    pass


class InvalidValue(CaseError):
    """One refused value; ``field`` names it, so a form can show the message next to it."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


class NeedsConfirmation(InvalidValue):
    """An odd but possible date (``core.plausibility`` "confirm" findings): nothing is saved
    until the caller passes ``confirmed=True`` because the user said the date is right.
    ``findings`` are the questions (each names its field and translates its message)."""

    def __init__(self, findings: list):
        super().__init__(" ".join(f.message() for f in findings), field=findings[0].field)
        self.findings = findings


# --- helpers -----------------------------------------------------------------------------------

def _refuse_implausible_dates(*checks: tuple[str, object, str], confirmed: bool) -> None:
    """Check dates with ``core.plausibility`` (one module for every rule): ``checks`` are
    (kind, value, field).

    A date that cannot be right (a ``refuse`` finding) raises :class:`InvalidValue` naming the
    field, whatever ``confirmed`` says. An odd but possible date (a ``confirm`` finding) raises
    :class:`NeedsConfirmation` unless ``confirmed`` is true: the user said the date is right
    (issue 10.9)."""
    from django.utils import timezone

    from uitweg.core.plausibility import DateKind, check_date

    today = timezone.localdate()
    findings = []
    for kind, value, field in checks:
        findings += check_date(DateKind(kind), value, today=today, field=field)
    _raise_for_findings(findings, confirmed=confirmed)


def _raise_for_findings(findings: list, *, confirmed: bool) -> None:
    """Refusals first (any field), then the questions not yet confirmed."""
    from uitweg.core.plausibility import blocking_findings

    for finding in findings:
        if finding.blocks_always:
            raise InvalidValue(finding.message(), field=finding.field)
    questions = blocking_findings(findings, confirmed=confirmed)
    if questions:
        raise NeedsConfirmation(questions)


def _audit(by: User, action: str, case: Case, purpose: str = "care", **extra) -> None:
    record(actor=actor_for(by), action=action, object_type="cases.case", object_id=case.pk,
           object_label=case.number, purpose=purpose, **extra)


def _event(case: Case, by: User | None, kind: str, summary: str, **fields) -> CaseEvent:
    organisation = getattr(by, "organisation", None)
    event = CaseEvent.objects.create(
        case=case, actor=by, kind=kind, summary=summary[:300],
        organisation_name=getattr(organisation, "name", "") or "", **fields)
    list_columns.touch_activity(case.pk, event.at)
    return event


Rule = Callable[[User, Case], None]


def _lock(case: Case, *, by: User, rule: Rule, allow_closed: bool = False) -> Case:
    """Lock the case row, then check that ``by`` may do this (``rule`` raises Refused)."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    rule(by, locked)
    if locked.is_closed and not allow_closed:
        raise CaseClosed(_("This case is closed; reopen it before making changes."))
    return locked


def _check_version(*, current: int, expected: int, case: Case, target: str) -> None:
    if isinstance(expected, bool) or not isinstance(expected, int):
        raise VersionMissing(_("This form is out of date; reload the page and enter your "
                               "changes again."))
    if expected == current:
        return
    changes = list(case.events.filter(target=target, version__gt=int(expected))
                   .select_related("actor").order_by("at", "id"))
    raise StaleEdit(_("Someone else saved this meanwhile; your changes were not saved. "
                      "Check what changed below and enter your changes again."), changes)


def _changed_fields(obj, values: dict) -> list[str]:
    return [name for name, value in values.items() if getattr(obj, name) != value]


def _labels(model, names: Iterable[str]) -> str:
    return ", ".join(str(model._meta.get_field(n).verbose_name) for n in names)


def _apply_changes(obj, values: dict, *, case: Case, by: User, kind: str, summary: str,
                   target: str, suffix: str = "",
                   before_save: Callable[[Any], None] | None = None) -> list[str]:
    """The one edit of a versioned record: set the fields that changed, version + 1, save, one
    history event (``summary`` with ``%(fields)s``: the labels of the changed fields, then
    ``suffix``) and one access-log entry. Returns the changed names; when nothing changed,
    nothing is saved, told or logged."""
    changed = _changed_fields(obj, values)
    if not changed:
        return changed
    for name in changed:
        setattr(obj, name, values[name])
    if before_save is not None:
        before_save(obj)
    obj.version += 1
    obj.save()
    _event(case, by, kind, summary % {"fields": _labels(type(obj), changed)} + suffix,
           target=target, version=obj.version, fields=changed)
    _audit(by, Action.UPDATE, case)
    return changed
