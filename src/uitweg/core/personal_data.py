"""The registry of every model field that can hold personal data, and what retention does to it.

Each app declares its fields in ``uitweg/<app>/personal_data.py``; the registry finds those
modules itself (like the admin's ``admin.py``), so core imports no app (calling ``register`` from
an ``AppConfig.ready()`` works as well)::

    register(Person, ["full_name"], rule=Rule.REDACT, reason="name of the victim")
    not_personal(Case, ["number"], reason="pseudonymous case number")
    scope("case", Referral, "case")   # the rows of one case that the "case" process erases

A field is either personal (with a :class:`Rule`) or explicitly not personal (with a reason).
``core/tests/test_personal_data.py`` enumerates every model of every ``uitweg.*`` app and fails
for a text, character, JSON or encrypted field that is in neither list, so a new field (or a new
app) cannot slip past retention. :func:`erase` applies the rules of one retention process (for
example "case" or "signal") to the rows its scopes select for one subject; it is the one place
that may overwrite append-only history rows, and only with the registered empty value or
placeholder.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

#: Written over a required free text when it is anonymised (data, not an interface text).
PLACEHOLDER = "[geanonimiseerd]"


class Rule(enum.StrEnum):
    BLANK = "blank"  # set to the field's empty value ("", [], None)
    REDACT = "redact"  # replace with PLACEHOLDER (required texts)
    DELETE = "delete"  # delete the whole row
    KEEP = "keep"  # kept on purpose; the reason says why (a legal duty, statistics)


class RegistryError(ValueError):
    """A declaration that cannot work (unknown field, placeholder too long, reason missing)."""


@dataclass(frozen=True)
class Entry:
    model: type[models.Model]
    field: str
    personal: bool
    rule: Rule
    reason: str = ""
    #: a process outside this registry that erases the field (e.g. "chat.purge")
    erased_by: str = ""

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field}"


@dataclass(frozen=True)
class Scope:
    """The rows of ``model`` that retention process ``process`` erases for one subject."""

    process: str
    model: type[models.Model]
    lookup: str  # path from the model to the subject ("pk", "case", "signal__case_links__case")
    condition: Q | None = None
    fields: tuple[str, ...] | None = None  # None: every registered field of the model
    stamp: str = ""  # a date-time field set to "now" on the erased rows ("anonymised_at")

    def rows(self, subject: Any) -> models.QuerySet:
        if self.lookup == "pk" and isinstance(subject, models.Model):
            subject = subject.pk
        rows = self.model._base_manager.filter(**{self.lookup: subject})
        if self.condition is not None:
            rows = rows.filter(self.condition)
        return rows.distinct() if "__" in self.lookup else rows


_entries: dict[tuple[type[models.Model], str], Entry] = {}
_scopes: list[Scope] = []
_discovered = False


def _check_field(model: type[models.Model], name: str, rule: Rule) -> models.Field:
    try:
        field = model._meta.get_field(name)
    except Exception as exc:
        raise RegistryError(f"{model._meta.label} has no field {name!r}") from exc
    if rule == Rule.REDACT:
        if not isinstance(field, models.CharField | models.TextField):
            raise RegistryError(f"{model._meta.label}.{name}: only texts can be redacted")
        if field.max_length is not None and field.max_length < len(PLACEHOLDER):
            raise RegistryError(f"{model._meta.label}.{name}: too short for the placeholder")
    return field


def _add(entry: Entry) -> None:
    key = (entry.model, entry.field)
    if key in _entries and _entries[key] != entry:
        raise RegistryError(f"{entry.label} is registered twice, differently")
    _entries[key] = entry


def register(model: type[models.Model], fields: Iterable[str], *, rule: Rule, reason: str = "",
             erased_by: str = "") -> None:
    """Declare ``fields`` of ``model`` personal data, with what retention does to them."""
    rule = Rule(rule)
    if rule == Rule.KEEP and not reason:
        raise RegistryError(f"{model._meta.label}: say why personal data is kept")
    for name in fields:
        _check_field(model, name, rule)
        _add(Entry(model, name, True, rule, reason, erased_by))


def not_personal(model: type[models.Model], fields: Iterable[str], *, reason: str) -> None:
    """Declare ``fields`` of ``model`` free of personal data (codes, hashes, settings)."""
    if not reason:
        raise RegistryError(f"{model._meta.label}: say why these fields are not personal")
    for name in fields:
        _check_field(model, name, Rule.KEEP)
        _add(Entry(model, name, False, Rule.KEEP, reason))


def scope(process: str, model: type[models.Model], lookup: str, *, condition: Q | None = None,
          fields: Iterable[str] | None = None, stamp: str = "") -> None:
    """Let retention process ``process`` erase ``model`` rows reached by ``lookup``."""
    for name in [stamp] if stamp else []:
        _check_field(model, name, Rule.KEEP)
    for name in fields or ():
        if (model, name) not in _entries:
            raise RegistryError(f"{model._meta.label}.{name}: register the field before scoping")
    new = Scope(process, model, lookup, condition,
                tuple(fields) if fields is not None else None, stamp)
    if new not in _scopes:
        _scopes.append(new)


def discover() -> None:
    """Import every installed app's ``personal_data`` module (once)."""
    global _discovered
    if not _discovered:
        autodiscover_modules("personal_data")
        _discovered = True


def entries() -> list[Entry]:
    discover()
    return sorted(_entries.values(), key=lambda e: e.label)


def entry(model: type[models.Model], field: str) -> Entry | None:
    discover()
    return _entries.get((model, field))


def scopes(process: str | None = None) -> list[Scope]:
    discover()
    return [s for s in _scopes if process is None or s.process == process]


def erasable(model: type[models.Model], only: Iterable[str] | None = None) -> list[Entry]:
    """The personal fields of ``model`` that retention erases (not KEEP)."""
    only = set(only) if only is not None else None
    return [e for e in entries() if e.model is model and e.personal and e.rule != Rule.KEEP
            and (only is None or e.field in only)]


def empty_value(field: models.Field) -> Any:
    if isinstance(field, models.JSONField):
        default = field.get_default()
        return default if default is not None else ([] if not field.null else None)
    if field.null:
        return None
    return ""


def erased_value(entry: Entry) -> Any:
    field = entry.model._meta.get_field(entry.field)
    return PLACEHOLDER if entry.rule == Rule.REDACT else empty_value(field)


def erase_instance(obj: models.Model, only: Iterable[str] | None = None) -> list[str]:
    """Apply the rules to an instance in memory (the caller saves it); returns the fields."""
    todo = erasable(type(obj), only)
    for item in todo:
        setattr(obj, item.field, erased_value(item))
    return [item.field for item in todo]


def erase_rows(rows: models.QuerySet, only: Iterable[str] | None = None, *,
               stamp: str = "") -> int:
    """Apply the registered rules to ``rows``; returns how many rows were changed or deleted.

    Uses the base ``QuerySet.update``/``delete`` on purpose: history rows refuse edits through
    their own managers, and erasure by retention is the one change they must accept."""
    model = rows.model
    todo = erasable(model, only)
    if not todo and not stamp:
        return 0
    rows = rows.order_by()
    if any(e.rule == Rule.DELETE for e in todo):
        ids = list(rows.values_list("pk", flat=True))
        models.QuerySet.delete(model._base_manager.filter(pk__in=ids))
        return len(ids)
    values = {e.field: erased_value(e) for e in todo}
    if stamp:
        values[stamp] = timezone.now()
    return models.QuerySet.update(model._base_manager.filter(pk__in=rows.values("pk")), **values)


@dataclass
class Erased:
    """What one run of a process touched: rows per model, and the records it anonymised."""

    rows: dict[str, int]
    #: audit labels of the stamped records other than the subject ("P-12", "S-2026-00004")
    records: list[str]


def erase(process: str, subject: Any) -> Erased:
    """Erase every registered field the scopes of ``process`` reach from ``subject``."""
    done = Erased({}, [])
    # rows that are deleted go last, so updates of their neighbours still find them
    ordered = sorted(scopes(process), key=lambda s: any(
        e.rule == Rule.DELETE for e in erasable(s.model, s.fields)))
    for item in ordered:
        rows = item.rows(subject)
        if item.stamp:
            done.records += [getattr(obj, "audit_label", f"{obj._meta.label}:{obj.pk}")
                             for obj in rows.filter(**{f"{item.stamp}__isnull": True})
                             if not (type(obj) is type(subject) and obj.pk == subject.pk)]
        count = erase_rows(rows, item.fields, stamp=item.stamp)
        label = item.model._meta.label
        done.rows[label] = done.rows.get(label, 0) + count
    return done
