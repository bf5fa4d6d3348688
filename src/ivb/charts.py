"""The charts of ``ivb report``: one small SVG line chart per indicator, by matplotlib.

Each chart shows the measured values (a year without a value is a gap, never 0;
provisional values hollow), the target of every year with its value and year, the
straight path from the baseline to the target that the on-track rule compares with, the
band of a level to hold, and the report's year. Every chart spans the same years, so
they compare at a glance. The SVG is deterministic (fixed hash salt, no date) and keeps
its text as text: searchable, sharp in print and small.

Only the report imports this module: matplotlib stays off every other command's path.
"""

from __future__ import annotations

import io
import math
import re
from typing import TYPE_CHECKING

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .report_text import number, texts, value_text

if TYPE_CHECKING:
    from .report import IndicatorEntry

MEASURED = "#1f4e79"
TARGET = "#a93226"
PATH = "#7f8c8d"
AS_OF = "#8e8e8e"
SIZE = (6.4, 2.3)  # inches; the page scales the SVG to its width
MAX_TICKS = 12  # year labels on the x axis before they are thinned

RC = {
    "svg.hashsalt": "ivb",  # the ids of clip paths and markers repeat from run to run
    "svg.fonttype": "none",  # text stays text
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
}
NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def render_chart(entry: IndicatorEntry, years: tuple[int, int], lang: str) -> str:
    """The chart of one indicator as an SVG document (without the XML prolog, so that it
    can be inlined in HTML as well as written to a file)."""
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=SIZE)
        _draw(fig, entry, years, lang)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata=NO_METADATA)
    svg = out.getvalue()
    return svg[svg.index("<svg") :]


def _draw(fig: Figure, entry: IndicatorEntry, years: tuple[int, int], lang: str) -> None:
    t = texts(lang)
    ind, ev = entry.view, entry.evaluation
    percent = ind.unit == "percent"
    # The plot area and, below it, room for the legend: the same for every chart.
    ax = fig.add_axes((0.075, 0.25, 0.905, 0.7))
    first, last = years
    span = list(range(first, last + 1))
    values = entry.values
    ys = [_or_nan(values.get(y)) for y in span]
    shown = [v for v in ys if not math.isnan(v)]
    definite = [i for i, y in enumerate(span) if y in values and y not in ind.provisional]
    ax.plot(
        span,
        ys,
        color=MEASURED,
        linewidth=1.8,
        marker="o",
        markersize=4.5,
        markevery=definite,
        label=t["chart_measured"] if shown else None,
        zorder=3,
    )
    provisional = [y for y in span if y in ind.provisional and values.get(y) is not None]
    if provisional:
        ax.plot(
            provisional,
            [values[y] for y in provisional],
            linestyle="none",
            marker="o",
            markersize=5.5,
            markerfacecolor="white",
            markeredgecolor=MEASURED,
            markeredgewidth=1.5,
            label=t["chart_provisional"],
            zorder=4,
        )
    targets = ind.target_values
    tops = [*shown, *targets.values()]
    headroom = 1.2  # above the highest value: room for the targets' labels
    if ev.target is not None and entry.band:
        low, high = ev.target.value - entry.band, ev.target.value + entry.band
        ax.axhspan(low, high, color=TARGET, alpha=0.1, linewidth=0, label=t["chart_band"])
        tops.append(high)
    path = ev.target is not None and ev.baseline is not None and ind.direction != "-/+"
    if path and ev.baseline.year < ev.target.year:  # type: ignore[union-attr]
        ax.plot(
            [ev.baseline.year, ev.target.year],  # type: ignore[union-attr]
            [ev.baseline.value, ev.target.value],  # type: ignore[union-attr]
            color=PATH,
            linestyle="--",
            linewidth=1,
            label=t["chart_path"],
            zorder=2,
        )
    if targets:
        ax.plot(
            list(targets),
            list(targets.values()),
            linestyle="none",
            marker="D",
            markersize=6,
            color=TARGET,
            label=t["chart_target"],
            zorder=5,
        )
        # Each target's value and year above it; a target a year or two after another
        # gets its label higher up, so that the two do not overlap.
        lift, previous = 0, None
        for year, target in targets.items():
            lift = lift + 1 if previous is not None and year - previous <= 2 else 0
            previous = year
            ax.annotate(
                f"{value_text(target, ind.unit, lang)} in {year}",
                (year, target),
                xytext=(0, 7 + 11 * lift),
                textcoords="offset points",
                ha="center",
                va="bottom",
                color=TARGET,
                fontsize=8.5,
            )
            headroom = max(headroom, 1.3 + 0.15 * lift)
    if entry.as_of is not None:
        ax.axvline(
            entry.as_of,
            color=AS_OF,
            linewidth=1,
            linestyle=":",
            label=f"{t['chart_as_of']} {entry.as_of}",
            zorder=1,
        )
    if not shown:
        ax.text(
            0.3,
            0.5,
            t["chart_no_data"],
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=11,
            color="#555555",
        )
    ax.set_xlim(first - 0.5, last + 0.5)
    step = max(1, math.ceil(len(span) / MAX_TICKS))
    ax.set_xticks(span[::step], [str(y) for y in span[::step]])
    top = max(tops, default=0)
    ax.set_ylim(0, top * headroom if top > 0 else (10 if percent else 1))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=not percent))
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: number(v, lang) + ("%" if percent else ""))
    )
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    # Values at 0 stay visible: the axes stand a little apart from the plot area.
    ax.spines.bottom.set_position(("outward", 4))
    ax.spines.left.set_position(("outward", 4))
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(-0.07, -0.15),
        ncols=min(len(handles), 5),
        frameon=False,
        fontsize=8,
        handlelength=2,
        columnspacing=1.2,
    )


def _or_nan(value: float | None) -> float:
    return math.nan if value is None else value


_REFERENCE = re.compile(r'(\bid="|href="#|url\(#)')


def namespace_ids(svg: str, prefix: str) -> str:
    """The SVG with every id, and every reference to one, prefixed: several charts
    inlined in one HTML page must not share ids (matplotlib numbers its groups from 1 in
    every chart, figure_1, axes_1, ...)."""
    return _REFERENCE.sub(lambda m: m.group(1) + prefix, svg)
