"""The two layouts of the open-data exports, read for one region (see ``read.py``).

A **tabular** export (StatLine's CSV, and the untyped CSV of the open-data feed) has one
header row and one row per combination of the dimensions; it is read row by row, keeping
only the region's figures (the file's text is held once, its rows are not). A **pivoted** export
(StatLine's table view) is small: title, filters, header rows, one row per region.

An export split by a dimension ivb does not record (``Geslacht``, say) is read only where
that dimension is at its total (``Totaal mannen en vrouwen``); one without the total is
refused, never taken for the total.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..i18n import _
from ..problems import IvbError
from ..text import shown
from .names import KEY_SUFFIX, UNIT, norm
from .types import (
    MARGIN_DIMENSIONS,
    NO_FIGURE,
    PERIOD_DIMENSIONS,
    REGION_CODE,
    REGION_DIMENSIONS,
    STATUS_COLUMNS,
    TOPIC_HEADS,
    Export,
    Figure,
    Period,
    Region,
    Rows,
    is_category_dimension,
    is_total,
    parse_period,
    provisional_status,
    split_category,
)

_FILTER = re.compile(r"([^:;]{1,40}):\s*(.*)\Z")  # "Soort misdrijf: 1.1.1 Diefstal/inbraak woning"
_NUMBERISH = re.compile(r"[-+]?[0-9][0-9.,\s]*\Z")


def _some(names: list[str], most: int = 6) -> str:
    """The first few of ``names``, each cut short: a message, not a dump of the file."""
    cut = [shown(n if len(n) <= 40 else n[:39] + "…") for n in names if n][:most]
    return ", ".join(cut) + (", ..." if len([n for n in names if n]) > most else "")


def _not_total(path: Path, line: int, dimension: str, value: str) -> IvbError:
    return IvbError(
        _(
            "{file}:{line}: the export is split by {dimension} ({value}) and has no total for "
            "it; ivb records the total: download the table with {dimension} at 'Totaal'"
        ).format(file=path, line=line, dimension=dimension, value=value)
    )


def read_tabular(path: Path, rows: Rows, region: Region) -> Export:
    """A tabular export: a header row, then one row per combination."""
    first, row = next((n, r) for n, r in rows if any(c.strip() for c in r))
    header = [cell.strip() for cell in row]
    names = [norm(h) for h in header]
    untyped = any(KEY_SUFFIX.search(h) for h in header)
    region_col = next((i for i, n in enumerate(names) if n in REGION_DIMENSIONS), None)
    period_col = next((i for i, n in enumerate(names) if n in PERIOD_DIMENSIONS), None)
    if region_col is None or period_col is None:
        raise _no_dimensions(path, first, header, region_col, period_col)
    status_col = next((i for i, n in enumerate(names) if n in STATUS_COLUMNS), None)
    fixed = {region_col, period_col, status_col, *(i for i, n in enumerate(names) if n == "id")}
    width = len(header)
    data_rows = _data_rows(path, rows, width)
    peeked = next(data_rows, None)
    topic_cols, dimension_cols, margin_cols = [], [], []
    for i, h in enumerate(header):
        if i in fixed:
            continue
        if KEY_SUFFIX.search(h) or UNIT.search(h):
            topic_cols.append(i)
        elif norm(h) in MARGIN_DIMENSIONS:  # read at the estimate, never a category
            margin_cols.append(i)
        elif is_category_dimension(h) or untyped:
            dimension_cols.append(i)
        else:  # no unit in its name: a topic when it holds numbers
            cell = peeked[1][i].strip() if peeked else ""
            is_figure = cell.casefold() in NO_FIGURE or _NUMBERISH.match(cell)
            (topic_cols if is_figure else dimension_cols).append(i)
    categories = [i for i in dimension_cols if is_category_dimension(header[i])]
    if len(categories) > 1 or (len(dimension_cols) > 1 and not categories):
        raise IvbError(
            _(
                "{file}:{line}: the export has more than one category dimension "
                "({dimensions}); download it with one"
            ).format(
                file=path,
                line=first,
                dimensions=", ".join(shown(header[i]) for i in dimension_cols),
            )
        )
    category_col = categories[0] if categories else dimension_cols[0] if dimension_cols else None
    # must be at their total
    others = [i for i in dimension_cols if i != category_col] + margin_cols
    if not topic_cols:
        raise IvbError(
            _("{file}:{line}: the export has no topic column with figures").format(
                file=path, line=first
            )
        )
    export = Export(path, "untyped" if untyped else "tabular", "", None, None, region.asked)
    export.topics = [header[i] for i in topic_cols]
    seen_regions: set[str] = set()
    found = None
    split: tuple[int, str, str] | None = None  # a row of the region not at a total
    matches: dict[str, bool] = {}  # a national export names each region thousands of times
    for number, row in _chain(peeked, data_rows):
        written = row[region_col]
        hit = matches.get(written)
        if hit is None:
            hit = matches[written] = region.matches(written)
        category = row[category_col].strip() if category_col is not None else ""
        export.categories.add(category)
        if not hit:
            seen_regions.add(written)
            continue
        found = written.strip()
        off_total = next((i for i in others if not is_total(row[i])), None)
        if off_total is not None:
            split = split or (number, header[off_total], row[off_total].strip())
            continue
        period = parse_period(row[period_col], untyped)
        if period is None:
            raise IvbError(
                _(
                    "{file}:{line}: {period!r} is not a period (a year such as 2015 or "
                    "2015JJ00, or a month such as 2015MM01)"
                ).format(file=path, line=number, period=row[period_col].strip())
            )
        if status_col is not None:  # the status column says it, whatever the period's mark
            provisional = provisional_status(row[status_col].strip(), f"{path}:{number}")
            period = Period(period.label, period.year, period.yearly, provisional)
        code, title = split_category(category, untyped)
        for i in topic_cols:
            export.figures.append(Figure(code, title, header[i], period, row[i].strip(), number))
    if found is None:
        raise _no_region(path, region, {r.strip() for r in seen_regions})
    if split is not None and not export.figures:
        raise _not_total(path, *split)
    export.region = found
    return export


def _no_dimensions(
    path: Path, line: int, header: list[str], region_col: int | None, period_col: int | None
) -> IvbError:
    """What the header of a file that is no tabular export lacks, and what it has."""
    has = _("(the header has: {names})").format(names=_some(header) or _("nothing"))
    if period_col is not None:
        lacks = _(
            "its header names the periods ({column}) but no regions: ivb takes one region's "
            "figures from a column of regions (Regio's, Gemeenten)"
        ).format(column=shown(header[period_col]))
    elif region_col is not None:
        lacks = _(
            "its header names the regions ({column}) but no periods: ivb takes the figures "
            "per year from a column of periods (Perioden)"
        ).format(column=shown(header[region_col]))
    else:
        lacks = _("its header names no periods (Perioden) and no regions (Regio's)")
    return IvbError(
        _(
            "{file}:{line}: this is not an open-data export of the police or CBS that ivb can "
            "read: {lacks} {has}"
        ).format(file=path, line=line, lacks=lacks, has=has)
    )


def _data_rows(path: Path, rows: Rows, width: int) -> Rows:
    for number, row in rows:
        if len(row) != width:
            if len(row) <= 1 or not any(c.strip() for c in row):
                continue  # a blank line, a trailing note ("Bron: Politie")
            raise IvbError(
                _("{file}:{line}: the row has {fields} fields, the header {width}").format(
                    file=path, line=number, fields=len(row), width=width
                )
            )
        yield number, row


def _chain(first: tuple[int, list[str]] | None, rest: Rows) -> Rows:
    if first is not None:
        yield first
    yield from rest


def read_pivoted(path: Path, rows: list[tuple[int, list[str]]], region: Region) -> Export:
    """A table view: title, filter lines, header rows, then one row per region."""
    lines = []
    for number, row in rows:
        cells = [cell.strip() for cell in row]
        while cells and not cells[-1]:  # Excel ends every line with a separator
            cells.pop()
        lines.append((number, cells))
    at = next(i for i, (_, cells) in enumerate(lines) if cells)
    title = None
    if not _FILTER.match(";".join(lines[at][1])):  # no title line: the filters come first
        title = ";".join(lines[at][1])
        at += 1
    filters: dict[str, tuple[str, str, int]] = {}
    while (
        at < len(lines)
        and len(lines[at][1]) == 1
        and (written := _FILTER.match(lines[at][1][0])) is not None
    ):
        name, value = written.groups()
        filters[norm(name)] = (name.strip(), value.strip(), lines[at][0])
        at += 1
    while at < len(lines) and not lines[at][1]:
        at += 1
    # Header rows: a dimension's name, then its value for each column; the last names the
    # row dimension (the regions) and gives each column's unit.
    headers: dict[str, tuple[str, list[str], int]] = {}
    start = lines[at][0] if at < len(lines) else 0
    while at < len(lines) and len(lines[at][1]) > 1:
        number, cells = lines[at]
        if norm(cells[0]) in REGION_DIMENSIONS:
            break
        values, last = [], ""
        for cell in cells[1:]:  # a merged header cell stands for the columns after it
            last = cell or last
            values.append(last)
        headers[norm(cells[0])] = (cells[0], values, number)
        at += 1
    if at >= len(lines) or not lines[at][1] or norm(lines[at][1][0]) not in REGION_DIMENSIONS:
        raise IvbError(
            _(
                "{file}:{line}: this is not an open-data export of the police or CBS that ivb "
                "can read: a table view needs header rows (Onderwerp, Perioden) and the "
                "regions (Regio's) as rows"
            ).format(file=path, line=start)
        )
    periods = next((v for k, (_, v, _) in headers.items() if k in PERIOD_DIMENSIONS), None)
    if periods is None:
        down = next(
            (n for n, cells in lines[at:] if cells and norm(cells[0]) in PERIOD_DIMENSIONS), None
        )
        if down is not None:  # the periods run down the rows, the regions across
            raise IvbError(
                _(
                    "{file}:{line}: in this table view the periods (Perioden) are the rows and "
                    "the {regions} the columns; ivb reads one with the regions as rows and the "
                    "periods as columns: swap them on StatLine, or download the table as CSV"
                ).format(file=path, line=down, regions=shown(lines[at][1][0]))
            )
        raise IvbError(
            _(
                "{file}:{line}: the header rows of this table view name no periods (Perioden); "
                "download the table with the periods as columns, or as CSV"
            ).format(file=path, line=start)
        )
    columns = len(periods)
    for name, values, number in headers.values():  # a merged cell at the row's end
        if len(values) > columns:
            raise IvbError(
                _(
                    "{file}:{line}: the header row {name!r} has {count} columns, the "
                    "periods {periods}"
                ).format(file=path, line=number, name=name, count=len(values), periods=columns)
            )
        values += values[-1:] * (columns - len(values))
    topics = next((v for k, (_, v, _) in headers.items() if k in TOPIC_HEADS), None)
    topic_filter = next((v for k, (_, v, _) in filters.items() if k in TOPIC_HEADS), None)
    if topics is None:
        topics = [topic_filter or title or ""] * columns
    category_head = next((k for k in headers if is_category_dimension(k)), None)
    category_filter = next((v for k, (_, v, _) in filters.items() if is_category_dimension(k)), "")
    categories = headers[category_head][1] if category_head else [category_filter] * columns
    # Any other filter or column dimension must be at its total.
    for key, (name, value, number) in filters.items():
        if key not in TOPIC_HEADS and not is_category_dimension(key) and not is_total(value):
            raise _not_total(path, number, name, value)
    for key, (name, values, number) in headers.items():
        if key in TOPIC_HEADS | PERIOD_DIMENSIONS or key == category_head:
            continue
        if not all(is_total(v) for v in values):
            raise _not_total(path, number, name, next(v for v in values if not is_total(v)))
    parsed = []
    for label in periods:
        period = parse_period(label, False)
        if period is None:
            raise IvbError(
                _("{file}:{line}: {period!r} is not a period (a year such as 2015)").format(
                    file=path, line=start, period=label
                )
            )
        parsed.append(period)
    export = Export(path, "pivoted", "", None, title, region.asked)
    export.topics = list(dict.fromkeys(topics))
    export.categories = set(categories)
    seen_regions: set[str] = set()
    found = None
    for number, cells in lines[at + 1 :]:
        if len(cells) < 2:
            continue  # a blank line, or a trailing note ("Bron: Politie")
        if len(cells) > columns + 1:
            raise IvbError(
                _(
                    "{file}:{line}: the row has {figures} figures, the header {periods} periods"
                ).format(file=path, line=number, figures=len(cells) - 1, periods=columns)
            )
        if not region.matches(cells[0]):
            seen_regions.add(cells[0])
            continue
        found = cells[0]
        figures = cells[1:] + [""] * (columns + 1 - len(cells))  # a short row: no figure
        for col, cell in enumerate(figures):
            code, ctitle = split_category(categories[col], False)
            export.figures.append(Figure(code, ctitle, topics[col], parsed[col], cell, number))
    if found is None:
        raise _no_region(path, region, seen_regions)
    export.region = found
    return export


def _no_region(path: Path, region: Region, seen: Iterable[str]) -> IvbError:
    import difflib

    known = sorted(set(seen))
    by_codes = bool(known) and all(REGION_CODE.match(k) for k in known[:50])
    where = (
        _("{file}: region {region} is not in this export ({count} regions, by codes)")
        if by_codes
        else _("{file}: region {region} is not in this export ({count} regions, by names)")
    ).format(file=path, region=region, count=len(known))
    word = _("or")
    # "Bergen" is two municipalities, "Bergen (L.)" and "Bergen (NH.)".
    same = [k for k in known if any(norm(k).startswith(key) for key in region.keys)]
    if len(same) > 1:
        return IvbError(
            _(
                "{where}; it has {names}: give the one that is meant with --region, "
                "e.g. --region {example!r}"
            ).format(
                where=where, names=f" {word} ".join(repr(k) for k in same[:4]), example=same[0]
            )
        )
    close = difflib.get_close_matches(region.asked, known, n=3, cutoff=0.6)
    close += [k for k in same if k not in close]
    if not close:
        return IvbError(where)
    return IvbError(
        _("{where}; did you mean {names}?").format(
            where=where, names=f" {word} ".join(repr(c) for c in close)
        )
    )
