"""The lists of the estimate: which registrations count for which list (setting
``MONITORING_ESTIMATE_LISTS``). Pure: parsing and labels, no database."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: Labels of the default lists; a list configured under another name shows its name.
LABELS = {
    "police": _("Police and Royal Marechaussee"),
    "care": _("Care coordination and shelters"),
    "youth": _("Youth care"),
    "labour": _("Labour inspectorate"),
    "municipality": _("Municipality"),
    "public": _("Public reports and hotline"),
    "outreach": _("Outreach"),
}


class ListsError(ValueError):
    pass


@dataclass(frozen=True)
class Lists:
    names: tuple[str, ...]
    by_kind: dict[str, str]

    def label(self, name: str) -> str:
        return str(LABELS.get(name, name))

    def list_of(self, kind: str) -> str | None:
        return self.by_kind.get(kind)


def parse(spec: str) -> Lists:
    """``police=police+kmar; care=care_coordination+shelter`` -> lists in that order."""
    names: list[str] = []
    by_kind: dict[str, str] = {}
    for part in (p.strip() for p in spec.split(";")):
        if not part:
            continue
        name, sep, kinds = part.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise ListsError(f"not a list definition: {part!r} (expected name=kind+kind)")
        if name in names:
            raise ListsError(f"list {name!r} is defined twice")
        names.append(name)
        for kind in (k.strip() for k in kinds.split("+")):
            if not kind:
                continue
            if kind in by_kind:
                raise ListsError(f"kind {kind!r} is on two lists: {by_kind[kind]} and {name}")
            by_kind[kind] = name
    if len(names) < 2:
        raise ListsError("the estimate needs at least two lists")
    return Lists(tuple(names), by_kind)
