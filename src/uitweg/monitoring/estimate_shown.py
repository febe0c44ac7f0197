"""What the estimate page may show of a stored result: the 2^k table and the pair overlaps with
complementary suppression (:mod:`.history_suppression`), the groups of each stratum with the
suppression of :mod:`uitweg.core.suppression` and each group's estimate or the reason it has
none (ADR 0077)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from uitweg.core.suppression import suppress

from .estimate_lists import LABELS
from .history_suppression import HistoryTable, suppress_histories
from .strata_suppression import suppress_overlapping


def pair_mask(term: str, names: list[str]) -> int:
    """The mask of a model term ``"A:B"`` over the lists ``names`` (0 if a name is unknown)."""
    parts = term.split(":")
    if not all(p in names for p in parts):
        return 0
    return sum(1 << names.index(p) for p in parts)


def histories_shown(linkage: dict, estimate: dict | None, threshold: int) -> HistoryTable:
    """The 2^k table suppressed against everything else the page shows of it: the persons in
    view, the overlaps of the pairs the model names and the registrations per list."""
    names = linkage.get("lists", [])
    counts = {sum(1 << i for i, h in enumerate(history) if h): n
              for history, n in linkage.get("rows", [])}
    pairs = {pair_mask(step["term"], names) for step in (estimate or {}).get("steps", [])} - {0}
    registrations = {1 << names.index(n): (c if c >= threshold else threshold - 1)
                     for n, c in (linkage.get("per_list") or {}).items() if n in names}
    return suppress_histories(counts, overlaps=sorted(pairs), registrations=registrations,
                              threshold=threshold)


def _titles() -> dict[str, str]:
    return {"age": _("By age group"), "form": _("By form of exploitation"),
            "gender": _("By gender")}


def _groups() -> dict[str, str]:
    return {"minor": _("Minor"), "adult": _("Adult"), "sexual": _("Sexual exploitation"),
            "labour": _("Labour exploitation"), "criminal": _("Criminal exploitation"),
            "other": _("Other"), "female": _("Female"), "male": _("Male"),
            "form:other": _("Other form (forced organ removal included)"),
            "gender:other": _("Other gender (transgender, non-binary)")}


def _reason(entry: dict) -> str:
    if entry["status"] == "too_few":
        return _("No estimate: fewer than %(minimum)s persons in this group.") % {
            "minimum": entry["minimum"]}
    return _("No estimate: %(message)s") % {"message": entry.get("message", "")}


def _labels_of(result: dict, threshold: int, total: int | None) -> tuple[list[str], str]:
    """The shown persons of each group and of the unknown, and of the persons in more than one
    group (overlapping groups only: "" otherwise)."""
    groups = result["groups"]
    if result.get("rule") == "any":
        try:
            found = suppress_overlapping(
                [g["observed"] for g in groups], unknown=result["unknown"],
                multiple=result.get("multiple", 0), threshold=threshold,
                total=total if total is not None else result["unknown"] + max(
                    [g["observed"] for g in groups], default=0))
        except RuntimeError:  # counts that do not fit the total shown: show none of them
            return ["•"] * (len(groups) + 1), "•"
        cells = [*found.groups, found.unknown, found.multiple]
        if found.withheld:
            return ["•"] * (len(groups) + 1), "•"
        return [c.label(threshold) for c in cells[:-1]], cells[-1].label(threshold)
    row = [g["observed"] for g in groups] + [result["unknown"]]
    table = suppress([row], threshold=threshold, row_totals=True, column_totals=False,
                     grand_total=False)
    if table.withheld or table.row_totals[0].hidden:  # the total is shown in the headline
        return ["•"] * len(row), ""
    return [c.label(threshold) for c in table.cells[0]], ""


def _not_estimated(result: dict) -> str:
    if result.get("status") == "too_few_lists":
        return _("Not estimated: fewer than two lists record it.")
    return _("Not estimated: the registrations read for the estimate do not record it.")


def strata_shown(stored: dict, threshold: int, total: int | None = None) -> list[dict]:
    """Per variable: its title, and either why it is not estimated, or per group the persons
    in view (suppressed together with the persons in no group, under the shown ``total``; for
    the overlapping forms with :mod:`.strata_suppression`) and the estimate with its interval
    and warnings, or the reason there is none; and how many persons' registrations disagree
    (a count, suppressed like any other)."""
    shown = []
    titles, labels = _titles(), _groups()
    for variable, result in stored.items():
        item = {"variable": variable, "title": titles.get(variable, variable), "groups": []}
        if result.get("status") != "done":
            item["reason"] = _not_estimated(result)
            shown.append(item)
            continue
        groups = result["groups"]
        labels_of, multiple = _labels_of(result, threshold, total)
        conflicting = result.get("conflicting", 0)
        item |= {"overlapping": result.get("rule") == "any", "multiple": multiple,
                 "conflicting": f"<{threshold}" if conflicting < threshold else conflicting,
                 "left_out": [str(LABELS.get(n, n)) for n in result.get("left_out", [])]}
        for entry, label in zip(groups, labels_of, strict=False):
            key = f"{variable}:{entry['group']}"
            group = {"label": labels.get(key) or labels.get(entry["group"], entry["group"]),
                     "observed": label, "status": entry["status"]}
            if entry["status"] == "done":
                e = entry["estimate"]
                group |= {"total": e["total"], "low": e["low"], "high": e["high"],
                          "model": e["model"],
                          "warnings": ([e["check"]] if e.get("check") else [])
                          + list(e.get("notes") or [])}
            else:
                group["reason"] = _reason(entry)
            item["groups"].append(group)
        item["unknown"] = labels_of[-1]
        shown.append(item)
    return shown
