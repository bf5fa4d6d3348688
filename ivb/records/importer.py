"""``ivb import``: record the yearly figures of an open-data export, all or nothing.

The export is read for one region (``opendata.read``). Each indicator says in its
``open_data`` which series feed it (table, category, topic); nothing is guessed from the
plan's BVH codes. Every figure of a mapped series is compared with what the data records:

- **new**: the year has no value yet (or ``null``);
- **unchanged**: the same value is recorded (so a second import changes nothing);
- **update**: a provisional value, now revised or final (the old one goes into history);
- **conflict**: a different final value is recorded; refused unless ``--replace``
  (**replace**: the old one goes into history);
- **no figure**: the cell is ``.``, ``x``, ``-`` or empty: nothing is recorded, never 0;
- **refused**: the series' category code under a title the series does not accept: that
  series is refused (the table's wording, or its classification, changed), the others go on;
- **error**: the figure does not fit the indicator (a count with decimals...).

Any year of the export may be recorded, years before the first recorded one too (the
history a trend needs). Any conflict or error refuses the whole import. Otherwise the figures
are recorded in one change of ``indicators.yaml``, through the same path as
``add-measurement``: under the write lock, only the new lines, read back, the whole data set
validated, written atomically. The outcome says what was recorded and what was not, and
why: ``NothingToImport`` (exit 0) only when every figure of the export is recorded already
or has none; ``SeriesRefused`` (exit 1) when a series was refused, the others recorded.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data import edit
from ..data.change import BROKEN, change_file
from ..data.load import load_valid
from ..data.store import Document, read_document
from ..i18n import _, ngettext
from ..layout import INDICATORS, data_file_paths
from ..models import Indicator
from ..opendata.names import norm
from ..opendata.read import read_export
from ..opendata.types import Export, Figure, Region
from ..problems import IvbError, Unchanged, os_reason
from ..text import control_character, shown, typed_text
from .measure import Request, as_model, measurement_changes, new_entry, record_measurement
from .series import MATCH, RETITLED, compare, find_table, indicators_of, retitled, series_of

NEW = "new"
UNCHANGED = "unchanged"
UPDATE = "update"
CONFLICT = "conflict"
REPLACE = "replace"
MISSING = "no figure"
REFUSED = "refused"
ERROR = "error"
WRITES = (NEW, UPDATE, REPLACE)
_GROUPED = re.compile(r"[0-9]{1,3}(?:([.\s])[0-9]{3})(?:\1[0-9]{3})*\Z")  # 1.395, 12 345 678


@dataclass(frozen=True)
class ImportRequest:
    """What the coordinator asked to import."""

    file: Path
    region: str | None = None  # a name or a GM code; default: the policy's municipality
    table: str | None = None  # the table's id when the file's name does not give it
    years: tuple[int, ...] = ()  # only these years; default: every year of the export
    replace: bool = False
    downloaded: dt.date | None = None  # default: the file's modification date


@dataclass(frozen=True)
class Row:
    """One indicator-year of the import, and what happens to it."""

    indicator: str
    unit: str
    year: int
    old: Any  # the recorded entry, or None
    new: int | float | None  # the export's figure, or None when it has none
    provisional: bool
    status: str
    reason: str = ""
    line: int | None = None  # the export's line
    entry: Any = None  # what is recorded, for the statuses that write


@dataclass
class Imported:
    """The outcome of an import (or of its dry run)."""

    export: Export
    table: str
    table_from: str  # how the table was known: "the file's name", "--table", "its series"
    downloaded: dt.date
    file_date: bool = False  # the download date is the file's modification date
    rows: list[Row] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)  # indicators with no series of the table
    absent: list[str] = field(default_factory=list)  # indicators whose series the export lacks
    not_yearly: int = 0  # monthly or quarterly figures of mapped series, not recorded
    path: Path | None = None  # the data file
    written: bool = False

    def count(self, *statuses: str) -> int:
        return sum(r.status in statuses for r in self.rows)


class ImportRefused(IvbError):
    """The import would record something it must not: nothing was written."""

    def __init__(self, report: Imported, message: str) -> None:
        super().__init__(message)
        self.report = report


class SeriesRefused(IvbError):
    """A series was refused (see the table); the other figures were recorded (or, in a dry
    run, would be)."""

    def __init__(self, report: Imported, message: str) -> None:
        super().__init__(message)
        self.report = report


class NothingToImport(Unchanged):
    """Every figure of the export is recorded already (or it has none): exit 0."""

    def __init__(self, report: Imported, message: str) -> None:
        super().__init__(message)
        self.report = report


def import_export(
    data_dir: Path,
    request: ImportRequest,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    on_wait: Callable[[], None] | None = None,
) -> Imported:
    """Import ``request.file`` into ``data_dir`` (see the module's docstring). Raises
    ``ImportRefused``, ``NothingToImport`` or another ``IvbError``, having written nothing,
    when there is nothing to record or the import is refused."""
    today = today or dt.date.today()
    typed_text("--region", request.region)
    typed_text("--table", request.table)
    bad = control_character(str(request.file), newline=False)
    if bad is not None:  # the name goes into each figure's source
        raise IvbError(
            _("{file}: the file's name holds {bad}; rename the file").format(
                file=shown(str(request.file)), bad=bad
            )
        )
    path = data_file_paths(data_dir)[0]
    # The series are read from the data as it is: it must be valid (a `topik:` typed for
    # `topic:` would otherwise read as a series of no topic).
    policy = load_valid(data_dir, BROKEN).indicators.policy
    names = [n for n in (policy.municipality, policy.municipality_code) if n]
    region = _region(request.region, names)
    export = read_export(request.file, region)
    downloaded = request.downloaded or _modified(request.file)
    if downloaded > today:
        raise IvbError(
            _("--downloaded {date} lies in the future").format(date=downloaded)
            if request.downloaded
            else _(
                "{file}: its modification date, {date}, lies in the future; give the date it "
                "was downloaded with --downloaded"
            ).format(file=request.file, date=downloaded)
        )
    holder: list[Imported] = []

    def make(doc: Document, source: edit.Source) -> tuple[str, Any]:
        report = _compare(data_dir, doc, export, request, downloaded, today)
        report.path = path
        holder.append(report)
        _refuse_or_go_on(report)
        return _edit(doc, source, report, today)

    change_file(data_dir, INDICATORS, path, make, dry_run=dry_run, on_wait=on_wait)
    report = holder[-1]
    report.written = not dry_run
    if report.count(REFUSED):
        written = report.count(*WRITES)
        if report.written:
            done = ngettext(
                "{refused}; the other {count} figure was recorded.",
                "{refused}; the other {count} figures were recorded.",
                written,
            )
        else:
            done = ngettext(
                "{refused}; the other {count} figure would be recorded (a dry run).",
                "{refused}; the other {count} figures would be recorded (a dry run).",
                written,
            )
        raise SeriesRefused(report, done.format(refused=_refused_series(report), count=written))
    return report


def _refused_series(report: Imported) -> str:
    """``the series of 'zeden' was refused (...)``, for each indicator refused."""
    refused: dict[str, str] = {}
    for row in report.rows:
        if row.status == REFUSED:
            refused.setdefault(row.indicator, row.reason)
    parts = [f"{ident!r} ({reason})" for ident, reason in refused.items()]
    return ngettext(
        "the series of {series} was refused: if the export's title names the same category, "
        "add it to the series' other_titles in indicators.yaml; otherwise correct the series",
        "the series of {series} were refused: if the export's title names the same category, "
        "add them to the series' other_titles in indicators.yaml; otherwise correct the series",
        len(parts),
    ).format(series=", ".join(parts))


def _region(asked: str | None, names: list[str]) -> Region:
    """The region asked for, known also by the policy's other name for it (GM0547 for
    Leiderdorp) when it is the policy's municipality (``names``: its name, its code)."""
    if asked is None:
        if not names:
            raise IvbError(_("the policy names no municipality; give the region with --region"))
        return Region.of(*names)
    if not names or norm(asked) in {norm(n) for n in names}:
        return Region.of(asked, *names)
    if re.fullmatch(re.escape(names[0]) + r"\s*\(.+\)", asked.strip(), re.I):
        return Region.of(asked)  # "Bergen (NH.)" for the policy's "Bergen"
    # The data is one municipality's policy: another region's figures don't belong in it.
    refusal = (
        _(
            "--region {region}: the policy is {municipality}'s ({code}), and ivb records "
            "only its figures"
        )
        if len(names) > 1
        else _(
            "--region {region}: the policy is {municipality}'s, and ivb records only its figures"
        )
    )
    raise IvbError(
        refusal.format(region=asked, municipality=names[0], code=names[-1])
        + _region_hint(asked, names)
    )


def _region_hint(asked: str, names: list[str]) -> str:
    """What may have been meant by a region that is not the policy's municipality."""
    import difflib

    if difflib.SequenceMatcher(None, norm(asked), norm(names[0])).ratio() >= 0.75:
        return _("; did you mean {name}?").format(name=names[0])
    if re.fullmatch(r"GM\d{4}", asked.strip(), re.I):
        has_code = len(names) > 1
        hint = _("; if {code} is its code, give it in municipality_code")
        return "" if has_code else hint.format(code=asked)
    return _(
        ". Where the export gives it a longer name (Bergen (NH.) for Bergen), --region "
        "takes that name"
    )


def _modified(file: Path) -> dt.date:
    try:
        return dt.date.fromtimestamp(file.stat().st_mtime)
    except OSError as exc:  # pragma: no cover - read_export read it a moment ago
        raise IvbError(f"{file}: {os_reason(exc)}") from None


def _compare(
    data_dir: Path,
    doc: Document,
    export: Export,
    request: ImportRequest,
    downloaded: dt.date,
    today: dt.date,
) -> Imported:
    """Each figure of a declared series against what the data records."""
    indicators = indicators_of(doc)
    asked = request.table.strip().upper() if request.table else None  # 47013ned is 47013NED
    table, table_from = find_table(export, asked, indicators)
    report = Imported(export, table, table_from, downloaded, request.downloaded is None)
    fed = []
    for ind in indicators:
        series = series_of(ind, table)
        if series:
            fed.append((ind, series))
        else:
            report.unmapped.append(str(ind.get("id")))
    if not fed:
        raise IvbError(
            _(
                "no indicator declares a series of table {table} in its open_data, so this "
                "export feeds none; declare them in indicators.yaml (ivb's docs/import.md "
                "says how)"
            ).format(table=table)
        )
    for ind, series in fed:
        figures, refused = [], []
        for fig in export.figures:
            verdicts = [compare(s, fig) for s in series]
            if MATCH in verdicts:
                figures.append(fig)
            elif RETITLED in verdicts:
                refused.append((series[verdicts.index(RETITLED)], fig))
        if refused:
            report.rows += _refused_rows(ind, refused, request)
        if not figures:
            if not refused:
                report.absent.append(str(ind.get("id")))
            continue
        yearly = [f for f in figures if f.period.yearly]
        report.not_yearly += len(figures) - len(yearly)
        if not yearly:
            raise IvbError(
                _(
                    "{file}: the export holds figures per month or quarter ({period}...) for "
                    "{indicator!r}, and ivb records a figure per year; they are not added up. "
                    "Download the table with years (Perioden: jaren)"
                ).format(file=export.path, period=figures[0].period.label, indicator=ind.get("id"))
            )
        months = {f.period.year for f in figures if not f.period.yearly}
        model = as_model(ind, data_dir)
        report.rows += _rows(ind, model, yearly, months, export, table, request, downloaded, today)
    if len(report.absent) == len(fed):  # no series at all, not even one refused
        categories = sorted(shown(c.strip()) for c in export.categories if c.strip())
        some = ", ".join(categories[:6]) + (", ..." if len(categories) > 6 else "")
        raise IvbError(
            ngettext(
                "{file}: this export of {table} holds none of the series that the indicators "
                "declare for it (it has {count} category: {categories}; topics: {topics}); "
                "nothing was imported",
                "{file}: this export of {table} holds none of the series that the indicators "
                "declare for it (it has {count} categories: {categories}; topics: {topics}); "
                "nothing was imported",
                len(categories),
            ).format(
                file=export.path,
                table=table,
                count=len(categories),
                categories=some,
                topics=", ".join(map(shown, export.topics)),
            )
        )
    return report


def _refused_rows(
    ind: dict[str, Any], refused: list[tuple[dict[str, Any], Figure]], request: ImportRequest
) -> Iterable[Row]:
    """The yearly figures of a series that is refused, each with the reason."""
    ident, unit = str(ind.get("id")), str(ind.get("unit"))
    measurements: dict[int, Any] = ind.get("measurements") or {}
    for series, fig in refused:
        year = fig.period.year
        if fig.period.yearly and (not request.years or year in request.years):
            reason = retitled(series, fig)
            yield Row(
                ident, unit, year, measurements.get(year), None, False, REFUSED, reason, fig.line
            )


def _same(fig: Figure, unit: str) -> tuple[str, bool]:
    """What makes two figures of a year the same: 87 and 087, 1.395 and 1395 are."""
    return _figure_text(fig.value, unit).lstrip("0"), fig.period.provisional


def _figure_text(cell: str, unit: str) -> str:
    """An export's cell as add-measurement's value: a decimal comma as a point, and for a
    count the thousands separators of a Dutch figure dropped (``1.395``, ``1 395``)."""
    if unit == "count" and _GROUPED.match(cell):
        return re.sub(r"[.\s]", "", cell)
    return cell.replace(",", ".")


def _rows(
    ind: dict[str, Any],
    model: Indicator,
    figures: list[Figure],
    months: set[int],
    export: Export,
    table: str,
    request: ImportRequest,
    downloaded: dt.date,
    today: dt.date,
) -> Iterable[Row]:
    ident, unit = model.id, model.unit
    measurements: dict[int, Any] = ind.get("measurements") or {}  # the entries as written
    first = min((y for y, m in model.measurements.items() if m is not None), default=None)
    by_year: dict[int, Figure] = {}
    for fig in figures:
        if request.years and fig.period.year not in request.years:
            continue
        other = by_year.setdefault(fig.period.year, fig)
        if other is not fig and _same(other, unit) != _same(fig, unit):
            twice = (
                _(
                    "{file}:{line}: the export gives {indicator!r} two figures for {year} "
                    "(lines {other} and {line}, the series {first} and {second}); nothing was "
                    "imported"
                )
                if other.category != fig.category
                else _(
                    "{file}:{line}: the export gives {indicator!r} two figures for {year} "
                    "(lines {other} and {line}, its series); nothing was imported"
                )
            )
            raise IvbError(
                twice.format(
                    file=export.path,
                    line=fig.line,
                    indicator=ident,
                    year=fig.period.year,
                    other=other.line,
                    first=other.category,
                    second=fig.category,
                )
            )
    for year in sorted(set(by_year) | set(request.years)):
        old = measurements.get(year)
        if year not in by_year:
            why = (
                _("only monthly or quarterly figures") if year in months else _("not in the export")
            )
            yield Row(ident, unit, year, old, None, False, MISSING, why)
            continue
        fig = by_year[year]
        if fig.missing:
            yield Row(ident, unit, year, old, None, False, MISSING, _(fig.missing), fig.line)
            continue
        # add-measurement's checks of the year and the date received, in the import's words
        wrong = (
            _("a year in the future")
            if year > today.year
            else _("received (downloaded {date}) before the year began").format(date=downloaded)
            if downloaded < dt.date(year, 1, 1)
            else None
        )
        if wrong:
            yield Row(ident, unit, year, old, None, False, ERROR, wrong, fig.line)
            continue
        text = _figure_text(fig.value, unit)
        try:
            entry = new_entry(
                model,
                Request(
                    ident,
                    year,
                    text,
                    # The source as the data keeps it, in the language of the user who imports.
                    source=_("open data {table}, {category}, file {file}").format(
                        table=table, category=fig.category, file=export.path.name
                    ),
                    received=downloaded,
                    provisional=fig.period.provisional,
                    any_year=True,  # older years too; a future year is refused above
                ),
                today,
            )
        except IvbError as exc:  # the figure does not fit the unit: show it as written
            message = exc.message.replace(repr(text), repr(fig.value))
            yield Row(ident, unit, year, old, None, False, ERROR, message, fig.line)
            continue
        value = entry["value"] if isinstance(entry, dict) else entry
        status, reason = _status(old, value, fig.period.provisional, request.replace)
        if status == NEW and first is not None and year < first:
            # Status measures progress from the earliest value: say that it moves.
            reason = _("earlier than the first value recorded ({year})").format(year=first)
        yield Row(
            ident, unit, year, old, value, fig.period.provisional, status, reason, fig.line, entry
        )


def _status(old: Any, value: float, provisional: bool, replace: bool) -> tuple[str, str]:
    if old is None:
        return NEW, ""
    fields = old if isinstance(old, dict) else {"value": old}
    was_provisional = bool(fields.get("provisional"))
    if fields.get("value") == value and (provisional or not was_provisional):
        return UNCHANGED, ""
    if was_provisional:
        return UPDATE, _("the recorded value was provisional")
    if replace:
        return REPLACE, "--replace"
    return CONFLICT, _("a different value is recorded")


def _refuse_or_go_on(report: Imported) -> None:
    """Refuse the import (a conflict, an error), or say that there is nothing to record and
    why; return when there are figures to record."""
    errors, conflicts = report.count(ERROR), report.count(CONFLICT)
    if errors:
        raise ImportRefused(
            report,
            ngettext(
                "{count} figure of the export cannot be recorded (see the table); nothing was "
                "written.",
                "{count} figures of the export cannot be recorded (see the table); nothing "
                "was written.",
                errors,
            ).format(count=errors),
        )
    if conflicts:
        raise ImportRefused(
            report,
            ngettext(
                "{count} figure of the export differs from the recorded value (see the table); "
                "nothing was written. Check them; then --replace records the export's figures "
                "(the old ones are kept in the history), or --year imports only the years you "
                "name.",
                "{count} figures of the export differ from the recorded values (see the "
                "table); nothing was written. Check them; then --replace records the export's "
                "figures (the old ones are kept in the history), or --year imports only the "
                "years you name.",
                conflicts,
            ).format(count=conflicts),
        )
    if report.count(*WRITES):
        return
    if report.count(REFUSED):
        rest = _unchanged_words(report)
        raise ImportRefused(
            report,
            _("{refused}; {rest}; nothing was written.").format(
                refused=_refused_series(report), rest=rest or _("there is nothing else to record")
            ),
        )
    if report.rows and report.count(MISSING) == len(report.rows):
        years = sorted({r.year for r in report.rows})
        asked = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
        last = report.export.last_year
        if last is not None and last < years[0]:
            refusal = _(
                "the export has no figures of {region} for {years}; its last figures are for "
                "{last}: an older download, or a municipality that merged into another (its "
                "figures end at the merger); nothing was written."
            )
        else:
            refusal = _("the export has no figures of {region} for {years}; nothing was written.")
        raise ImportRefused(
            report, refusal.format(region=report.export.region, years=asked, last=last)
        )
    raise NothingToImport(
        report, _("{unchanged}; nothing changed.").format(unchanged=_unchanged_words(report))
    )


def _unchanged_words(report: Imported) -> str:
    """What the export holds that is not recorded now, in words: ``every figure of the
    export is recorded already``, or the counts of each reason."""
    unchanged, missing = report.count(UNCHANGED), report.count(MISSING)
    if not unchanged:
        return ""
    if not missing:
        return _("every figure of the export is recorded already ({count})").format(count=unchanged)
    recorded = ngettext(
        "{count} figure is recorded already", "{count} figures are recorded already", unchanged
    ).format(count=unchanged)
    none = ngettext(
        "{count} has no figure in the export (see the table)",
        "{count} have no figure in the export (see the table)",
        missing,
    ).format(count=missing)
    return f"{recorded}, {none}"


def _edit(doc: Document, source: edit.Source, report: Imported, today: dt.date) -> tuple[str, Any]:
    """The file's text and data with every figure to record recorded.

    The edits go in rounds of one figure per indicator: the edits of different indicators
    touch different lines, so a round applies at once; the next round is placed by the node
    tree of the text the round before left (an indicator's second year goes after its
    first)."""
    rounds: list[list[Row]] = []
    taken: dict[str, int] = {}
    for row in (r for r in report.rows if r.status in WRITES):
        n = taken[row.indicator] = taken.get(row.indicator, -1) + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(row)
    text, data = source.text, copy.deepcopy(doc.data)
    for n, batch in enumerate(rounds):
        if n:
            raw = source.encode(text)
            source = edit.Source(raw)
            doc, _problems = read_document(doc.path, doc.name, raw)
        changes = []
        for row in batch:
            request = Request(row.indicator, row.year, str(row.new))
            changes += measurement_changes(source, doc, request, row.entry, row.old, today)
            record_measurement(data, request, row.entry, row.old, today)
        text = edit.apply(source.text, changes)
    return text, data
