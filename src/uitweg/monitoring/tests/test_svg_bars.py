"""The page's bar charts: drawn from suppressed cells only, proportional, accessible, escaped."""

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uitweg.core.suppression import Cell, Hidden
from uitweg.monitoring import svg_bars

NS = {"s": "http://www.w3.org/2000/svg"}


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


def _bars(svg: str) -> list[float]:
    return [float(r.get("height")) for r in _parse(svg).iter(f"{{{NS['s']}}}rect")]


def _texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in _parse(svg).iter(f"{{{NS['s']}}}text")]


def test_a_hidden_cell_has_a_label_and_no_bar():
    cells = [Cell(40), Cell(3, Hidden.PRIMARY), Cell(7, Hidden.COMPLEMENTARY), Cell(20)]
    svg = svg_bars.trend(["2022", "2023", "2024", "2025"], cells, threshold=5, title="Signalen")
    assert len(_bars(svg)) == 2  # only the shown cells are drawn
    texts = _texts(svg)
    assert "<5" in texts and "•" in texts and "40" in texts and "20" in texts
    assert ">3<" not in svg and ">7<" not in svg  # the true values are nowhere in the chart


def test_bars_are_proportional_to_the_shown_values():
    svg = svg_bars.trend(["a", "b"], [Cell(50), Cell(25)], threshold=5, title="t")
    high, low = _bars(svg)
    assert high == pytest.approx(2 * low, rel=0.01)


def test_the_chart_names_itself_for_screen_readers_and_escapes_text():
    svg = svg_bars.comparison(["Seksueel <b> & meer"], [Cell(9)], None, threshold=5,
                              current_label="2025", previous_label="2024",
                              title='Personen "in beeld"')
    root = _parse(svg)  # well-formed despite the markup characters
    assert root.get("role") == "img" and root.get("aria-label") == 'Personen "in beeld"'
    assert root.find("s:title", NS).text == 'Personen "in beeld"'
    assert "Seksueel <b> & meer" in _texts(svg)


def test_the_comparison_shows_both_periods_with_a_legend():
    svg = svg_bars.comparison(["Arbeid", "Criminele"], [Cell(12), Cell(2, Hidden.PRIMARY)],
                              [Cell(8), Cell(6)], threshold=5, current_label="2025",
                              previous_label="2024", title="Per vorm")
    texts = _texts(svg)
    assert {"2025", "2024", "Arbeid", "Criminele", "12", "<5", "8", "6"} <= set(texts)
    assert len(_bars(svg)) == 2 + 3  # two legend keys; the hidden cell has no bar


def test_a_long_category_is_shortened_with_its_full_name_kept():
    name = "Overige vormen van uitbuiting, waaronder gedwongen bedelarij en huwelijk"
    svg = svg_bars.comparison([name], [Cell(9)], None, threshold=5, current_label="2025",
                              previous_label="", title="t")
    assert name in svg and any(t.endswith("…") for t in _texts(svg))


def test_a_mismatched_row_is_refused():
    with pytest.raises(ValueError):
        svg_bars.trend(["2024"], [Cell(1), Cell(2)], threshold=5, title="t")


@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from([None, *Hidden])),
                min_size=1, max_size=12))
def test_every_chart_is_well_formed_and_inside_its_box(raw):
    cells = [Cell(v, h) for v, h in raw]
    svg = svg_bars.comparison([f"c{i}" for i in range(len(cells))], cells, cells, threshold=5,
                              current_label="nu", previous_label="toen", title="t")
    root = _parse(svg)
    width = float(root.get("viewBox").split()[2])
    for rect in root.iter(f"{{{NS['s']}}}rect"):
        assert float(rect.get("x")) >= 0 and float(rect.get("x")) + float(
            rect.get("width")) <= width + 0.1
    assert not re.search(r"\bnan\b|\binf\b", svg)
