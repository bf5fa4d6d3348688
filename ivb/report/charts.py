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
import os
import re
import sys
from collections.abc import MutableMapping
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..progress import meets
from .text import number, texts, value_text


def settle_matplotlib_folder(environ: MutableMapping[str, str] = os.environ) -> None:
    """Point ``MPLCONFIGDIR`` at a writable folder of ivb's own when the folders
    matplotlib would use for its settings and font cache cannot be written (a HOME that
    is read-only or missing, as in some CI jobs and services): matplotlib would warn about
    it on every run. A ``MPLCONFIGDIR`` the user set is left alone. The folder stays the
    same from run to run, so matplotlib's font cache is built once."""
    if environ.get("MPLCONFIGDIR") or not sys.platform.startswith(("linux", "freebsd")):
        return
    home: Path | None = None
    with suppress(RuntimeError):  # no home at all
        home = Path(environ["HOME"]) if environ.get("HOME") else Path.home()
    folders = []
    for variable, default in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache")):
        base = environ.get(variable) or (home / default if home else None)
        folders.append(Path(base, "matplotlib") if base else None)
    if all(folder is not None and _writable(folder) for folder in folders):
        return
    import tempfile

    own = Path(tempfile.gettempdir()) / f"ivb-matplotlib-{os.getuid()}"
    try:
        own.mkdir(mode=0o700, exist_ok=True)
        # Shared /tmp: use it only when it is ours and no one else's to write.
        usable = own.stat().st_uid == os.getuid() and not own.stat().st_mode & 0o022
    except OSError:
        usable = False
    if not usable:
        own = Path(tempfile.mkdtemp(prefix="ivb-matplotlib-"))
    environ["MPLCONFIGDIR"] = str(own)


def _writable(folder: Path) -> bool:
    """Whether matplotlib could use the folder: it can be made and written to."""
    try:
        folder = folder.resolve()
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):
        return False
    return os.access(folder, os.W_OK)


settle_matplotlib_folder()  # before matplotlib is imported: it reads the folder then

import matplotlib  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

    from .build import IndicatorEntry

MEASURED = "#1f4e79"
TARGET = "#a93226"
PATH = "#7f8c8d"
AS_OF = "#8e8e8e"
REFERENCE = "#6b6b6b"
SIZE = (6.4, 2.3)  # inches; the page scales the SVG to its width
MAX_TICKS = 12  # year labels on the x axis before they are thinned

RC: dict[RcKeyType, Any] = {
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


def render_chart(
    entry: IndicatorEntry,
    years: tuple[int, int],
    lang: str,
    period: tuple[int, int] | None = None,
) -> str:
    """The chart of one indicator over ``years`` as an SVG document (without the XML
    prolog, so that it can be inlined in HTML as well as written to a file); the x axis
    always labels the first and last year of the policy ``period``."""
    with matplotlib.rc_context(RC):
        fig = draw_chart(entry, years, lang, period)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata=NO_METADATA)
    svg = out.getvalue()
    return svg[svg.index("<svg") :]


def draw_chart(
    entry: IndicatorEntry,
    years: tuple[int, int],
    lang: str,
    period: tuple[int, int] | None = None,
) -> Figure:
    """The chart as a matplotlib figure (call it within ``matplotlib.rc_context(RC)``)."""
    fig = Figure(figsize=SIZE)
    _draw(fig, entry, years, lang, period)
    return fig


def _draw(
    fig: Figure,
    entry: IndicatorEntry,
    years: tuple[int, int],
    lang: str,
    period: tuple[int, int] | None,
) -> None:
    t = texts(lang)
    ind, ev = entry.view, entry.evaluation
    percent = ind.unit == "percent"
    # The plot area and, below it, room for the legend: the same for every chart.
    ax = fig.add_axes((0.075, 0.25, 0.905, 0.7))
    first, last = years
    span = list(range(first, last + 1))
    values = {y: v for y, v in entry.values.items() if first <= y <= last}
    ys = [_or_nan(values.get(y)) for y in span]
    shown = [v for v in ys if not math.isnan(v)]
    definite = [i for i, y in enumerate(span) if y in values and y not in ind.provisional]
    # The measured values are drawn above everything else (the target of their year
    # included), and none is clipped: a value of 0 sits on the bottom of the plot area,
    # and a clipped marker would show only its upper half.
    (measured,) = ax.plot(
        span,
        ys,
        color=MEASURED,
        linewidth=1.8,
        marker="o",
        markersize=4.5,
        markevery=definite,
        label=t["chart_measured"] if shown else None,
        zorder=4,
        clip_on=False,
    )
    measured.set_gid("measured")
    provisional = [y for y in span if y in ind.provisional and values.get(y) is not None]
    if provisional:
        (hollow,) = ax.plot(
            provisional,
            [_or_nan(values[y]) for y in provisional],
            linestyle="none",
            marker="o",
            markersize=5.5,
            markerfacecolor="white",
            markeredgecolor=MEASURED,
            markeredgewidth=1.5,
            label=t["chart_provisional"],
            zorder=5,
            clip_on=False,
        )
        hollow.set_gid("provisional")
    targets = {y: v for y, v in ind.target_values.items() if first <= y <= last}
    tops = [*shown, *targets.values()]
    headroom = 1.2  # above the highest value: room for the targets' labels
    if ev.target is not None and entry.band:
        low, high = ev.target.value - entry.band, ev.target.value + entry.band
        band = ax.axhspan(low, high, color=TARGET, alpha=0.1, linewidth=0, label=t["chart_band"])
        band.set_gid("band")
        tops.append(high)
    path = course(entry)
    if path is not None:
        (start, start_value), (end, end_value) = path
        (line,) = ax.plot(
            [start, end],
            [start_value, end_value],
            color=PATH,
            linestyle="--",
            linewidth=1,
            label=t["chart_path"],
            zorder=2,
            clip_on=False,
        )
        line.set_gid("path")
    if targets:
        # Under the measured values: a value of the target's year stays visible on it.
        (diamonds,) = ax.plot(
            list(targets),
            list(targets.values()),
            linestyle="none",
            marker="D",
            markersize=6,
            color=TARGET,
            label=t["chart_target"],
            zorder=3,
            clip_on=False,
        )
        diamonds.set_gid("target")
        lift, previous = 0, None
        for year in targets:  # targets close together need room for their labels
            lift = lift + 1 if previous is not None and year - previous <= 2 else 0
            previous = year
            headroom = max(headroom, 1.3 + 0.15 * lift)
    for _group, value, of_year in entry.references:
        # A reference group's value (the region, the country): a point in its year, or,
        # where the data gives no year, a dotted line across.
        if value is None or (of_year is not None and not first <= of_year <= last):
            continue
        # The legend names it briefly (a group's name can be long); the sentence under
        # the chart says which group, which value, and of which year.
        label = t["chart_reference"]
        if of_year is None:
            ax.axhline(
                value,
                color=REFERENCE,
                linewidth=1,
                linestyle=(0, (1, 2)),
                label=label,
                zorder=1,
            ).set_gid("reference")
        else:
            (point,) = ax.plot(
                [of_year],
                [value],
                linestyle="none",
                marker="s",
                markersize=5,
                color=REFERENCE,
                label=label,
                zorder=3,
                clip_on=False,
            )
            point.set_gid("reference")
        tops.append(value)
    if entry.as_of is not None and first <= entry.as_of <= last:
        ax.axvline(
            entry.as_of,
            color=AS_OF,
            linewidth=1,
            linestyle=":",
            label=f"{t['chart_as_of']} {entry.as_of}",
            zorder=1,
        ).set_gid("as-of")
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
    ticks = year_ticks(first, last, period)
    ax.set_xticks(ticks, [str(y) for y in ticks])
    top = max(tops, default=0)
    ax.set_ylim(0, top * headroom if top > 0 else (10 if percent else 1))
    # Counts are whole numbers; percents and rates (29,5 per 1.000) need not be.
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=ind.unit == "count"))
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: number(v, lang) + ("%" if percent else ""))
    )
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    # The axes stand a little apart from the plot area, so that a value at 0 (drawn
    # unclipped) does not sit on the axis line.
    ax.spines.bottom.set_position(("outward", 4))
    ax.spines.left.set_position(("outward", 4))
    if targets:
        _label_targets(fig, ax, targets, values, entry, lang)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(-0.07, -0.15),
        ncols=len(handles),  # at most six, in one row: measured, provisional, path or
        frameon=False,  # band, target, reference, the report's year
        fontsize=7.5,
        handlelength=1.4,
        handletextpad=0.5,
        columnspacing=0.8,
    )


def course(entry: IndicatorEntry) -> tuple[tuple[int, float], tuple[int, float]] | None:
    """The line "on track" is judged by, from the baseline's year to the target's: the
    straight path from the baseline to the target; flat at the target when the baseline
    already met it (then on track means meeting the target, the status rule's own
    outcome). None for a level to hold, and without baseline or target."""
    ind, ev = entry.view, entry.evaluation
    if ev.target is None or ev.baseline is None or ind.direction == "-/+":
        return None
    if ev.baseline.year >= ev.target.year:
        return None
    start = ev.baseline.value
    if meets(ev.baseline.value, ev.target.value, ind.direction, ind.tolerance, ind.unit):
        start = ev.target.value
    return (ev.baseline.year, start), (ev.target.year, ev.target.value)


HorizontalAlignment = Literal["left", "center", "right"]
VerticalAlignment = Literal["bottom", "center", "top"]
# Where a target's label may go, in points from its diamond, in order of preference:
# above it (higher up when a close target's label is there), below, right, left.
_PLACES: tuple[tuple[tuple[int, int], HorizontalAlignment, VerticalAlignment], ...] = (
    ((0, 7), "center", "bottom"),
    ((0, 18), "center", "bottom"),
    ((0, 29), "center", "bottom"),
    ((0, -7), "center", "top"),
    ((8, 0), "left", "center"),
    ((-8, 0), "right", "center"),
)


def _label_targets(
    fig: Figure,
    ax: Axes,
    targets: dict[int, float],
    values: dict[int, float | None],
    entry: IndicatorEntry,
    lang: str,
) -> None:
    """Each target's value and year beside its diamond, at the first place of ``_PLACES``
    that covers no measured value and no other label and stays in the plot area."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import Bbox

    renderer = FigureCanvasAgg(fig).get_renderer()  # to measure the labels' text
    unit = entry.view.unit
    pad = 4.5 * fig.dpi / 72  # a marker's radius and a little air, in pixels
    points = [ax.transData.transform((y, v)) for y, v in values.items() if v is not None]
    taken = [Bbox.from_extents(x - pad, y - pad, x + pad, y + pad) for x, y in points]
    area = ax.get_window_extent(renderer)
    t = texts(lang)
    for year, target in targets.items():
        label = ax.annotate(
            t["in_year"].format(value=value_text(target, unit, lang), year=year),
            (year, target),
            xytext=_PLACES[0][0],
            textcoords="offset points",
            color=TARGET,
            fontsize=8.5,
            annotation_clip=False,
            # A white ground: a grid line or the report's year does not run through it.
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
        )
        label.set_gid(f"target-label-{year}")
        for offset, ha, va in _PLACES:
            label.set_position(offset)
            label.set_horizontalalignment(ha)
            label.set_verticalalignment(va)
            box = label.get_window_extent(renderer)
            inside = area.y0 <= box.y0 and box.y1 <= area.y1 + pad
            if inside and not any(box.overlaps(other) for other in taken):
                break
        else:  # nowhere free: above, where a reader looks first
            label.set_position(_PLACES[0][0])
            label.set_horizontalalignment(_PLACES[0][1])
            label.set_verticalalignment(_PLACES[0][2])
            box = label.get_window_extent(renderer)
        taken.append(box)


def year_ticks(first: int, last: int, period: tuple[int, int] | None = None) -> list[int]:
    """The years the x axis labels: every year up to ``MAX_TICKS`` of them, else every
    n-th year counted from the policy's first year, and always the policy's first and
    last year (so that a long span still names the years the policy is about)."""
    span = range(first, last + 1)
    step = max(1, math.ceil(len(span) / MAX_TICKS))
    if step == 1:
        return list(span)
    musts = {y for y in period or () if first <= y <= last}
    anchor = min(musts, default=first)
    ticks = {y for y in span if (y - anchor) % step == 0}
    # A must-year's neighbours closer than a step give way, so labels never crowd.
    ticks = {y for y in ticks if all(abs(y - m) >= step for m in musts)} | musts
    return sorted(ticks)


def _or_nan(value: float | None) -> float:
    return math.nan if value is None else value


_REFERENCE = re.compile(r'(\bid="|href="#|url\(#)')


def namespace_ids(svg: str, prefix: str) -> str:
    """The SVG with every id, and every reference to one, prefixed: several charts
    inlined in one HTML page must not share ids (matplotlib numbers its groups from 1 in
    every chart, figure_1, axes_1, ...)."""
    return _REFERENCE.sub(lambda m: m.group(1) + prefix, svg)
