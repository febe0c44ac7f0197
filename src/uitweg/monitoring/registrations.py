"""The platform's registrations, linked, as a capture-history table (issue 13, item 5).

The only place where the estimate reads personal data. Each registration (a case, a possible
victim in a signal, an outreach contact) is read through its app's ``queries`` module and
encoded at once (:class:`~.linkage.encoding.Encoder`, keyed with a key derived from
``BLIND_INDEX_KEY``); names and dates of birth are dropped as soon as they are encoded, the
encodings are dropped when the run ends, and what leaves this module is a table of counts.
Purpose and legal basis: docs/monitoring-estimate.md ("Legal basis").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps

from uitweg.crypto.keys import blind_index_key
from uitweg.estimation.table import CaptureTable

from .estimate_lists import Lists
from .linkage.encoding import Encoder, Registration
from .linkage.histories import capture_table
from .linkage.link import Linkage, link
from .strata import VARIABLES, Stratified, Value, age_group, form_groups, gender_group, stratify

Reader = Callable[[int], Iterator[tuple]]


def readers() -> list[Reader]:
    from uitweg.cases.queries import registrations_for_linkage as cases
    from uitweg.signals.queries import registrations_for_linkage as signals

    found = [cases, signals]
    if apps.is_installed("uitweg.outreach"):
        from uitweg.outreach.queries import registrations_for_linkage as outreach

        found.append(outreach)
    return found


@dataclass
class Linked:
    """What the linkage of one year gives: counts only."""

    year: int
    table: CaptureTable
    registrations: int
    per_list: dict[str, int]
    persons: int
    exact_links: int
    near_links: int
    left_out: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: in memory only, never stored: the clusters and each registration's stratum values (age
    #: group; form and gender where a reader gives them), for :mod:`.strata`
    linkage: Linkage | None = field(default=None, repr=False)
    values: dict[str, list[Value]] = field(default_factory=dict, repr=False)

    def stratified(self, variable: str) -> Stratified:
        return stratify(self.linkage, self.table.names, variable,
                        self.values.get(variable) or [None] * len(self.linkage.cluster),
                        source=f"platform {self.year}")

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "lists": list(self.table.names),
            "registrations": self.registrations,
            "per_list": self.per_list,
            "persons": self.persons,
            "exact_links": self.exact_links,
            "near_links": self.near_links,
            "left_out": self.left_out,
            "notes": self.notes,
            "rows": [[list(h), n] for h, n in self.table.rows()],
        }


def linked_registrations(year: int, lists: Lists) -> Linked:
    """Read, encode and link the registrations of ``year`` into a table over ``lists``."""
    encoder = Encoder(blind_index_key())
    encoded = []
    values: dict[str, list[Value]] = {v: [] for v in VARIABLES}
    left_out: Counter[str] = Counter()
    for read in readers():
        for kind, name, dob, exact, *more in read(year):
            on = lists.list_of(kind)
            if on is None:
                left_out[kind] += 1
                continue
            encoded.append(encoder.encode(
                Registration(len(encoded), on, name or "", dob, tuple(exact))))
            given = more[0] if more else {}  # {"form": codes, "gender": code} where recorded
            values["age"].append(age_group(dob, year))
            values["form"].append(form_groups(given.get("form")))
            values["gender"].append(gender_group(given.get("gender")))
    linkage = link(encoded)
    table = capture_table(linkage, lists.names, source=f"platform {year}")
    per_list = Counter(e.source for e in encoded)
    return Linked(year, table, len(encoded), {n: per_list.get(n, 0) for n in lists.names},
                  linkage.persons, linkage.exact_links, linkage.near_links, dict(left_out),
                  list(linkage.notes), linkage, values)
