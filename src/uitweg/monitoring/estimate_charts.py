"""The chart over the years: persons in view and the estimate with its 95 % interval."""

from __future__ import annotations

from matplotlib.figure import Figure

from uitweg.estimation.charts import HIDDEN, INK, OBSERVED, thousands

from .charts import accessible_svg


def chart_years(points: list[dict], *, seen_label: str, estimate_label: str,
                title: str) -> str:
    """``points``: year, observed, total, low, high (finished estimates only)."""
    fig = Figure(figsize=(6.4, 2.6), dpi=100)
    fig.set_layout_engine("constrained")
    ax = fig.add_subplot()
    xs = list(range(len(points)))
    ax.bar(xs, [p["observed"] for p in points], color=OBSERVED, width=0.55, label=seen_label)
    for x, p in zip(xs, points, strict=True):
        low = p["low"] if p["low"] is not None else p["total"]
        high = p["high"] if p["high"] is not None else p["total"]
        ax.errorbar([x], [p["total"]], yerr=[[p["total"] - low], [high - p["total"]]],
                    fmt="o", color=HIDDEN, ecolor=INK, capsize=4,
                    label=estimate_label if x == 0 else None)
        ax.text(x + 0.08, p["total"], " " + thousands(p["total"]), va="center", fontsize=8,
                color=INK)
    ax.set_xticks(xs, [str(p["year"]) for p in points], fontsize=9)
    ax.yaxis.set_major_formatter(thousands)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    return accessible_svg(fig, prefix="estimate-years-", title=title)
