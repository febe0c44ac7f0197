"""Errors and helpers every case service uses: lock + permission, version check, history
event, access-log entry, and the one edit pattern (:func:`_apply_changes`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record

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


# --- helpers -----------------------------------------------------------------------------------

def _refuse_implausible_dates(*checks: tuple[str, object, str]) -> None:
    """Refuse a date that cannot be right (``core.plausibility``, one module for every rule):
    ``checks`` are (kind, value, field). Raises :class:`InvalidValue` naming the field.

    Only the ``refuse`` findings block here; an odd but possible date (a ``confirm`` finding) is
    saved — asking the user to confirm it is the form's part (issue 10.9)."""
    from django.utils import timezone

    from uitweg.core.plausibility import DateKind, Severity, check_date

    today = timezone.localdate()
    for kind, value, field in checks:
        for finding in check_date(DateKind(kind), value, today=today, field=field):
            if finding.severity is Severity.REFUSE:
                raise InvalidValue(finding.message(), field=field)


def _audit(by: User, action: str, case: Case, purpose: str = "care", **extra) -> None:
    record(actor=actor_for(by), action=action, object_type="cases.case", object_id=case.pk,
           object_label=case.number, purpose=purpose, **extra)


def _event(case: Case, by: User | None, kind: str, summary: str, **fields) -> CaseEvent:
    organisation = getattr(by, "organisation", None)
    return CaseEvent.objects.create(
        case=case, actor=by, kind=kind, summary=summary[:300],
        organisation_name=getattr(organisation, "name", "") or "", **fields)


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
