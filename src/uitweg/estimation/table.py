"""Capture-history tables: reading, validating, merging and tidying lists.

A table has one 0/1 column per list (a registering organisation) and a count column with the
number of people seen on exactly that combination of lists. Combinations that are absent have
count 0; the all-zero combination (seen on no list) is what is estimated and cannot be a row.

Everything that can go wrong with user input raises :class:`TableError` with one sentence that
names the problem, so the command line can print it as a single line.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from uitweg.core.exports import write_csv

from . import lattice

COUNT_COLUMN_NAMES = ("count", "counts", "n", "freq", "frequency", "aantal", "number", "total")

# The largest count accepted in one row: far above any real register, and small enough that the
# sum over all 2**14 combinations still fits the 64-bit integers the computation uses.
MAX_COUNT = 10**12


class TableError(ValueError):
    """Malformed or unusable capture-history input; the message is one user-facing sentence."""


@dataclass(frozen=True, eq=False)
class CaptureTable:
    """Counts per capture history.

    ``counts`` has ``2**m`` integer entries indexed by the bit mask of the capture history
    (bit ``i`` set = on list ``names[i]``); ``counts[0]`` is always 0.
    """

    names: tuple[str, ...]
    counts: np.ndarray
    notes: tuple[str, ...] = field(default=())
    source: str | None = None

    def __post_init__(self) -> None:
        counts = np.asarray(self.counts, dtype=np.int64)
        if counts.shape != (1 << len(self.names),):
            raise ValueError("counts must have 2**m entries")
        if counts[0] != 0:
            raise ValueError("counts[0] (seen on no list) must be 0")
        counts = counts.copy()
        counts.setflags(write=False)
        object.__setattr__(self, "counts", counts)

    # -- basic facts -------------------------------------------------------------------------
    @property
    def m(self) -> int:
        return len(self.names)

    @property
    def observed(self) -> int:
        """Number of people seen on at least one list."""
        return int(self.counts.sum())

    @property
    def list_totals(self) -> dict[str, int]:
        nstar = lattice.superset_sums(self.counts, self.m)
        return {name: int(nstar[1 << i]) for i, name in enumerate(self.names)}

    def overlap(self, first: str, second: str) -> int:
        """Number of people on both lists, whatever other lists they are on."""
        mask = (1 << self.names.index(first)) | (1 << self.names.index(second))
        return int(lattice.superset_sums(self.counts, self.m)[mask])

    def pairs_without_overlap(self) -> list[tuple[str, str]]:
        nstar = lattice.superset_sums(self.counts, self.m)
        return [
            tuple(self.names[i] for i in lattice.term_lists(p, self.m))  # type: ignore[misc]
            for p in lattice.all_pairs(self.m)
            if nstar[p] == 0
        ]

    def rows(self) -> list[tuple[tuple[int, ...], int]]:
        """Non-empty capture histories as ``((0/1, ...), count)``, in mask order."""
        out = []
        for cell in range(1, 1 << self.m):
            if self.counts[cell]:
                history = tuple((cell >> i) & 1 for i in range(self.m))
                out.append((history, int(self.counts[cell])))
        return out

    def with_counts(self, counts: np.ndarray) -> CaptureTable:
        return CaptureTable(self.names, counts, self.notes, self.source)

    def with_note(self, note: str) -> CaptureTable:
        return CaptureTable(self.names, self.counts, (*self.notes, note), self.source)

    def to_csv(self, count_name: str = "count") -> str:
        rows = ([*history, count] for history, count in self.rows())
        return write_csv([*self.names, count_name], rows, lineterminator="\n")  # no formulas

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def from_rows(
        cls,
        names: Sequence[str],
        rows: Iterable[tuple[Sequence[int], int]],
        *,
        source: str | None = None,
    ) -> CaptureTable:
        """Build a table from ``(history, count)`` pairs, e.g. fed by the platform.

        Duplicated histories are summed (with a note); validation matches :func:`read_csv`.
        """
        names = tuple(str(n) for n in names)
        _check_names(names)
        m = len(names)
        counts = np.zeros(1 << m, dtype=np.int64)
        seen: dict[int, list[int]] = {}
        for rownum, (history, count) in enumerate(rows, start=1):
            history = tuple(history)
            if len(history) != m:
                raise TableError(f"row {rownum} has {len(history)} list values, expected {m}")
            mask = 0
            for i, value in enumerate(history):
                if value not in (0, 1):
                    raise TableError(
                        f"column {names[i]!r} must contain only 0 and 1, row {rownum} has {value!r}"
                    )
                mask |= int(value) << i
            count = _check_count(count, rownum)
            _add_row(counts, seen, mask, count, rownum, names)
        notes = _duplicate_notes(seen, names)
        return cls(names, counts, tuple(notes), source)


def read_csv(path: str | Path, *, count_column: str | None = None) -> CaptureTable:
    """Read a capture-history CSV file; raises :class:`TableError` on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TableError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise TableError(f"{path} is a directory, not a CSV file") from None
    except UnicodeDecodeError:
        raise TableError(f"{path} is not a UTF-8 text file") from None
    except OSError as exc:
        raise TableError(f"cannot read {path}: {exc.strerror}") from None
    return parse_csv(text, source=path.name, count_column=count_column)


def parse_csv(
    text: str, *, source: str | None = None, count_column: str | None = None
) -> CaptureTable:
    """Parse CSV text with a header row (comma, semicolon or tab separated)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise TableError("the file is empty")
    try:
        dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    records = list(csv.reader(lines, delimiter=delimiter))
    header = [h.strip().strip('"') for h in records[0]]
    body = records[1:]
    if _looks_like_data(header):
        expected = delimiter.join([*_default_names(len(header) - 1), "count"])
        raise TableError(
            "the file has no header row: the first line holds numbers, not column names; "
            f"add a first line such as {expected}"
        )
    if any(not h for h in header):
        raise TableError("the header row has an empty column name")
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise TableError(f"the header row repeats the column name {dup[0]!r}")
    if not body:
        raise TableError("the file has a header but no rows")
    for rownum, record in enumerate(body, start=2):
        if len(record) != len(header):
            raise TableError(
                f"line {rownum} has {len(record)} fields, the header has {len(header)}"
            )

    count_idx = _find_count_column(header, body, count_column)
    list_idx = [i for i in range(len(header)) if i != count_idx]
    names = tuple(header[i] for i in list_idx)
    _check_names(names)

    m = len(names)
    counts = np.zeros(1 << m, dtype=np.int64)
    seen: dict[int, list[int]] = {}
    for rownum, record in enumerate(body, start=2):
        mask = 0
        for bit, col in enumerate(list_idx):
            value = record[col].strip()
            if value not in ("0", "1"):
                found = f"has {value!r}" if value else "is empty"
                raise TableError(
                    f"column {header[col]!r} must contain only 0 and 1, line {rownum} {found}"
                )
            mask |= int(value) << bit
        count = _check_count(record[count_idx].strip(), rownum, column=header[count_idx])
        _add_row(counts, seen, mask, count, rownum, names, line_word="line")
    notes = _duplicate_notes(seen, names, line_word="lines")
    return CaptureTable(names, counts, tuple(notes), source)


def validate_for_estimation(table: CaptureTable) -> None:
    """Raise :class:`TableError` when no estimate can be made from this table at all."""
    if table.m < 2:
        raise TableError(
            f"at least two lists are needed, this table has {table.m}"
            + (f" ({table.names[0]})" if table.m == 1 else "")
        )
    if table.observed == 0:
        raise TableError("all counts are zero: nobody was seen on any list")
    multi = lattice.popcounts(table.m) >= 2
    if table.counts[multi].sum() == 0:
        raise TableError(
            "no person appears on more than one list, so the lists never overlap "
            "and the number not seen on any list cannot be estimated"
        )


# -- list helpers ---------------------------------------------------------------------------


def merge_lists(
    table: CaptureTable, lists: Sequence[str], new_name: str | None = None
) -> CaptureTable:
    """Merge several lists into one: a person is on the new list when on any of them."""
    lists = list(dict.fromkeys(lists))
    unknown = [n for n in lists if n not in table.names]
    if unknown:
        raise TableError(f"cannot merge: there is no list named {unknown[0]!r}")
    if len(lists) < 2:
        raise TableError("cannot merge: name at least two different lists")
    new_name = new_name or "".join(lists)
    keep = [n for n in table.names if n not in lists]
    if new_name in keep:
        raise TableError(f"cannot merge: the new name {new_name!r} is already a list")
    # The merged list takes the position of the first merged list.
    first = min(table.names.index(n) for n in lists)
    out_names: list[str] = []
    sources: list[list[int]] = []
    for i, name in enumerate(table.names):
        if name in lists:
            if i == first:
                out_names.append(new_name)
                sources.append([table.names.index(n) for n in lists])
        else:
            out_names.append(name)
            sources.append([i])
    counts = np.zeros(1 << len(out_names), dtype=np.int64)
    for cell in range(1, 1 << table.m):
        if table.counts[cell]:
            new_cell = 0
            for j, src in enumerate(sources):
                if any(cell >> i & 1 for i in src):
                    new_cell |= 1 << j
            counts[new_cell] += table.counts[cell]
    note = f"lists {', '.join(lists)} merged into {new_name}"
    return CaptureTable(tuple(out_names), counts, (*table.notes, note), table.source)


def drop_lists(table: CaptureTable, lists: Sequence[str]) -> CaptureTable:
    """Remove lists; people only on removed lists disappear from the table."""
    keep = [i for i, n in enumerate(table.names) if n not in lists]
    counts = np.zeros(1 << len(keep), dtype=np.int64)
    for cell in range(1, 1 << table.m):
        if table.counts[cell]:
            new_cell = 0
            for j, i in enumerate(keep):
                if cell >> i & 1:
                    new_cell |= 1 << j
            if new_cell:
                counts[new_cell] += table.counts[cell]
    names = tuple(table.names[i] for i in keep)
    return CaptureTable(names, counts, table.notes, table.source)


def drop_uninformative_lists(table: CaptureTable) -> CaptureTable:
    """Drop lists that carry no information, with a note for each (as SparseMSE does).

    A list carries no information when nobody is on it, when everybody seen is on it, or when
    it holds exactly the same people as an earlier list.
    """
    totals = table.list_totals
    total = table.observed
    notes: list[str] = []
    drop: list[str] = []
    for name in table.names:
        if totals[name] == 0:
            drop.append(name)
            notes.append(f"list {name} was left out: nobody is on it")
        elif totals[name] == total:
            drop.append(name)
            notes.append(f"list {name} was left out: everybody seen is on it, so it says nothing")
    positive = np.nonzero(table.counts)[0]
    for j, name in enumerate(table.names):
        if name in drop:
            continue
        col_j = (positive >> j) & 1
        for i in range(j):
            if table.names[i] in drop:
                continue
            if np.array_equal(col_j, (positive >> i) & 1):
                drop.append(name)
                notes.append(
                    f"list {name} was left out: "
                    f"it holds exactly the same people as {table.names[i]}"
                )
                break
    if not drop:
        return table
    reduced = drop_lists(table, drop)
    return CaptureTable(reduced.names, reduced.counts, (*table.notes, *notes), table.source)


# -- internals ------------------------------------------------------------------------------


def _check_names(names: Sequence[str]) -> None:
    if len(set(names)) != len(names):
        raise TableError("two lists have the same name")
    if len(names) > lattice.MAX_LISTS:
        raise TableError(
            f"at most {lattice.MAX_LISTS} lists are supported, this table has {len(names)}"
        )
    if len(names) < 2:
        raise TableError(
            f"at least two lists are needed, this table has {len(names)}"
            + (f" ({names[0]})" if len(names) == 1 else "")
        )


def _find_count_column(header: list[str], body: list[list[str]], requested: str | None) -> int:
    if requested is not None:
        if requested not in header:
            raise TableError(f"there is no column named {requested!r} to use as the count")
        return header.index(requested)
    named = [i for i, h in enumerate(header) if h.lower() in COUNT_COLUMN_NAMES]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise TableError(
            "more than one column looks like a count ("
            + ", ".join(header[i] for i in named)
            + "); keep one"
        )
    last = len(header) - 1
    if any(record[last].strip() not in ("0", "1") for record in body):
        return last
    raise TableError(
        "missing count column: name it 'count' (or n, frequency); "
        "every column holds only 0 and 1, so none of them can be the count"
    )


def _check_count(value: object, rownum: int, *, column: str = "count") -> int:
    where = f"line {rownum}" if isinstance(value, str) else f"row {rownum}"
    if isinstance(value, bool):
        raise TableError(f"{where}: the count must be a whole number, got {value!r}")
    if isinstance(value, str):
        if not value:
            raise TableError(f"{where}: the count ({column}) is empty")
        try:
            number = float(value.replace(" ", ""))
        except ValueError:
            raise TableError(f"{where}: the count ({column}) {value!r} is not a number") from None
    elif isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
    else:
        raise TableError(f"{where}: the count must be a whole number, got {value!r}")
    if math.isnan(number) or math.isinf(number):
        raise TableError(f"{where}: the count {value!r} is not a number")
    if number < 0:
        raise TableError(f"{where}: the count {value!r} is negative")
    if number != int(number):
        raise TableError(f"{where}: the count {value!r} is fractional; counts are whole people")
    exact = _exact_int(value, number)
    if exact > MAX_COUNT:
        raise TableError(f"{where}: the count {value} is too large (at most {MAX_COUNT:,})")
    return exact


def _exact_int(value: object, number: float) -> int:
    """The count as an exact integer (a float loses digits above 2**53)."""
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, str):
        text = value.replace(" ", "")
        if text.lstrip("+").isdigit():
            return int(text)
    return int(number)


def _looks_like_data(header: Sequence[str]) -> bool:
    """A first line of only numbers is a data row, not a header (the count needs a name)."""

    def numeric(cell: str) -> bool:
        try:
            float(cell)
        except ValueError:
            return False
        return True

    return len(header) >= 2 and all(numeric(h) for h in header)


def _default_names(m: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [letters[i] if i < len(letters) else f"L{i + 1}" for i in range(m)]


def _add_row(
    counts: np.ndarray,
    seen: dict[int, list[int]],
    mask: int,
    count: int,
    rownum: int,
    names: Sequence[str],
    line_word: str = "row",
) -> None:
    if mask == 0:
        if count:
            raise TableError(
                f"{line_word} {rownum} marks no list but has count {count}: "
                "people seen on no list cannot be counted (that is what is estimated)"
            )
        return
    seen.setdefault(mask, []).append(rownum)
    counts[mask] += count


def _duplicate_notes(
    seen: dict[int, list[int]], names: Sequence[str], line_word: str = "rows"
) -> list[str]:
    notes = []
    for mask, rownums in seen.items():
        if len(rownums) > 1:
            notes.append(
                f"{line_word} {', '.join(map(str, rownums))} repeat the combination "
                f"{lattice.cell_name(mask, names)}; their counts were added up"
            )
    return notes
