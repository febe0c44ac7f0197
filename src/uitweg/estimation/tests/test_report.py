import re
import subprocess
import sys

import numpy as np
import pytest

from uitweg.estimation import CaptureTable, estimate_population, threshold_sweep
from uitweg.estimation.report import render_html, render_pdf
from uitweg.estimation.service import total_without_minus_infinity

from .tables import load


@pytest.fixture(scope="module")
def ned():
    return estimate_population(load("Ned"), n_bootstrap=100, seed=3, jobs=1)


def test_html_is_self_contained(ned):
    page = render_html(ned)
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 2
    # no external resources: no scripts, stylesheets, images or fonts fetched from elsewhere
    assert "<script" not in page
    assert "<link" not in page
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', page)
    assert not re.search(r"url\((?!#)", page)  # only references inside the page
    assert "<img" not in page


def test_chart_ids_do_not_clash(ned):
    page = render_html(ned)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for ref in re.findall(r"url\(#([^)]+)\)", page):
        assert ref in ids


def test_html_explains_in_dutch_and_english(ned):
    page = render_html(ned)
    for phrase in (
        "Wat betekent deze schatting?",
        "What does this estimate mean?",
        "Wat betekent deze schatting niet?",
        "What this estimate does not mean",
        "Gesloten populatie",
        "Closed population",
        "onterechte koppelingen",
        "false matches",
        "Lijsten die elkaar nooit overlappen",
        "Lists that never overlap",
    ):
        assert phrase in page, phrase
    # Ned has pairs without overlap that the chosen model sets to minus infinity
    assert "I&ndash;K" in page and "K&ndash;R" in page
    assert "minus infinity" in page and "min oneindig" in page
    # key figures
    assert "8\u00a0234" in page
    assert f"{round(ned.total):,}".replace(",", "\u00a0") in page


def test_effect_of_minus_infinity_is_reported(ned):
    alternative = total_without_minus_infinity(ned)
    assert alternative is not None and abs(alternative - ned.total) > 1000
    assert f"{round(alternative):,}".replace(",", "\u00a0") in render_html(ned)
    western = estimate_population(load("Western"), n_bootstrap=0)
    assert total_without_minus_infinity(western) is None


def test_threshold_sweep_covers_main_effects_and_the_default():
    sweep = threshold_sweep(load("NewOrl"))
    by_threshold = {p.threshold: p for p in sweep}
    assert round(by_threshold[0.0].total) == 997
    assert round(by_threshold[0.02].total) == 1184
    assert all(p.interval.total_low < p.total < p.interval.total_high for p in sweep)


def test_list_names_are_escaped():
    rows = [((1, 0, 0), 40), ((0, 1, 0), 30), ((0, 0, 1), 20), ((1, 1, 0), 6), ((0, 1, 1), 4)]
    table = CaptureTable.from_rows(["<script>x</script>", "B&B", "C"], rows)
    page = render_html(estimate_population(table, n_bootstrap=0))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "B&amp;B" in page


def test_report_without_bootstrap_uses_the_conditional_interval():
    result = estimate_population(load("Western"), n_bootstrap=0)
    page = render_html(result)
    assert "gegeven het gekozen model" in page


def test_pdf_renders_with_png_charts(ned):
    pdf = render_pdf(ned)
    assert pdf[:5] == b"%PDF-"
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 20_000
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf
    html_for_pdf = render_html(ned, for_pdf=True)
    assert html_for_pdf.count('src="data:image/png;base64,') == 2


@pytest.mark.skipif(
    subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
    reason="pdftotext (poppler-utils) not installed",
)
def test_pdf_text_is_readable(ned, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(ned))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Wat betekent deze schatting?" in text
    assert "What does this estimate mean?" in text
    assert "één" in text  # Dutch characters survive (DejaVu font)


def test_package_imports_nothing_from_django():
    code = (
        "import sys\n"
        "import uitweg.estimation, uitweg.estimation.cli, uitweg.estimation.report\n"
        "import uitweg.estimation.bench\n"
        "from uitweg.estimation import estimate_population, read_csv\n"
        "loaded = [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
        "assert not loaded, loaded\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_counts_array_is_read_only():
    table = load("Western")
    with pytest.raises(ValueError):
        table.counts[1] = 5
    assert isinstance(table.counts, np.ndarray)
