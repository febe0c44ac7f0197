"""Strata of the estimate: the linked persons of one year split by age group, form of
exploitation or gender, one capture-history table per group (issue 13: "estimate per year … by
form, age, gender"). Pure: no Django, no database.

A registration carries a value of a stratum variable only where its list records it: the age
group comes from the date of birth (cases and signals have one, outreach contacts none), form and
gender only from a reader that gives them. A linked person takes the value its registrations
agree on; a person without one, or whose registrations disagree, is counted as *unknown* and is
in no group's table. A variable that no registration records is not estimated at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from uitweg.estimation.table import CaptureTable

from .linkage.histories import table_from_masks
from .linkage.link import Linkage

#: the variables and their groups, in the order the page shows them
VARIABLES: dict[str, tuple[str, ...]] = {
    "age": ("minor", "adult"),
    "form": ("sexual", "labour", "criminal", "other"),
    "gender": ("female", "male", "other"),
}
#: a group with fewer linked persons than this is not estimated (the reason is shown)
MIN_PERSONS = 20


def age_group(dob: date | None, year: int) -> str | None:
    """Minor or adult on 1 July of ``year`` (the middle of the year counted); None unknown."""
    if dob is None:
        return None
    middle = date(year, 7, 1)
    age = middle.year - dob.year - ((middle.month, middle.day) < (dob.month, dob.day))
    if age < 0:
        return None  # born after the year counted: a wrong date
    return "minor" if age < 18 else "adult"


@dataclass
class Stratified:
    """One variable: a table per group, and how many persons are in no group."""

    variable: str
    tables: dict[str, CaptureTable]
    persons: dict[str, int]
    unknown: int
    conflicting: int
    recorded: bool  # whether any registration carried the variable
    notes: list[str] = field(default_factory=list)


def person_values(linkage: Linkage, values: Sequence[str | None]) -> tuple[dict[int, str], int]:
    """Per cluster the value its registrations agree on (clusters without one left out), and
    the number of clusters whose registrations disagree."""
    seen: dict[int, set[str]] = {}
    for cluster, value in zip(linkage.cluster, values, strict=True):
        if value:
            seen.setdefault(cluster, set()).add(value)
    agreed = {c: next(iter(v)) for c, v in seen.items() if len(v) == 1}
    return agreed, sum(1 for v in seen.values() if len(v) > 1)


def stratify(linkage: Linkage, lists: Sequence[str], variable: str,
             values: Sequence[str | None], *, source: str | None = None) -> Stratified:
    """The capture-history table of each group of ``variable``; ``values`` holds each
    registration's value (None where its list does not record it)."""
    groups = VARIABLES[variable]
    histories = linkage.histories(lists)
    agreed, conflicting = person_values(linkage, values)
    masks: dict[str, list[int]] = {g: [] for g in groups}
    unknown = 0
    for cluster, mask in histories.items():
        if not mask:
            continue
        group = agreed.get(cluster)
        if group in masks:
            masks[group].append(mask)
        else:
            unknown += 1
    tables = {g: table_from_masks(m, lists, source=f"{source} {variable}={g}" if source else None)
              for g, m in masks.items()}
    persons = Counter({g: len(m) for g, m in masks.items()})
    return Stratified(variable, tables, dict(persons), unknown, conflicting,
                      recorded=any(values))
