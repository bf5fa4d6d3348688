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

from ..i18n import N_, _
from ..progress import STATUSES
from . import grid
from .common import (
    STATUS_STYLES,
    SafeCsv,
    escape_md,
    md_cell,
    priority_heading,
    status_words,
    terminal,
    verdict_words,
)
from .grid import (
    Line,
    Piece,
    atoms,
    cells,
    joined,
    labelled,
    parts,
    table,
    widths,
    words,
    wrapped,
    write,
)
from .numbers import fmt_distance, fmt_progress, fmt_value, places_for

if TYPE_CHECKING:  # only annotations: status.build need not load to render a result
    from ..status.build import IndicatorStatus, StatusReport

# The texts below are marked (N_) here and translated where they are shown.
UNIT_LABELS = {
    # Translators: the unit of an indicator that counts (incidents, reports).
    "count": N_("count"),
    "percent": "%",
    "per 1000": "/1000",
    "per 10000": "/10000",
}
LEGEND = (
    (
        N_("Direction"),
        N_(
            '"-" lower is better (the target is a ceiling); "+" higher is better (a '
            'floor); "-/+" hold the level (within the tolerance, by default 10% of the target, '
            "for a count at least 1)."
        ),
    ),
    (
        N_("Dist."),
        N_("distance: latest value minus target, in the indicator's unit (pp: percentage points)."),
    ),
    (
        N_("Progr."),
        N_(
            "progress: share of the way from the baseline (the first value) to the target "
            "covered by the latest value; negative: moving away."
        ),
    ),
    (
        N_("Status"),
        N_(
            "achieved / not achieved once there is a value for the target year; before "
            "that on track / off track: is the latest value at least as good as a straight "
            "path from baseline to target has it for that year? stale: the latest value is "
            "older than its source allows (a yearly figure: of the year before; a survey: of "
            "its latest edition); no data: no value yet; no target: the plan sets none. "
            "(chance): chance alone could make the difference, as the target (or the path) "
            "lies within the 95% interval of the latest count. Under a table: a value judged "
            "against the target of an earlier year, and each target year's own verdict, by "
            "its own value."
        ),
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


def _history_values(row: IndicatorStatus, years: tuple[int, ...]) -> list[str]:
    ind, places = row.indicator, places_for(row.evaluation)
    return [
        fmt_value(ind.measurements.get(y), ind.unit, y in ind.provisional, places=places)
        for y in years
    ]


def _history(row: IndicatorStatus, years: tuple[int, ...]) -> str:
    return " ".join(_history_values(row, years))


def _history_header(years: tuple[int, ...]) -> str:
    """``History '11–'14``, or the years one by one when some are skipped."""
    if not years:
        return _("History")
    if years[-1] - years[0] == len(years) - 1:
        span = f"'{years[0] % 100:02d}–'{years[-1] % 100:02d}"
    else:
        span = " ".join(f"'{y % 100:02d}" for y in years)
    # Translators: the header of the column of an indicator's values, "History '11–'14".
    return _("History {years}").format(years=span)


# The status columns: header, alignment, and the cell of a row (given the history years).
Align = Literal["left", "center", "right"]
Column = tuple[str, Align, Callable[["IndicatorStatus", tuple[int, ...]], str]]
# The header is the column's name in English (N_), translated where it is shown.
COLUMNS: list[Column] = [
    (N_("Indicator"), "left", lambda r, y: r.indicator.name),
    (N_("Unit"), "left", lambda r, y: _(UNIT_LABELS[r.indicator.unit])),
    (N_("History"), "right", _history),
    (N_("Latest"), "right", lambda r, y: _point(r, "latest")),
    (N_("Target"), "right", lambda r, y: _point(r, "target")),
    # Translators: the header of the column of the direction (-, +, -/+); keep it short.
    (N_("Dir"), "center", lambda r, y: r.indicator.direction),
    (N_("Dist."), "right", lambda r, y: fmt_distance(r.evaluation.distance, r.indicator.unit)),
    (N_("Progr."), "right", lambda r, y: fmt_progress(r.evaluation.progress)),
    (N_("Status"), "left", lambda r, y: status_words(r.evaluation, verdicts=False)),
]
NARROW = 100  # below this many terminal columns the table folds Unit and Dir away, always
_BOUND = {"-": "≤", "+": "≥", "-/+": "≈"}


def _bounded_target(row: IndicatorStatus, years: tuple[int, ...]) -> str:
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
    """A column's header in the language in use."""
    return _history_header(years) if column[0] == "History" else _(column[0])


def _legend(report: StatusReport, narrow: bool = False) -> list[tuple[str, str]]:
    """The legend, with the notes that apply to what is shown."""
    notes = [(_(name), _(text)) for name, text in LEGEND]
    if narrow:
        notes[0] = (
            _("Target"),
            _(
                "≤ a ceiling (direction -: lower is better), ≥ a floor (+: higher is better), "
                "≈ a level to hold (-/+, within the tolerance, by default 10% of the target, "
                "for a count at least 1). Values with % are percentages, the others counts."
            ),
        )
    if any(row.indicator.provisional for ps in report.priorities for row in ps.rows):
        notes.append(("*", _("a provisional figure: the source may still revise it.")))

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
    as_of = _("as of {year}").format(year=report.as_of) if report.as_of is not None else ""
    return f"{v.policy} · {v.municipality} · {as_of or _('all years')}"


# -- status renderers -----------------------------------------------------------------------


def render_status_table(report: StatusReport, out: IO[str]) -> None:
    """A table per priority and a legend; colour unless NO_COLOR is set.

    Laid out by hand (``grid``): a name wraps at spaces and after "/", never inside a
    word; a value never wraps away from its unit; a status is never cut ("(chance)" may go
    to the next line). The Unit and Dir columns give way (the values carry them) when the
    table would otherwise squeeze the names below 30 columns or wrap a status; where even
    that table does not fit (below 60 columns always), each indicator is a block.
    """
    console = terminal(out, least=0)
    width = max(console.width or 80, 20)  # COLUMNS=0: a width not known
    parts, narrow = _layout(report, width)
    lines = wrapped(_title(report), width, "bold")
    for ps, part in zip(report.priorities, parts, strict=True):
        lines.append([])
        lines += wrapped(priority_heading(ps.priority.number, ps.priority.title), width, "bold")
        lines += part
        for note in _target_notes(ps):
            lines += wrapped(note, width, "dim")
    lines.append([])
    for name, text in _legend(report, narrow):
        lines += labelled(name, text, width)
    write(lines, out, console)


def _layout(report: StatusReport, width: int) -> tuple[list[list[Line]], bool]:
    """Each priority's lines, the same layout for all: the full table, else the narrow
    one, else blocks; and whether the values carry unit and direction (narrow)."""
    if width >= MIN_TABLE:
        for narrow in (False, True) if width >= NARROW else (True,):
            tables = [_table(report, ps, width, narrow) for ps in report.priorities]
            if all(tables):
                return tables, narrow
    return [_blocks(report, ps, width) for ps in report.priorities], True


MIN_TABLE = 60  # below this many terminal columns, a block per indicator instead of a table


def _table(report: StatusReport, ps: Any, width: int, narrow: bool) -> list[Line]:
    """A priority's table, its columns giving way in turn: the name to 30 columns, the
    history's header; in the narrow table then the status to its words ("(chance)" below
    them), the name to its longest word, the history to one value a line. [] when it does
    not fit."""
    years, rows = report.history_years, ps.rows
    columns = []
    for name, align, cell in _columns(narrow):
        if name == "Indicator":
            content = [words(r.indicator.name) for r in rows]
        elif name == "History":
            content = [atoms(_history_values(r, years)) for r in rows]
        elif name == "Status":
            content = [_status_pieces(r) for r in rows]
        else:
            content = [atoms([cell(r, years)]) for r in rows]
        styles = [STATUS_STYLES[r.evaluation.status] if name == "Status" else "" for r in rows]
        header = _header((name, align, cell), years)
        columns.append(grid.Column(header, align, content, styles, name in _WRAPPING))
    at = {c[0]: i for i, c in enumerate(_columns(narrow))}
    history_cells = max(cells(joined(c)) for c in columns[at["History"]].cells)
    steps = [(at["Indicator"], 30), (at["History"], history_cells)]
    if narrow:  # the full table gives way no further: the narrow one is tried instead
        steps += [(at["Status"], 0), (at["Indicator"], 0), (at["History"], 0)]
    sizes = widths(columns, width, steps)
    return table(columns, sizes) if sizes else []


_WRAPPING = ("Indicator", "History", "Status")


def _status_pieces(row: IndicatorStatus) -> list[Piece]:
    """The status as pieces: its words never apart, what qualifies it ("(chance)") free to
    go to the next line."""
    label, _paren, more = status_words(row.evaluation, verdicts=False).partition(" (")
    return atoms([label, f"({more}" if more else ""])


def _blocks(report: StatusReport, ps: Any, width: int) -> list[Line]:
    """Each indicator of a priority as a block, for a terminal too narrow for the table:
    the name; latest value, target and status; the history, distance and progress."""
    years = report.history_years
    lines: list[Line] = []
    for row in ps.rows:
        ev, style = row.evaluation, STATUS_STYLES[row.evaluation.status]
        latest, target = _point(row, "latest"), _bounded_target(row, years)
        first = [(atoms([_("Latest"), latest]), "") if latest else None]
        first.append((atoms([_("Target"), target]), "") if target else None)
        first.append((_status_pieces(row), style))
        history = words(_history_header(years) + ":") + atoms(_history_values(row, years))
        second = [(history, "")]
        if ev.distance is not None:
            dist = fmt_distance(ev.distance, row.indicator.unit)
            second.append((atoms([_("Dist."), dist]), ""))
        if ev.progress is not None:
            second.append((atoms([_("Progr."), fmt_progress(ev.progress)]), ""))
        lines.append([])
        lines += wrapped(row.indicator.name, width, "bold")
        lines += parts(first, width) + parts(second, width)
    return lines


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
        heading = priority_heading(ps.priority.number, escape_md(ps.priority.title))
        out.write(f"\n## {heading}\n\n")
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


def render_status_csv(report: StatusReport, out: IO[str], *, dutch: bool = False) -> None:
    """One row per indicator and priority, values unrounded, percent as 0-100; ``dutch``:
    as Dutch Excel reads it (``SafeCsv``), with the same columns and cells."""
    writer = SafeCsv(out, dutch=dutch)
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


def render_status_csv_nl(report: StatusReport, out: IO[str]) -> None:
    """The csv for Dutch Excel: ``;``, decimal commas, UTF-8 with a byte order mark."""
    render_status_csv(report, out, dutch=True)


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
    "csv-nl": render_status_csv_nl,  # --format csv when the language is Dutch
    "json": render_status_json,
}
