"""The pure parts: periods from a query string, shaping database rows, harmonised totals."""

from uitweg.core.suppression import Hidden
from uitweg.monitoring.periods import Period, parse_period
from uitweg.monitoring.tables import OTHER, CountTable, harmonise, open_categories, shape, shown


def test_a_bad_period_falls_back_to_this_year():
    for year, quarter in [("abc", "9"), ("1999", "0"), ("3000", "x"), (None, None), ("", "")]:
        assert parse_period(year, quarter, this_year=2026) == Period(2026)
    assert parse_period("2024", "3", this_year=2026) == Period(2024, 3)


def test_a_trend_is_the_same_period_in_the_years_before():
    assert [p.label for p in Period(2026, 2).trend(3)] == ["2024 Q2", "2025 Q2", "2026 Q2"]


def test_shape_puts_unknown_codes_in_other_and_blanks_in_unknown():
    periods = Period(2025).trend(2)
    rows = [(2025, "NL", 7), (2025, "RO", 3), (2025, "BG", 1), (2024, None, 2), (2023, "NL", 9)]
    categories = open_categories(rows, keep=1, labels={}, unknown_label="?", other_label="+")
    assert categories == [("NL", "NL"), (OTHER, "+"), ("", "?")]
    assert shape(rows, periods, categories) == [[0, 0, 2], [7, 4, 0]]


def _table(counts):
    periods = Period(2025).trend(len(counts))
    return CountTable("x.y", "y", periods, [(str(j), str(j)) for j in range(len(counts[0]))],
                      counts)


def test_a_period_total_hidden_in_one_breakdown_is_hidden_in_all():
    small = shown(_table([[2, 1], [9, 8]]), threshold=5)  # 2024 total 3: hidden
    large = shown(_table([[3, 0], [10, 7]]), threshold=5)  # 2024 total 3: hidden as well
    other = shown(_table([[20, 30], [10, 7]]), threshold=5)  # 2024 total 50 shown here
    result = harmonise([small, large, other])
    for table in result:
        assert table.totals()[0].hidden is not None
        assert table.rows()[0][2] in {"<5", "•"}
    assert result[2].totals()[0].hidden is Hidden.COMPLEMENTARY
