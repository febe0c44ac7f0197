import numpy as np
import pytest

from uitweg.estimation import CaptureTable, TableError, drop_uninformative_lists, merge_lists
from uitweg.estimation.table import parse_csv, read_csv, validate_for_estimation

from .tables import DATA, TABLES, load


@pytest.mark.parametrize("name", TABLES)
def test_every_shipped_table_reads(name):
    table = load(name)
    assert table.m >= 3
    assert table.counts[0] == 0
    assert table.notes == ()


def test_counts_are_indexed_by_capture_history():
    table = parse_csv("A,B,C,n\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,6\n")
    assert table.names == ("A", "B", "C")
    assert table.counts.tolist() == [0, 40, 30, 6, 20, 0, 0, 0]
    assert table.observed == 96
    assert table.list_totals == {"A": 46, "B": 36, "C": 20}
    assert table.overlap("A", "B") == 6
    assert table.pairs_without_overlap() == [("A", "C"), ("B", "C")]


def test_duplicated_rows_are_summed_with_a_note():
    table = parse_csv("A,B,count\n1,0,5\n0,1,4\n1,0,2\n1,1,3\n")
    assert table.counts[0b01] == 7
    assert len(table.notes) == 1
    assert "lines 2, 4" in table.notes[0] and "added up" in table.notes[0]


def test_semicolon_separated_and_count_found_by_name():
    table = parse_csv("n;A;B\n5;1;0\n4;0;1\n3;1;1\n")
    assert table.names == ("A", "B")
    assert table.observed == 12


def test_last_column_is_count_when_it_is_not_0_1():
    table = parse_csv("A,B,people\n1,0,5\n0,1,4\n1,1,3\n")
    assert table.names == ("A", "B")


def test_all_zero_row_with_count_zero_is_ignored():
    table = parse_csv("A,B,n\n0,0,0\n1,1,2\n1,0,1\n")
    assert table.observed == 3


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("A,B,n\n1,2,3\n0,1,4\n", "column 'B' must contain only 0 and 1, line 2 has '2'"),
        ("A,B,n\n1,x,3\n", "column 'B' must contain only 0 and 1"),
        ("A,B,n\n1,,3\n", "line 2 is empty"),
        ("A,B,n\n1,0,-3\n0,1,2\n", "negative"),
        ("A,B,n\n1,0,2.5\n0,1,2\n", "fractional"),
        ("A,B,n\n1,0,abc\n", "is not a number"),
        ("A,B,C\n1,0,1\n0,1,1\n", "missing count column"),
        ("A,n\n1,3\n", "at least two lists"),
        ("A,B,n\n1,0,3\n0,1\n", "line 3 has 2 fields"),
        ("", "empty"),
        ("A,B,n\n", "no rows"),
        ("A,A,n\n1,0,2\n", "repeats the column name 'A'"),
        ("A,B,n\n0,0,5\n1,1,1\n", "marks no list but has count 5"),
        ("A,B,n,count\n1,0,1,1\n", "more than one column looks like a count"),
    ],
)
def test_malformed_input_names_the_problem(text, fragment):
    with pytest.raises(TableError) as info:
        parse_csv(text)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(TableError, match="file not found"):
        read_csv(tmp_path / "nope.csv")
    with pytest.raises(TableError, match="directory"):
        read_csv(tmp_path)


def test_explicit_count_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("A,B,weight\n1,0,1\n0,1,1\n1,1,1\n")
    with pytest.raises(TableError, match="missing count column"):
        read_csv(path)
    assert read_csv(path, count_column="weight").observed == 3
    with pytest.raises(TableError, match="no column named 'x'"):
        read_csv(path, count_column="x")


def test_validate_for_estimation_refuses_tables_without_overlap():
    with pytest.raises(TableError, match="never overlap"):
        validate_for_estimation(parse_csv("A,B,C,n\n1,0,0,3\n0,1,0,4\n0,0,1,2\n"))
    with pytest.raises(TableError, match="all counts are zero"):
        validate_for_estimation(parse_csv("A,B,n\n1,0,0\n0,1,0\n"))
    validate_for_estimation(load("NewOrl"))


def test_from_rows_matches_csv_and_validates():
    rows = [((1, 0, 0), 40), ((0, 1, 0), 30), ((0, 0, 1), 20), ((1, 1, 0), 6)]
    table = CaptureTable.from_rows(["A", "B", "C"], rows)
    assert np.array_equal(table.counts, load("Artificial_3").counts)
    with pytest.raises(TableError, match="only 0 and 1"):
        CaptureTable.from_rows(["A", "B"], [((1, 2), 3)])
    with pytest.raises(TableError, match="fractional"):
        CaptureTable.from_rows(["A", "B"], [((1, 0), 1.5)])
    with pytest.raises(TableError, match="negative"):
        CaptureTable.from_rows(["A", "B"], [((1, 0), -1)])
    with pytest.raises(TableError, match="expected 2"):
        CaptureTable.from_rows(["A", "B"], [((1, 0, 1), 1)])


def test_to_csv_round_trip():
    table = load("Western")
    again = parse_csv(table.to_csv())
    assert again.names == table.names
    assert np.array_equal(again.counts, table.counts)


def test_merge_lists_reproduces_ned_5_from_ned():
    ned = load("Ned")
    merged = merge_lists(ned, ["I", "O"], "IO")
    ned5 = load("Ned_5")
    assert set(merged.names) == set(ned5.names)

    # compare as histories keyed by list names, since column order may differ
    def as_dict(t):
        return {
            frozenset(n for n, v in zip(t.names, history, strict=True) if v): count
            for history, count in t.rows()
        }

    assert as_dict(merged) == as_dict(ned5)
    assert "merged into IO" in merged.notes[-1]


def test_merge_lists_reproduces_ukdat_5_from_ukdat():
    merged = merge_lists(load("UKdat"), ["PF", "NCA"], "PFNCA")
    assert merged.names == load("UKdat_5").names
    assert np.array_equal(merged.counts, load("UKdat_5").counts)


def test_merge_lists_errors():
    table = load("Western")
    with pytest.raises(TableError, match="no list named 'X'"):
        merge_lists(table, ["A", "X"])
    with pytest.raises(TableError, match="at least two"):
        merge_lists(table, ["A"])
    with pytest.raises(TableError, match="already a list"):
        merge_lists(table, ["A", "B"], "C")


def test_drop_uninformative_lists():
    text = "A,B,C,D,E,n\n1,0,1,0,1,5\n0,1,0,0,1,4\n1,1,1,0,1,2\n"
    table = drop_uninformative_lists(parse_csv(text))
    # D is empty, E holds everybody, C duplicates A
    assert table.names == ("A", "B")
    assert table.observed == 11
    joined = " ".join(table.notes)
    assert "D was left out: nobody is on it" in joined
    assert "E was left out: everybody seen is on it" in joined
    assert "C was left out: it holds exactly the same people as A" in joined


def test_drop_uninformative_lists_keeps_informative_tables_unchanged():
    table = load("UKdat")
    assert drop_uninformative_lists(table) is table


def test_data_folder_has_readme_with_attribution():
    text = (DATA / "README.md").read_text()
    assert "SparseMSE" in text and "MultipleSystemsEstimation" in text
    assert "National Rapporteur" in text
