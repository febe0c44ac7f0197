"""Strata of the estimate: the linked persons of one year split by age group, form of
exploitation or gender, one capture-history table per group (issue 13: "estimate per year … by
form, age, gender"). Pure: no Django, no database.

Where the values come from: a registration carries a value of a stratum variable only where its
list records it — the age group from the date of birth (cases and signals; outreach has none),
the forms of exploitation from a case or a signal, the gender from the person of a case or a
signal and from the target group of an outreach contact. A registration without one carries
*unknown* for it.

How a linked person gets its group (:data:`RULES`, docs/monitoring-estimate.md):

* **age group and gender — majority**: the value most of its registrations that record one give;
  a tie between different values leaves the person *unknown*. The groups do not overlap.
* **form of exploitation — any registration**: the person is in the group of every form any of
  its registrations records ("ever registered with that form"). A person can suffer more than one
  form, so the groups **overlap**: someone registered for sexual and labour exploitation is in
  both tables, and the groups do not add up to the persons in view.

A person whose registrations give different values is *conflicting*; the number is reported
(never who). Lists that record a variable for none of their registrations are left out of that
variable's tables: a person only on such a list could never be in a group, so the list's own
cells would be empty by construction and bias the estimate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
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
#: how a linked person's group follows from its registrations' values (module documentation)
RULES: dict[str, str] = {"age": "majority", "form": "any", "gender": "majority"}
#: a group with fewer linked persons than this is not estimated (the reason is shown)
MIN_PERSONS = 20

#: the platform's codes to the groups of the estimate (other codes: "other" form; unknown gender)
FORM_GROUPS = {"sexual": "sexual", "labour": "labour", "criminal": "criminal",
               "organ_removal": "other", "other": "other"}
GENDER_GROUPS = {"female": "female", "male": "male", "transgender": "other",
                 "non_binary": "other", "other": "other",
                 # an outreach contact's target group
                 "women": "female", "men": "male"}

#: one registration's value: a group, several groups (forms), or None (not recorded)
Value = str | tuple[str, ...] | None


def age_group(dob: date | None, year: int) -> str | None:
    """Minor or adult on 1 July of ``year`` (the middle of the year counted); None unknown."""
    if dob is None:
        return None
    middle = date(year, 7, 1)
    age = middle.year - dob.year - ((middle.month, middle.day) < (dob.month, dob.day))
    if age < 0:
        return None  # born after the year counted: a wrong date
    return "minor" if age < 18 else "adult"


def form_groups(codes: Iterable[str] | None) -> tuple[str, ...] | None:
    """The form groups of a registration's forms of exploitation (sorted, no repeats); None
    when it records none. A code the estimate does not know counts as "other"."""
    groups = sorted({FORM_GROUPS.get(c, "other") for c in codes or () if c})
    return tuple(groups) or None


def gender_group(code: str | None) -> str | None:
    """The gender group of a registration ("unknown", empty or an unknown code: None)."""
    return GENDER_GROUPS.get(code or "")


@dataclass
class Stratified:
    """One variable: a table per group, and how many persons are in no group."""

    variable: str
    tables: dict[str, CaptureTable]
    persons: dict[str, int]
    unknown: int
    conflicting: int
    recorded: bool  # whether any registration carried the variable
    #: persons in more than one group (forms only: the groups overlap)
    multiple: int = 0
    rule: str = "majority"
    lists: tuple[str, ...] = ()  # the lists of the tables (those that record the variable)
    left_out: tuple[str, ...] = ()  # lists that record it for none of their registrations
    notes: list[str] = field(default_factory=list)


def _as_set(value: Value) -> frozenset[str]:
    if not value:
        return frozenset()
    return frozenset((value,) if isinstance(value, str) else value)


def person_groups(linkage: Linkage, values: Sequence[Value], rule: str
                  ) -> tuple[dict[int, frozenset[str]], int]:
    """Per cluster its groups under ``rule`` (clusters without one left out), and the number of
    clusters whose registrations disagree.

    ``majority``: the value most registrations give (one group), none on a tie. ``any``: every
    group any registration gives. A cluster disagrees when two of its registrations that record
    the variable give different values (for forms: different sets of forms)."""
    seen: dict[int, list[frozenset[str]]] = {}
    for cluster, value in zip(linkage.cluster, values, strict=True):
        groups = _as_set(value)
        if groups:
            seen.setdefault(cluster, []).append(groups)
    out: dict[int, frozenset[str]] = {}
    conflicting = 0
    for cluster, given in seen.items():
        if len(set(given)) > 1:
            conflicting += 1
        if rule == "any":
            out[cluster] = frozenset().union(*given)
            continue
        ranked = Counter(g for groups in given for g in groups).most_common()
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            out[cluster] = frozenset((ranked[0][0],))
    return out, conflicting


def stratify(linkage: Linkage, lists: Sequence[str], variable: str,
             values: Sequence[Value], *, source: str | None = None) -> Stratified:
    """The capture-history table of each group of ``variable``; ``values`` holds each
    registration's value (None where its list does not record it)."""
    groups = VARIABLES[variable]
    rule = RULES[variable]
    recording = {s for s, v in zip(linkage.sources, values, strict=True) if v}
    used = tuple(n for n in lists if n in recording)
    left_out = tuple(n for n in lists if n not in recording)
    histories = linkage.histories(used)
    of_person, conflicting = person_groups(linkage, values, rule)
    masks: dict[str, list[int]] = {g: [] for g in groups}
    unknown = multiple = 0
    for cluster, everywhere in linkage.histories(lists).items():
        if not everywhere:
            continue
        mask = histories.get(cluster, 0)
        # a person only on lists that do not record the variable is in no group: unknown
        found = [g for g in groups if g in of_person.get(cluster, ())] if mask else []
        for g in found:
            masks[g].append(mask)
        unknown += not found
        multiple += len(found) > 1
    tables = {g: table_from_masks(m, used, source=f"{source} {variable}={g}" if source else None)
              for g, m in masks.items()}
    return Stratified(variable, tables, {g: len(m) for g, m in masks.items()}, unknown,
                      conflicting, recorded=bool(recording), multiple=multiple, rule=rule,
                      lists=used, left_out=left_out)
