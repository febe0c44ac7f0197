import csv
import io
import json
import subprocess
import sys

import pytest

from uitweg.estimation.cli import main

from .tables import DATA


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, text, name="t.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_text_output_new_orleans(capsys):
    code, out, _ = run(capsys, DATA / "NewOrl.csv", "--bootstrap", 200, "--seed", 5, "--jobs", 1)
    assert code == 0
    assert "Seen on at least one list (observed): 185" in out
    assert "Chosen model: main effects + D:E" in out
    assert "Estimated total population: 1,184" in out
    assert "Estimated hidden number (on no list): 999" in out
    assert "BCa bootstrap with the model re-selected (200 resamples, seed 5)" in out
    assert "profile likelihood" in out


def test_json_output_is_complete(capsys):
    code, out, _ = run(
        capsys,
        DATA / "Western.csv",
        "--bootstrap",
        100,
        "--seed",
        1,
        "--format",
        "json",
        "--jobs",
        1,
    )
    assert code == 0
    data = json.loads(out)
    assert data["observed"] == 345
    assert data["model"]["interactions"] == ["A:E"]
    assert round(data["total"]) == 2483
    assert data["bootstrap"]["resamples"] == 100
    assert data["bootstrap"]["seed"] == 1
    lo, hi = data["bootstrap"]["total"]
    assert lo < data["total"] < hi
    assert data["steps"][0]["term"] == "A:E"


def test_csv_output(capsys):
    code, out, _ = run(
        capsys, DATA / "UKdat_5.csv", "--method", "bic", "--bootstrap", 0, "--format", "csv"
    )
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["method"] == "bic"
    assert row["max_order"] == "2"
    assert round(float(row["total"])) == 22991
    assert row["bca_low"] == ""


def test_same_seed_same_output(capsys):
    args = (DATA / "Western.csv", "--bootstrap", 150, "--seed", 42, "--format", "json")
    _, first, _ = run(capsys, *args, "--jobs", 1)
    _, second, _ = run(capsys, *args, "--jobs", 2)
    assert json.loads(first)["bootstrap"] == json.loads(second)["bootstrap"]


def test_threshold_zero_is_main_effects(capsys):
    code, out, _ = run(capsys, DATA / "NewOrl.csv", "--threshold", 0, "--bootstrap", 0)
    assert code == 0
    assert "Chosen model: main effects\n" in out
    assert "Estimated total population: 997" in out


def test_merge_option(capsys):
    code, out, err = run(
        capsys, DATA / "UKdat.csv", "--merge", "PF,NCA=PFNCA", "--method", "bic", "--bootstrap", 0
    )
    assert code == 0
    assert "PFNCA" in out
    assert "Estimated total population: 22,991" in out
    assert "merged into PFNCA" in err


def test_duplicated_rows_are_summed_and_reported(capsys, tmp_path):
    path = write(
        tmp_path, "A,B,C,n\n1,0,0,20\n1,0,0,20\n0,1,0,30\n0,0,1,20\n1,1,0,6\n1,0,1,3\n0,1,1,4\n"
    )
    code, out, err = run(capsys, path, "--bootstrap", 0)
    assert code == 0
    assert "note: lines 2, 3 repeat the combination A; their counts were added up" in err
    assert "Seen on at least one list (observed): 103" in out


def test_uninformative_list_is_left_out_with_a_note(capsys, tmp_path):
    # E holds everybody seen, so it carries no information
    path = write(
        tmp_path, "A,B,C,E,n\n1,0,0,1,40\n0,1,0,1,30\n0,0,1,1,20\n1,1,0,1,6\n1,0,1,1,3\n0,1,1,1,2\n"
    )
    code, out, err = run(capsys, path, "--bootstrap", 0)
    assert code == 0
    assert "note: list E was left out: everybody seen is on it" in err
    assert "Lists (3): A (49), B (38), C (25)" in out


MALFORMED = [
    ("A,B,n\n1,2,3\n0,1,4\n1,1,1\n", "column 'B' must contain only 0 and 1"),
    ("A,B,n\n1,0,-3\n0,1,4\n1,1,1\n", "negative"),
    ("A,B,n\n1,0,2.5\n0,1,4\n1,1,1\n", "fractional"),
    ("A,B,C\n1,0,1\n0,1,1\n1,1,0\n", "missing count column"),
    ("A,n\n1,5\n", "at least two lists"),
    ("A,B,C,n\n1,0,0,3\n0,1,0,4\n0,0,1,5\n", "never overlap"),
    ("A,B,n\n1,0,0\n0,1,0\n", "all counts are zero"),
    ("A,B,n\n1,0,1\n0,1\n", "fields"),
    ("", "empty"),
    ("A,B,n\n1,0,5\n1,1,2\n", "fewer than two lists remain"),
]


@pytest.mark.parametrize(("text", "fragment"), MALFORMED)
def test_malformed_input_exits_2_with_one_line(capsys, tmp_path, text, fragment):
    code, out, err = run(capsys, write(tmp_path, text), "--bootstrap", 0)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("uitweg-estimate: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in err


def test_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "missing.csv")
    assert code == 2
    assert "file not found" in err


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--threshold", "1.5"], "between 0 and 1"),
        (["--threshold", "abc"], "must be a number"),
        (["--bootstrap", "-1"], "at least 0"),
        (["--method", "aic"], "invalid choice"),
        (["--format", "xml"], "invalid choice"),
        (["--method", "bic", "--max-order", "9"], "maximum order must be between 1 and 4"),
        (["--method", "bic"], "more than 50,000 models"),
    ],
)
def test_bad_settings_exit_2_with_one_line(capsys, args, fragment):
    table = DATA / ("NewOrl.csv" if args == ["--method", "bic"] else "Western.csv")
    with pytest.raises(SystemExit) as info:
        code = main(
            [str(table), "--bootstrap", "0", *args]
            if "--bootstrap" not in args
            else [str(table), *args]
        )
        raise SystemExit(code)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert fragment in err


def test_console_script_exit_code_and_no_traceback(tmp_path):
    path = write(tmp_path, "A,B,n\n1,0,3\n0,1,x\n")
    proc = subprocess.run(
        [sys.executable, "-m", "uitweg.estimation", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "uitweg-estimate: error: line 3: the count (n) 'x' is not a number"
    ]


def test_report_and_pdf_options(capsys, tmp_path):
    html_path, pdf_path = tmp_path / "r.html", tmp_path / "r.pdf"
    code, _, err = run(
        capsys,
        DATA / "Western.csv",
        "--bootstrap",
        100,
        "--seed",
        1,
        "--jobs",
        1,
        "--report",
        html_path,
        "--pdf",
        pdf_path,
    )
    assert code == 0
    assert html_path.read_text().startswith("<!DOCTYPE html>")
    assert pdf_path.read_bytes()[:5] == b"%PDF-"
    assert "report written" in err and "PDF written" in err
