"""The benchmarks' summary line round-trips through the parser `make bench` uses."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uitweg.core.bench import parse_summary, summary_line

keys = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
values = st.one_of(st.integers(-10**6, 10**6),
                   st.floats(0.001, 1e6, allow_nan=False, allow_infinity=False))


@given(st.dictionaries(keys, values, min_size=1, max_size=6))
def test_every_summary_parses_back_to_its_figures(figures):
    name, parsed = parse_summary(summary_line("cases", figures, load=False))
    assert name == "cases"
    assert list(parsed) == list(figures)
    for key, value in figures.items():
        assert parsed[key] == pytest.approx(value, rel=0.06, abs=0.0006)


def test_words_and_the_load_average():
    line = summary_line("chat", {"p99_ms": 34.1, "redis": "skipped"})
    _, figures = parse_summary(line)
    assert figures["p99_ms"] == pytest.approx(34.1)
    assert figures["redis"] == "skipped"
    assert "load_1min" in figures


def test_free_text_lines_are_not_summaries():
    assert parse_summary("Traceback (most recent call last):") is None
    assert parse_summary("") is None


def test_values_with_spaces_are_refused():
    with pytest.raises(ValueError):
        summary_line("x", {"a": "two words"})
