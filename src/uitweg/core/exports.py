"""Every CSV the platform writes goes through here, so no cell can run as a spreadsheet formula.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and, after a tab or a carriage return, the same) as a formula: ``=HYPERLINK(...)`` in an
organisation's name or a reporter's text would run on the analyst's machine (CSV injection,
OWASP). :func:`safe_cell` prefixes such a text with ``'``, which spreadsheets show as text and do
not display. Numbers are left alone — a number (``-3``, ``-0.25``) is never a formula — so
figures stay figures. ADR 0017.

No Django import at module level: the estimation package (which must not load Django) uses
:func:`write_csv` too; :func:`csv_response` imports ``HttpResponse`` when called.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

#: first characters that make a spreadsheet read a cell as a formula (or start one)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def is_plain_number(text: str) -> bool:
    return bool(_PLAIN_NUMBER.fullmatch(text))


def safe_cell(value: Any) -> Any:
    """The value as it may go into a CSV cell: text that would start a formula gets a ``'``."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_START) and not is_plain_number(text):
        return "'" + text
    return text


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def write_csv(header: Sequence[str], rows: Iterable[Iterable[Any]], *,
              lineterminator: str = "\r\n") -> str:
    """The CSV text of a header and rows, every cell through :func:`safe_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return buffer.getvalue()


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Iterable[Any]]):
    """A download of :func:`write_csv` (UTF-8, ``attachment``)."""
    from django.http import HttpResponse

    response = HttpResponse(write_csv(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
