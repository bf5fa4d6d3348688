"""``--format xlsx`` of ``ivb status`` and ``ivb plans``: the jaarverslag's tables as an
Excel workbook, so that nobody retypes them.

``status_workbook``: a sheet per priority with the columns of the council's yearly
report (indicator, source, baseline, each year's value, target, target year, status);
``plans_workbook``: a sheet per priority of its actions. Numbers are numbers, shown by a
number format with the decimals that tell a value from its target
(``numbers.places_for``) and the unit as ``ivb status`` writes it (``30.8%``: the cell
holds 30.8, as the csv and json do); a provisional figure is marked ``*`` by its format,
in italics, with a note on the cell and the legend under the table. Headers are frozen.
The words are those of the report's catalogue, in the language the command resolved
(passed in: the renderers sit below the report). Text from the data is always written as
text, never as a formula.

openpyxl is imported only here, and only when a workbook is made: no other output pays
for it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .numbers import places_for

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ..plans import PlansReport
    from ..status.build import IndicatorStatus, StatusReport

Words = Mapping[str, Any]  # a catalogue of ``report.catalogue``: TEXTS["nl"] or TEXTS["en"]

MAX_WIDTH = {"wide": 50, "text": 36}  # characters: a longer text wraps in its cell


def _text(ws: Worksheet, row: int, column: int, value: str) -> None:
    """Text from the data as text: openpyxl would take ``=...`` for a formula."""
    cell = ws.cell(row=row, column=column, value=value)
    cell.data_type = "s"


def _heading(ws: Worksheet, lines: list[str]) -> int:
    """Title lines above the table, the first bold; returns the header's row."""
    from openpyxl.styles import Font

    for row, line in enumerate(lines, start=1):
        _text(ws, row, 1, line)
        ws.cell(row=row, column=1).font = Font(bold=True, size=12 if row == 1 else 11)
    return len(lines) + 1


def _headers(ws: Worksheet, row: int, headers: list[str], keep: int = 0) -> None:
    """The header row, bold over a line, frozen with the rows above it and the first
    ``keep`` columns (what names a row); a filter on it."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    for column, header in enumerate(headers, start=1):
        _text(ws, row, column, header)
        cell = ws.cell(row=row, column=column)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        cell.border = Border(bottom=Side(style="thin"))
    ws.freeze_panes = f"{get_column_letter(keep + 1)}{row + 1}"
    ws.auto_filter.ref = f"A{row}:{get_column_letter(len(headers))}{max(ws.max_row, row)}"


def _widths(ws: Worksheet, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width


def _width(texts: list[str], header: str, cap: int) -> int:
    """A column as wide as its longest text (a header may wrap at its spaces), at most
    ``cap`` characters."""
    longest = max([len(t) for t in texts] + [max(len(w) for w in header.split()) if header else 0])
    return min(longest, cap) + 2


def _saved(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _sheet_name(text: str, taken: set[str]) -> str:
    """A sheet's name as Excel allows it: at most 31 characters, none of ``[]:*?/\\``,
    unique in the workbook."""
    name = "".join(" " if c in "[]:*?/\\" else c for c in text).strip()[:31] or "Sheet"
    base, n = name, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


# -- status -------------------------------------------------------------------------------


def _years(report: StatusReport) -> list[int]:
    """Each year from the first with a value to the last (or to the year judged, with
    ``--year``, so that its column is there while its figures are still missing)."""
    found = [
        y
        for ps in report.priorities
        for row in ps.rows
        for y, v in row.indicator.measurements.items()
        if v is not None and (report.as_of is None or y <= report.as_of)
    ]
    if report.as_of is not None:
        found.append(report.as_of)
    return list(range(min(found), max(found) + 1)) if found else []


def number_format(unit: str, places: int, provisional: bool = False) -> str:
    """Excel's number format of a value: its decimals, its unit as ``ivb status`` shows it
    (``0.0"%"``: 30.8 shows 30.8%, the cell holding the number 30.8; ``0.0" /1000"`` for a
    rate) and ``*`` for a provisional figure, where ``numbers.fmt_value`` puts it."""
    body = "0" if places == 0 else "0." + "0" * places
    mark = "*" if provisional else ""
    if unit == "percent":
        tail = "%" + mark
    elif unit.startswith("per "):
        tail = mark + f" /{unit[4:]}"
    else:
        tail = mark
    return body + (f'"{tail}"' if tail else "")


def _places(row: IndicatorStatus, years: list[int]) -> int:
    """The decimals of an indicator's values: none when every value shown is whole (a
    count), else those that tell its latest value from its target."""
    ev, ind = row.evaluation, row.indicator
    shown = [ind.measurements.get(y) for y in years]
    shown += [p.value for p in (ev.baseline, ev.target) if p is not None]
    if all(v is None or float(v).is_integer() for v in shown):
        return 0
    return places_for(ev)


def _number(
    ws: Worksheet, row: int, column: int, value: float | None, fmt: str, note: str = ""
) -> None:
    """A value as a number in ``fmt``; a provisional one (``*`` in its format) in italics,
    with ``note`` on the cell. No value: an empty cell, never 0."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    if value is None:
        return
    cell = ws.cell(row=row, column=column, value=value)
    cell.number_format = fmt
    if '*"' in fmt:
        cell.font = Font(italic=True)
        if note:
            cell.comment = Comment(note, "ivb")


def _status_text(row: IndicatorStatus, words: Words) -> str:
    ev = row.evaluation
    text = str(words["statuses"][ev.status])
    return f"{text} ({words['within_chance']})" if ev.within_chance else text


def status_workbook(report: StatusReport, words: Words) -> bytes:
    """The status as a workbook: a sheet per priority (see the module)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    sheets = words["sheets"]
    years = _years(report)
    headers = [
        words["indicator"],
        words["source"],
        words["baseline"],
        *(f"{words['value']} {y}" for y in years),
        words["target_value"],
        sheets["target_year"],
        words["status"],
    ]
    first_year, target_column = 4, 4 + len(years)
    v = report.view
    as_of = (
        words["as_of"].format(year=report.as_of) if report.as_of is not None else words["all_years"]
    )
    taken: set[str] = set()
    for ps in report.priorities:
        ws = wb.create_sheet(_sheet_name(f"{words['priority']} {ps.priority.number}", taken))
        top = _heading(
            ws,
            [
                f"{words['priority']} {ps.priority.number} · {ps.priority.title}",
                f"{v.policy} · {v.municipality} · {as_of}",
            ],
        )
        provisional_shown = False
        for r, row in enumerate(ps.rows, start=top + 1):
            ind, ev = row.indicator, row.evaluation
            places = _places(row, years)
            _text(ws, r, 1, ind.name)
            _text(ws, r, 2, ind.source)
            shown: list[tuple[int, float | None, int]] = []
            if ev.baseline is not None:
                shown.append((3, ev.baseline.value, ev.baseline.year))
            shown += [(first_year + i, ind.measurements.get(y), y) for i, y in enumerate(years)]
            for column, value, year in shown:
                mark = year in ind.provisional
                fmt = number_format(ind.unit, places, mark)
                _number(ws, r, column, value, fmt, words["provisional_note"])
                provisional_shown = provisional_shown or (mark and value is not None)
            if ev.target is not None:
                _number(ws, r, target_column, ev.target.value, number_format(ind.unit, places))
                ws.cell(row=r, column=target_column + 1, value=ev.target.year)
            _text(ws, r, target_column + 2, _status_text(row, words))
            for column in (1, 2):
                ws.cell(row=r, column=column).alignment = Alignment(wrap_text=True, vertical="top")
        _headers(ws, top, headers, keep=1)  # the indicator's name stays in view
        if provisional_shown:
            _text(ws, ws.max_row + 2, 1, words["provisional_note"])
        names = [row.indicator.name for row in ps.rows]
        sources = [row.indicator.source for row in ps.rows]
        statuses = [_status_text(row, words) for row in ps.rows]
        _widths(
            ws,
            [
                _width(names, headers[0], MAX_WIDTH["wide"]),
                _width(sources, headers[1], MAX_WIDTH["text"]),
                *(_width([], h, 14) + 2 for h in headers[2:-1]),
                _width(statuses, headers[-1], MAX_WIDTH["text"]),
            ],
        )
    return _saved(wb)


# -- plans --------------------------------------------------------------------------------


def plans_workbook(report: PlansReport, words: Words) -> bytes:
    """The actions as a workbook: a sheet per priority, a row per action as ``ivb plans``
    shows it (an action carried into a later plan once, under its latest id), with its
    plans, id, title, lead and partners (by name), its state now and since when, its
    latest budget, and a column per year of its evaluations."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    sheets = words["sheets"]
    years = sorted(
        {
            e.year
            for group in report.priorities
            for row in group.actions
            for e in row.record.evaluations
        }
    )
    headers = [
        words["ran_in"],
        sheets["id"],
        sheets["action"],
        words["lead"],
        words["partners"],
        sheets["state"],
        sheets["since"],
        words["budget"],
        *(words["evaluation"].format(year=y) for y in years),
    ]
    since_column, budget_column, first_year = 7, 8, 9
    plans_shown = "; ".join(p.name for p in report.plans)
    named = report.partners
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    for group in report.priorities:
        ws = wb.create_sheet(_sheet_name(f"{words['priority']} {group.number}", taken))
        title = f"{words['priority']} {group.number} · {group.title}"
        top = _heading(ws, [line for line in (title, plans_shown) if line])
        texts: list[list[str]] = [[] for _ in headers]
        for r, row in enumerate(group.actions, start=top + 1):
            a, record = row.action, row.record
            now = record.current
            cells = [
                ", ".join(p.period for p in record.plans),
                a.id,
                a.title,
                named.get(a.lead, a.lead) if a.lead else "",
                ", ".join(named.get(p, p) for p in a.partners),
                str(words["states"][now.state]),
            ]
            for column, text in enumerate(cells, start=1):
                _text(ws, r, column, text)
                texts[column - 1].append(text)
            if now.date is not None:
                ws.cell(row=r, column=since_column, value=now.date).number_format = "yyyy-mm-dd"
            if record.budgets:
                amount = ws.cell(row=r, column=budget_column, value=record.budgets[-1].amount)
                amount.number_format = '"€ "#,##0.00'
            for i, year in enumerate(years):
                notes = "\n".join(e.note for e in record.evaluations if e.year == year)
                if notes:
                    _text(ws, r, first_year + i, notes)
                    texts[first_year - 1 + i].append(notes)
            for column in range(1, len(headers) + 1):
                ws.cell(row=r, column=column).alignment = Alignment(wrap_text=True, vertical="top")
        _headers(ws, top, headers)
        caps = [14, 30, MAX_WIDTH["wide"], 24, 30, 16, 12, 12] + [MAX_WIDTH["wide"]] * len(years)
        _widths(ws, [_width(t, h, cap) for t, h, cap in zip(texts, headers, caps, strict=True)])
    if not wb.worksheets:  # no priority at all: the headers alone
        _headers(wb.create_sheet(_sheet_name(sheets["actions"], taken)), 1, headers)
    return _saved(wb)
