"""Retention tests, generic over the personal-data registry: fill every field a process reaches
with a recognisable value, run the process, and list what it did not erase as its rule says."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from uitweg.core import personal_data
from uitweg.core.personal_data import Rule

Filled = list[tuple[Any, list[Any]]]


def marker(field: models.Field):
    """A recognisable value for ``field``."""
    if isinstance(field, models.JSONField):
        return ["MARKER"]
    if isinstance(field, models.DateField):
        return dt.date(1901, 2, 3)
    if isinstance(field, models.BooleanField):
        return True
    return "MARKER"[: field.max_length or 6]


def fill_markers(process: str, subject: Any) -> Filled:
    """Put a marker in every registered field the ``process`` reaches from ``subject``; returns
    (registry entry, row ids) pairs. Every scope must reach at least one row."""
    filled: Filled = []
    for scope in personal_data.scopes(process):
        ids = list(scope.rows(subject).values_list("pk", flat=True))
        assert ids, f"the test subject has no {scope.model._meta.label} row: extend it"
        for entry in personal_data.erasable(scope.model, scope.fields):
            if entry.rule != Rule.DELETE:  # (deleted rows keep their unique digests)
                field = entry.model._meta.get_field(entry.field)
                entry.model._base_manager.filter(pk__in=ids).update(
                    **{entry.field: marker(field)})
            filled.append((entry, ids))
    return filled


def not_erased(filled: Filled) -> list[str]:
    """The fields (of the rows :func:`fill_markers` filled) that do not hold what their rule
    leaves: rows not deleted, or a value other than the rule's."""
    wrong = []
    for entry, ids in filled:
        left = entry.model._base_manager.filter(pk__in=ids)
        if entry.rule == Rule.DELETE:
            if left.exists():
                wrong.append(f"{entry.label}: rows not deleted")
            continue
        values = list(left.values_list(entry.field, flat=True))
        expected = personal_data.erased_value(entry)
        if values != [expected] * len(ids):
            wrong.append(f"{entry.label}: {values!r} instead of {expected!r}")
    return wrong
