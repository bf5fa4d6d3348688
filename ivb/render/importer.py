"""The table ``ivb import`` shows: what the export changes, figure by figure. Apart from
``records.py`` so that ``add-measurement`` does not load the export reader."""

from __future__ import annotations

from typing import IO, Any

from ..records.importer import (
    CONFLICT,
    ERROR,
    MISSING,
    NEW,
    REFUSED,
    REPLACE,
    UNCHANGED,
    UPDATE,
    WRITES,
    Imported,
)
from .common import terminal
from .numbers import fmt_value

STATUS_STYLES = {
    NEW: "green",
    UPDATE: "cyan",
    REPLACE: "yellow",
    UNCHANGED: "dim",
    MISSING: "dim",
    REFUSED: "bold red",
    CONFLICT: "bold red",
    ERROR: "bold red",
}
ORDER = (NEW, UPDATE, REPLACE, UNCHANGED, CONFLICT, ERROR, REFUSED, MISSING)


def _value(entry: Any, unit: str) -> str:
    if entry is None:
        return "–"
    fields = entry if isinstance(entry, dict) else {"value": entry}
    return fmt_value(fields.get("value"), unit, bool(fields.get("provisional")))


def summary(report: Imported) -> str:
    """``3 new, 12 unchanged, 1 conflict`` (only the statuses that occur)."""
    counts = [(s, report.count(s)) for s in ORDER]
    return ", ".join(f"{n} {s}" for s, n in counts if n) or "no figures"


def render_import_table(report: Imported, out: IO[str]) -> None:
    from rich.table import Table
    from rich.text import Text

    export = report.export
    console = terminal(out)
    console.print(
        Text(
            f"{export.path.name}: table {report.table} (from {report.table_from}), "
            f"region {export.region}, {export.layout} layout, {export.encoding}, "
            f"downloaded {report.downloaded.isoformat()}"
            + (" (the file's date; --downloaded sets it)" if report.file_date else ""),
            style="bold",
        )
    )
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("Indicator", overflow="fold")
    table.add_column("Year", justify="right")
    table.add_column("Old", justify="right")
    table.add_column("New", justify="right")
    table.add_column("Status")
    table.add_column("Line", justify="right")
    for row in report.rows:
        status = row.status + (f": {row.reason}" if row.reason else "")
        table.add_row(
            row.indicator,
            str(row.year),
            _value(row.old, row.unit),
            fmt_value(row.new, row.unit, row.provisional),
            Text(status, style=STATUS_STYLES[row.status]),
            str(row.line or ""),
        )
    console.print(table)
    lines = [summary(report) + "."]
    if any(r.provisional for r in report.rows):
        lines.append("* provisional: the source may still revise the figure.")
    if report.not_yearly:
        lines.append(
            f"{report.not_yearly} monthly or quarterly figures of these series were left "
            "out: ivb records a figure per year, and does not add them up."
        )
    if report.absent:
        lines.append(
            f"Not in this export (their series): {_indicators(len(report.absent))}: "
            f"{', '.join(report.absent)}."
        )
    if report.unmapped:
        lines.append(
            f"Not fed by table {report.table} (no open_data series of it): "
            f"{_indicators(len(report.unmapped))}: {', '.join(report.unmapped)}."
        )
    if report.written and report.path is not None:
        written = report.count(*WRITES)
        lines.append(f"Recorded {written} figure{'s' * (written != 1)} in {report.path}.")
    for line in lines:
        console.print(Text(line))


def _indicators(count: int) -> str:
    return f"{count} indicator" if count == 1 else f"{count} indicators"
