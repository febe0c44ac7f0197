"""Issue 15, points 5-9: rough edges of the command line, each one line on stderr and exit 2."""

import subprocess
import sys

import pytest

from uitweg.estimation import report
from uitweg.estimation.cli import main
from uitweg.estimation.table import CaptureTable, TableError, parse_csv

from .tables import DATA


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# -- 5. huge counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [str(2**63), str(2**64 + 5), "1e300"])
def test_a_count_too_large_for_the_computation_is_refused_in_one_line(capsys, tmp_path, count):
    path = tmp_path / "big.csv"
    path.write_text(f"A,B,count\n1,0,{count}\n0,1,5\n1,1,3\n")
    code, _, err = run(capsys, path, "--bootstrap", 0)
    assert code == 2
    line = one_line(err)
    assert "too large" in line and "line 2" in line


def test_from_rows_refuses_a_count_of_2_to_the_63():
    with pytest.raises(TableError, match="too large"):
        CaptureTable.from_rows(["A", "B"], [((1, 0), 2**63), ((0, 1), 4), ((1, 1), 2)])


def test_the_console_script_prints_no_traceback_for_a_huge_count(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(f"A,B,count\n1,0,{2**63}\n0,1,5\n1,1,3\n")
    proc = subprocess.run(
        [sys.executable, "-m", "uitweg.estimation", str(path), "--bootstrap", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "too large" in proc.stderr


# -- 6. the level is printed with the digits it needs --------------------------------------------


@pytest.mark.parametrize(("level", "label"), [("0.999", "99.9%"), ("0.95", "95%"), ("0.9", "90%")])
def test_level_is_printed_with_the_digits_it_needs(capsys, level, label):
    code, out, _ = run(capsys, DATA / "Western.csv", "--bootstrap", 0, "--level", level)
    assert code == 0
    assert f"{label} interval for the total" in out
    assert "100% interval" not in out


def test_report_shows_the_level_with_its_digits():
    from uitweg.estimation import estimate_population

    from .tables import load

    result = estimate_population(load("Western"), n_bootstrap=0, level=0.999)
    html = report.render_html(result)
    assert "99.9% interval" in html
    assert "100% interval" not in html and "100%-interval" not in html


# -- 7. BIC on two lists ---------------------------------------------------------------------------


TWO_LISTS = "A,B,count\n1,0,40\n0,1,30\n1,1,6\n"


def test_bic_on_two_lists_uses_the_highest_possible_order_by_default(capsys, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(TWO_LISTS)
    code, out, err = run(capsys, path, "--method", "bic", "--bootstrap", 0)
    assert code == 0, err
    assert "Chosen model: main effects" in out
    assert "up to order 1" in out
    assert round(76 + 40 * 30 / 6) == 276  # the Lincoln-Petersen estimate
    assert "Estimated total population: 276" in out


def test_an_explicit_impossible_order_is_still_an_error(capsys, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(TWO_LISTS)
    code, _, err = run(capsys, path, "--method", "bic", "--max-order", 2, "--bootstrap", 0)
    assert code == 2
    assert "maximum order must be between 1 and 1" in one_line(err)


# -- 8. a CSV without a header row -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,0,40\n0,1,30\n1,1,6\n", "A,B,count"),
        ("1;0;0;5\n0;1;0;7\n1;1;0;2\n0;0;1;3\n", "A;B;C;count"),
    ],
)
def test_a_csv_without_header_row_is_named_as_such(text, expected):
    with pytest.raises(TableError) as info:
        parse_csv(text)
    message = str(info.value)
    assert "no header row" in message
    assert "was left out" not in message
    assert expected in message


def test_cli_says_the_file_has_no_header_row(capsys, tmp_path):
    path = tmp_path / "nohead.csv"
    path.write_text("1,0,40\n0,1,30\n1,1,6\n")
    code, _, err = run(capsys, path, "--bootstrap", 0)
    assert code == 2
    line = one_line(err)
    assert "the file has no header row" in line
    assert "A,B,count" in line


def test_a_header_with_numeric_names_and_a_count_is_still_a_header():
    table = parse_csv("2019,2020,count\n1,0,4\n0,1,3\n1,1,2\n")
    assert table.names == ("2019", "2020")


# -- 9. PDF rendering failures ---------------------------------------------------------------------


def test_pdf_rendering_failure_is_one_line_and_exit_2(capsys, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("PDF rendering failed with 3 error(s)")

    monkeypatch.setattr(report, "render_pdf", broken)
    out_pdf = tmp_path / "r.pdf"
    code, _, err = run(capsys, DATA / "Western.csv", "--bootstrap", 0, "--pdf", out_pdf)
    assert code == 2
    line = one_line(err)
    assert "cannot write the PDF" in line and "3 error(s)" in line
    assert not out_pdf.exists()
