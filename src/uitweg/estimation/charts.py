"""Charts for the estimation report, drawn with matplotlib (no pyplot, no GUI backend).

Both charts have bilingual (Dutch / English) labels. :func:`svg` gives inline SVG for the HTML
page, :func:`png_data_uri` a PNG data URI for the PDF (xhtml2pdf does not draw SVG).
"""

from __future__ import annotations

import base64
import io
import math
import re

import matplotlib
from matplotlib.figure import Figure

from .service import PopulationEstimate, SweepPoint

INK = "#1f2933"
OBSERVED = "#3b6ea5"
HIDDEN = "#f2a541"
MUTED = "#7b8794"


def thousands(v: float, _pos: object = None) -> str:
    """Whole number with a no-break space between thousands (same in Dutch and English)."""
    return f"{v:,.0f}".replace(",", "\u00a0")


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=100)
    fig.set_layout_engine("constrained")
    return fig


def chart_estimate(result: PopulationEstimate) -> Figure:
    """Observed vs estimated total, with the BCa and the model-conditional 95% intervals."""
    fig = _figure(7.2, 2.7)
    ax = fig.add_subplot()
    obs, hidden, total = result.observed, result.hidden, result.total
    ax.barh([1], [obs], color=OBSERVED, height=0.5)
    ax.barh([0], [obs], color=OBSERVED, height=0.5, label="gezien / seen")
    ax.barh(
        [0],
        [hidden],
        left=[obs],
        color=HIDDEN,
        height=0.5,
        label="niet gezien (geschat) / not seen (estimated)",
    )
    ax.text(obs, 1, "  " + thousands(obs), va="center", ha="left", color=INK, fontsize=9)
    right = total
    if result.bca_total is not None:
        lo, hi = result.bca_total
        if math.isfinite(hi):
            right = max(right, hi)
            ax.errorbar(
                [total],
                [0],
                xerr=[[total - lo], [hi - total]],
                fmt="none",
                ecolor=INK,
                elinewidth=2,
                capsize=6,
                label="95% BCa bootstrap",
            )
    c = result.conditional
    if math.isfinite(c.total_high):
        right = max(right, c.total_high)
        ax.errorbar(
            [total],
            [-0.38],
            xerr=[[total - c.total_low], [c.total_high - total]],
            fmt="none",
            ecolor=MUTED,
            elinewidth=1.2,
            capsize=4,
            label="95% gegeven het model / given the model",
        )
    ax.plot([total], [0], marker="D", color=INK, markersize=5)
    ax.text(total, 0.36, thousands(total), ha="center", va="bottom", color=INK, fontsize=9)
    ax.set_yticks([1, 0], ["gezien\nseen", "geschat totaal\nestimated total"], fontsize=9)
    ax.set_xlim(0, right * 1.08)
    ax.set_ylim(-0.75, 1.45)
    ax.tick_params(axis="x", labelsize=8)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(thousands))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8, frameon=False)
    return fig


def chart_thresholds(
    sweep: list[SweepPoint], chosen: float | None, observed: int, bic_total: float | None = None
) -> Figure:
    """Stepwise estimate (with model-conditional 95% interval) for a range of thresholds.

    With ``bic_total`` the BIC estimate is drawn as a horizontal line for comparison.
    """
    fig = _figure(7.2, 3.0)
    ax = fig.add_subplot()
    xs = list(range(len(sweep)))
    finite_tops = [p.interval.total_high for p in sweep if math.isfinite(p.interval.total_high)]
    top = max([p.total for p in sweep] + finite_tops) * 1.1
    for x, point in zip(xs, sweep, strict=True):
        is_chosen = chosen is not None and abs(point.threshold - chosen) < 1e-12
        color = HIDDEN if is_chosen else OBSERVED
        lo = point.interval.total_low
        hi = point.interval.total_high
        ax.plot([x, x], [lo, min(hi, top)], color=color, linewidth=2, alpha=0.8)
        if not math.isfinite(hi):
            ax.plot([x], [top], marker="^", color=color)
        ax.plot([x], [point.total], marker="o", color=color, markersize=7 if is_chosen else 5)
    if bic_total is not None:
        top = max(top, bic_total * 1.1)
        ax.axhline(bic_total, color=HIDDEN, linestyle=":", linewidth=1.5)
        ax.text(-0.4, bic_total, "BIC", va="bottom", ha="left", fontsize=8, color=INK)
    ax.axhline(observed, color=MUTED, linestyle="--", linewidth=1)
    ax.text(
        len(sweep) - 0.5,
        observed,
        "gezien / seen",
        va="bottom",
        ha="right",
        fontsize=8,
        color=MUTED,
    )
    labels = [
        "0\nalleen hoofd-\neffecten / main\neffects only"
        if p.threshold == 0
        else f"{p.threshold:g}"
        for p in sweep
    ]
    ax.set_xticks(xs, labels, fontsize=8)
    ax.set_xlabel("drempel voor p-waarde / p-value threshold", fontsize=9)
    ax.set_ylabel("geschat totaal\nestimated total", fontsize=9)
    ax.set_ylim(0, top)
    ax.tick_params(axis="y", labelsize=8)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(thousands))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def svg(fig: Figure, prefix: str = "") -> str:
    """Inline SVG markup (no XML prolog), scaled to the page width.

    ``prefix`` is put in front of every element id so that two charts on one page cannot clash.
    """
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "uitweg"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    if prefix:
        text = re.sub(r'\bid="', f'id="{prefix}', text)
        text = text.replace("url(#", f"url(#{prefix}").replace('href="#', f'href="#{prefix}')
    text = re.sub(
        r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
        r'<svg\1 style="width:100%;height:auto"',
        text,
        count=1,
    )
    return text


def png_data_uri(fig: Figure, dpi: int = 160) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
