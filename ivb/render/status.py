"""``ivb status`` as a table, markdown, csv or json, one renderer per format, chosen from a
registry.

Each writes the status report to stdout. Machine formats (csv, json) are never coloured or
wrapped. Numbers are rounded here (``numbers.py``) and only here: the maths in
``progress.py`` keeps full precision.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, Literal

from ..progress import STATUSES
from .common import (
    STATUS_STYLES,
    SafeCsv,
    escape_md,
    md_cell,
    status_words,
    terminal,
    verdict_words,
)
from .numbers import fmt_distance, fmt_progress, fmt_value, places_for

if TYPE_CHECKING:  # only annotations: status.build need not load to render a result
    from ..status.build import IndicatorStatus, StatusReport

UNIT_LABELS = {"count": "count", "percent": "%", "per 1000": "/1000", "per 10000": "/10000"}
LEGEND = (
    (
        "Direction",
        '"-" lower is better (the target is a ceiling); "+" higher is better (a '
        'floor); "-/+" hold the level (within the tolerance, by default 10% of the target, '
        "for a count at least 1).",
    ),
    (
        "Dist.",
        "distance: latest value minus target, in the indicator's unit (pp: percentage points).",
    ),
    (
        "Progr.",
        "progress: share of the way from the baseline (the first value) to the target covered "
        "by the latest value; negative: moving away.",
    ),
    (
        "Status",
        "achieved / not achieved once there is a value for the target year; before "
        "that on track / off track: is the latest value at least as good as a straight path "
        "from baseline to target has it for that year? stale: the latest value is older than "
        "its source allows (a yearly figure: of the year before; a survey: of its latest "
        "edition); no data: no value yet; no target: the plan sets none. (chance): chance "
        "alone could make the difference, as the target (or the path) lies within the 95% "
        "interval of the latest count. Under a table: a value judged against the target of an "
        "earlier year, and each target year's own verdict, by its own value.",
    ),
)


def _point(row: IndicatorStatus, which: str) -> str:
    """The latest value or the target with its year; with the decimals that tell the two
    apart when they differ (8.04% '15 against 8% '15)."""
    ev, ind = row.evaluation, row.indicator
    point = ev.latest if which == "latest" else ev.target
    if point is None:
        return ""
    places = places_for(ev)
    mark = which == "latest" and point.year in ind.provisional
    return f"{fmt_value(point.value, ind.unit, mark, places=places)} '{point.year % 100:02d}"


def _history(row: IndicatorStatus, years: tuple[int, ...]) -> str:
    ind, places = row.indicator, places_for(row.evaluation)
    return " ".join(
        fmt_value(ind.measurements.get(y), ind.unit, y in ind.provisional, places=places)
        for y in years
    )


def _history_header(years: tuple[int, ...]) -> str:
    """``History '11–'14``, or the years one by one when some are skipped."""
    if not years:
        return "History"
    if years[-1] - years[0] == len(years) - 1:
        return f"History '{years[0] % 100:02d}–'{years[-1] % 100:02d}"
    return "History " + " ".join(f"'{y % 100:02d}" for y in years)


# The status columns: header, alignment, and the cell of a row (given the history years).
Align = Literal["left", "center", "right"]
Column = tuple[str, Align, Callable[["IndicatorStatus", tuple[int, ...]], str]]
COLUMNS: list[Column] = [
    ("Indicator", "left", lambda r, _: r.indicator.name),
    ("Unit", "left", lambda r, _: UNIT_LABELS[r.indicator.unit]),
    ("History", "right", _history),
    ("Latest", "right", lambda r, _: _point(r, "latest")),
    ("Target", "right", lambda r, _: _point(r, "target")),
    ("Dir", "center", lambda r, _: r.indicator.direction),
    ("Dist.", "right", lambda r, _: fmt_distance(r.evaluation.distance, r.indicator.unit)),
    ("Progr.", "right", lambda r, _: fmt_progress(r.evaluation.progress)),
    ("Status", "left", lambda r, _: status_words(r.evaluation, verdicts=False)),
]
NARROW = 100  # below this many terminal columns the table folds Unit and Dir away
_BOUND = {"-": "≤", "+": "≥", "-/+": "≈"}


def _bounded_target(row: IndicatorStatus, _: tuple[int, ...]) -> str:
    """The target with its direction as a sign, for narrow tables: "≤100 '15"."""
    target = _point(row, "target")
    return _BOUND[row.indicator.direction] + target if target else ""


def _columns(narrow: bool = False) -> list[Column]:
    """The columns; a narrow table carries unit and direction in the values instead."""
    if not narrow:
        return COLUMNS
    out: list[Column] = []
    for column in COLUMNS:
        if column[0] == "Target":
            out.append(("Target", "right", _bounded_target))
        elif column[0] not in ("Unit", "Dir"):
            out.append(column)
    return out


def _header(column: Column, years: tuple[int, ...]) -> str:
    return _history_header(years) if column[0] == "History" else column[0]


def _legend(report: StatusReport, narrow: bool = False) -> list[tuple[str, str]]:
    """The legend, with the notes that apply to what is shown."""
    notes = list(LEGEND)
    if narrow:
        notes[0] = (
            "Target",
            "≤ a ceiling (direction -: lower is better), ≥ a floor (+: higher is better), "
            "≈ a level to hold (-/+, within the tolerance, by default 10% of the target, for a "
            "count at least 1). "
            "Values with % are percentages, the others counts.",
        )
    if any(row.indicator.provisional for ps in report.priorities for row in ps.rows):
        notes.append(("*", "a provisional figure: the source may still revise it."))

    return notes


def _target_notes(ps: Any) -> list[str]:
    """Under a priority's table, per indicator, what its status does not say of its
    targets ("Diefstal uit/vanaf motorvoertuigen: judged against the 2015 target, the
    last; 2015: not achieved (chance)"): kept out of the Status column, which stays short."""
    return [
        f"{row.indicator.name}: {words}"
        for row in ps.rows
        if (words := verdict_words(row.evaluation))
    ]


def _title(report: StatusReport) -> str:
    v = report.view
    as_of = f"as of {report.as_of}" if report.as_of is not None else "all years"
    return f"{v.policy} · {v.municipality} · {as_of}"


# -- status renderers -----------------------------------------------------------------------


def render_status_table(report: StatusReport, out: IO[str]) -> None:
    """Rich tables, one per priority, and a legend; colour unless NO_COLOR is set.

    Readable at 80 columns: below 100 the Unit column gives way (percent values carry %),
    and the indicator's name and the history wrap.
    """
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    console = terminal(out)
    narrow = console.width < NARROW
    columns = _columns(narrow)
    console.print(Text(_title(report), style="bold"))
    for ps in report.priorities:
        table = Table(
            title=f"Priority {ps.priority.number} · {ps.priority.title}",
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            padding=(0, 1),
            collapse_padding=True,
            pad_edge=False,
            header_style="bold",
        )
        rows = [[cell(row, report.history_years) for _, _, cell in columns] for row in ps.rows]
        for i, column in enumerate(columns):
            header = _header(column, report.history_years)
            wraps = column[0] in ("Indicator", "History", "Status")
            table.add_column(
                header,
                justify=column[1],
                # Never cut a name or a status short: fold them rather than drop a letter.
                overflow="fold" if column[0] in ("Indicator", "Status") else "ellipsis",
                min_width={"Indicator": 17, "Status": 8}.get(column[0]),
                no_wrap=not wraps,
                # A column that never wraps is as wide as its widest cell: saying so spares
                # rich measuring every cell (a quarter of the table's rendering time).
                width=None if wraps else max(cell_len(c) for c in [header, *(r[i] for r in rows)]),
            )
        for row, cells in zip(ps.rows, rows, strict=True):
            styled = Text(cells[-1], style=STATUS_STYLES[row.evaluation.status], overflow="fold")
            table.add_row(*cells[:-1], styled)
        console.print(table)
        for note in _target_notes(ps):
            console.print(Text(note, style="dim"))
    legend = Text()
    for name, text in _legend(report, narrow):
        legend.append(f"{name}: ", style="bold")
        legend.append(text + "\n", style="dim")
    console.print(legend, end="")


def render_status_markdown(report: StatusReport, out: IO[str]) -> None:
    """A heading and a GitHub-flavoured markdown table per priority, then the legend."""
    from tabulate import tabulate

    out.write(f"# {escape_md(_title(report))}\n")
    columns = _columns()
    headers = [_header(c, report.history_years) for c in columns]
    for ps in report.priorities:
        rows = [
            [md_cell(cell(row, report.history_years)) for _, _, cell in columns] for row in ps.rows
        ]
        out.write(f"\n## Priority {ps.priority.number} · {escape_md(ps.priority.title)}\n\n")
        out.write(
            tabulate(
                rows,
                headers=headers,
                tablefmt="github",
                colalign=[c[1] for c in columns],
                disable_numparse=True,
            )
        )
        out.write("\n")
        notes = _target_notes(ps)
        if notes:
            out.write("\n" + "".join(f"- {escape_md(n)}\n" for n in notes))
    out.write("\n")
    for name, text in _legend(report):
        out.write(f"- **{escape_md(name)}**: {escape_md(text)}\n")


CSV_COLUMNS = [
    "priority",
    "priority_title",
    "id",
    "name",
    "unit",
    "direction",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "target_year",
    "target_value",
    "distance",
    "progress",
    "status",
    "per",
]


def render_status_csv(report: StatusReport, out: IO[str]) -> None:
    """One row per indicator and priority, values unrounded, percent as 0-100."""
    writer = SafeCsv(out)
    writer.writerow(CSV_COLUMNS)
    for ps in report.priorities:
        for row in ps.rows:
            ind, ev = row.indicator, row.evaluation
            writer.writerow(
                [
                    ps.priority.number,
                    ps.priority.title,
                    ind.id,
                    ind.name,
                    ind.unit,
                    ind.direction,
                    *_point_fields(ev.baseline),
                    *_point_fields(ev.latest),
                    *_point_fields(ev.target),
                    _plain(ev.distance),
                    _plain(ev.progress),
                    ev.status,
                    ind.per or "",
                ]
            )


def _point_fields(point: Any) -> tuple[Any, Any]:
    return ("", "") if point is None else (point.year, _plain(point.value))


def _plain(value: float | None) -> Any:
    """Full precision, without float noise such as 0.30000000000000004."""
    if value is None:
        return ""
    value = round(value, 9)
    return int(value) if value == int(value) else value


def _json_number(value: float | None) -> Any:
    """A number at full precision (``_plain``), ``null`` for none."""
    return None if value is None else _plain(value)


def status_json(report: StatusReport) -> dict[str, Any]:
    """The fixed JSON shape that scripts and dashboards rely on (keys may be added)."""

    def point(p: Any) -> dict[str, Any] | None:
        return None if p is None else {"year": p.year, "value": _plain(p.value)}

    def shown(year: int | None) -> bool:  # the years up to --year, as status judges them
        return year is None or report.as_of is None or year <= report.as_of

    def indicator(row: IndicatorStatus) -> dict[str, Any]:
        ind, ev = row.indicator, row.evaluation
        return {
            "id": ind.id,
            "name": ind.name,
            "unit": ind.unit,
            "per": ind.per,
            "direction": ind.direction,
            "measurements": {
                str(y): None if v is None else _plain(v) for y, v in ind.measurements.items()
            },
            "provisional": sorted(ind.provisional),
            "targets": {str(y): None if v is None else _plain(v) for y, v in ind.targets.items()},
            "target": point(ev.target),
            "latest": point(ev.latest),
            "baseline": point(ev.baseline),
            "distance": None if ev.distance is None else _plain(ev.distance),
            "progress": None if ev.progress is None else _plain(ev.progress),
            "status": ev.status,
            "verdicts": {str(y): v.status for y, v in ev.verdicts.items()},
            "verdicts_within_chance": {
                str(y): None if v.status == "no-data" else v.within_chance
                for y, v in ev.verdicts.items()
            },
            "target_carried_forward": ev.carried_forward,
            "due": ev.due,
            "chance": None
            if ev.chance is None
            else {
                "low": round(ev.chance.low, 3),
                "high": round(ev.chance.high, 3),
                "level": ev.chance.level,
                "compared": _plain(ev.chance.compared),
                "target_within": ev.chance.target_within,
            },
            "explanations": {str(y): t for y, t in ind.explanations.items() if shown(y)},
            "breakdowns": {
                str(y): {
                    bd.id: {
                        "name": bd.name,
                        "partition": bd.partition,
                        "categories": [
                            {"id": c.id, "name": c.name, "value": _json_number(c.value)}
                            for c in bd.categories
                        ],
                    }
                    for bd in bds
                }
                for y, bds in ind.breakdowns.items()
                if shown(y)
            },
            "references": [
                {"group": r.group, "value": _json_number(r.value), "year": r.year}
                for r in ind.references
                if shown(r.year)
            ],
        }

    v = report.view
    return {
        "policy": v.policy,
        "municipality": v.municipality,
        "period": {"start": v.period[0], "end": v.period[1]},
        "as_of": report.as_of,
        "statuses": list(STATUSES),
        "priorities": [
            {
                "number": ps.priority.number,
                "id": ps.priority.id,
                "title": ps.priority.title,
                "indicators": [indicator(row) for row in ps.rows],
            }
            for ps in report.priorities
        ],
    }


def render_status_json(report: StatusReport, out: IO[str]) -> None:
    json.dump(status_json(report), out, ensure_ascii=False, indent=2)
    out.write("\n")


STATUS_RENDERERS: dict[str, Callable[[StatusReport, IO[str]], None]] = {
    "table": render_status_table,
    "markdown": render_status_markdown,
    "csv": render_status_csv,
    "json": render_status_json,
}
