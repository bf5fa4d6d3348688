"""The table ``ivb import`` shows: what the export changes, figure by figure. Apart from
``records.py`` so that ``add-measurement`` does not load the export reader."""

from __future__ import annotations

from typing import IO, Any

from ..i18n import N_, _, ngettext
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
# Each status in words, where the table and its summary show it (the statuses are codes).
STATUS_WORDS = {
    NEW: N_("new"),
    UPDATE: N_("update"),
    REPLACE: N_("replace"),
    UNCHANGED: N_("unchanged"),
    MISSING: N_("no figure"),
    REFUSED: N_("refused"),
    CONFLICT: N_("conflict"),
    ERROR: N_("error"),
}


def _value(entry: Any, unit: str) -> str:
    if entry is None:
        return "–"
    fields = entry if isinstance(entry, dict) else {"value": entry}
    return fmt_value(fields.get("value"), unit, bool(fields.get("provisional")))


def summary(report: Imported) -> str:
    """``3 new, 12 unchanged, 1 conflict`` (only the statuses that occur)."""
    counts = [(s, report.count(s)) for s in ORDER]
    return ", ".join(f"{n} {_(STATUS_WORDS[s])}" for s, n in counts if n) or _("no figures")


def render_import_table(report: Imported, out: IO[str]) -> None:
    from rich.table import Table
    from rich.text import Text

    export = report.export
    console = terminal(out)
    head = _(
        "{file}: table {table} (from {table_from}), region {region}, {layout} layout, "
        "{encoding}, downloaded {date}"
    ).format(
        file=export.path.name,
        table=report.table,
        table_from=report.table_from,
        region=export.region,
        layout=_(LAYOUT_WORDS.get(export.layout, export.layout)),
        encoding=export.encoding,
        date=report.downloaded.isoformat(),
    )
    if report.file_date:
        head += _(" (the file's date; --downloaded sets it)")
    console.print(Text(head, style="bold"))
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(_("Indicator"), overflow="fold")
    table.add_column(_("Year"), justify="right")
    table.add_column(_("Old"), justify="right")
    table.add_column(_("New"), justify="right")
    table.add_column(_("Status"))
    table.add_column(_("Line"), justify="right")
    for row in report.rows:
        status = _(STATUS_WORDS[row.status]) + (f": {row.reason}" if row.reason else "")
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
        lines.append(_("* provisional: the source may still revise the figure."))
    if report.not_yearly:
        lines.append(
            ngettext(
                "{count} monthly or quarterly figure of these series was left out: ivb "
                "records a figure per year, and does not add them up.",
                "{count} monthly or quarterly figures of these series were left out: ivb "
                "records a figure per year, and does not add them up.",
                report.not_yearly,
            ).format(count=report.not_yearly)
        )
    if report.absent:
        lines.append(
            _("Not in this export (their series): {indicators}: {names}.").format(
                indicators=_indicators(len(report.absent)), names=", ".join(report.absent)
            )
        )
    if report.unmapped:
        lines.append(
            _(
                "Not fed by table {table} (no open_data series of it): {indicators}: {names}."
            ).format(
                table=report.table,
                indicators=_indicators(len(report.unmapped)),
                names=", ".join(report.unmapped),
            )
        )
    if report.written and report.path is not None:
        written = report.count(*WRITES)
        lines.append(
            ngettext(
                "Recorded {count} figure in {file}.", "Recorded {count} figures in {file}.", written
            ).format(count=written, file=report.path)
        )
    for line in lines:
        console.print(Text(line))


# An export's layout in words (the layouts are codes: see ``opendata.read``).
LAYOUT_WORDS = {"tabular": N_("tabular"), "untyped": N_("untyped"), "pivoted": N_("pivoted")}


def _indicators(count: int) -> str:
    return ngettext("{count} indicator", "{count} indicators", count).format(count=count)
