"""Read the police's and CBS's open-data CSV exports (data.politie.nl, CBS StatLine).

Three shapes of the same tables occur, and all three are read into the same flat list of
``Figure``s (one category, topic, region and period each):

- **tabular** (StatLine "CSV"): one header row naming the dimensions and the topics, then one
  row per combination: ``"Soort misdrijf";"Perioden";"Regio's";"Geregistreerde misdrijven
  (aantal)"`` / ``"1.1.1 Diefstal/inbraak woning";"2015";"Leiderdorp";"98"``;
- **untyped** (the OData "CSV untyped" download): the same with codes instead of titles:
  ``"ID";"SoortMisdrijf";"RegioS";"Perioden";"GeregistreerdeMisdrijven_1"`` /
  ``0;"1.1.1 ";"GM0547    ";"2015JJ00";"98"``;
- **pivoted** (StatLine's table view): a title line, filter lines such as ``"Soort misdrijf:
  Totaal misdrijven"``, a blank line, header rows (``"Onderwerp";…``, ``"Perioden";"2022";…``,
  ``"Regio's";"aantal";…``), one row per region, and a trailing source line.

What real files hold is read as it is meant: a byte order mark, Windows-1252 text (or the
UTF-16 of a spreadsheet's "Unicode text"), ``;`` or
``,`` separators, quoted numbers, decimal commas, codes padded with spaces, provisional
periods (``2024*``) or a status column, monthly and quarterly periods (kept apart from the
yearly ones, never added up), and ``.``/``x``/empty cells for figures that are unknown or
suppressed (kept as missing, never 0). Only the figures of one region are kept, so a
national export of several megabytes is read in one pass.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .problems import IvbError

MAX_BYTES = 512 * 1024 * 1024  # a national export is ~10 MB; far more is not such an export

MONTHS = frozenset(
    ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus")
    + ("september", "oktober", "november", "december")
)
_YEAR_CODE = re.compile(r"(\d{4})JJ00\Z")
_SUB_CODE = re.compile(r"(\d{4})(MM|KW|HJ)(\d{2})\Z")
_YEAR_LABEL = re.compile(r"(\d{4})\s*(\*{0,2})\Z")
_MONTH_LABEL = re.compile(r"(\d{4})\s+([a-z]+)\s*\*{0,2}\Z")
_QUARTER_LABEL = re.compile(r"(\d{4})\s+\d\s*(?:e|ste|de)?\s+kwartaal\s*\*{0,2}\Z")
_CATEGORY = re.compile(r"(\d+(?:\.\d+)+)\s*(.*)\Z", re.S)  # "1.1.1 Diefstal/inbraak woning"
_UNIT = re.compile(r"\s*\([^()]*\)\s*\Z")  # "Geregistreerde misdrijven (aantal)"
_KEY_SUFFIX = re.compile(r"_\d+\Z")  # "GeregistreerdeMisdrijven_1"
_TABLE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{5}[A-Z]{3})(?![A-Za-z])")
_REGION_CODE = re.compile(r"(GM|WK|BU|PV|LD|CR|RE|NL)\d{2,8}\Z", re.I)

# Dimension names as the exports spell them, compared by ``norm``.
REGION_DIMENSIONS = {"regios", "regio", "wijkenenbuurten", "gemeente", "gemeenten", "gemeentenaam"}
PERIOD_DIMENSIONS = {"perioden", "periode", "jaar", "jaren"}
TOPIC_HEADS = {"onderwerp", "onderwerpen"}
STATUS_COLUMNS = {"status", "cijferstatus"}
# What a cell holds for a figure that is not there (CBS's notation): unknown or secret. A "-"
# is CBS's "nil", but ivb records no figure it has to guess at: it is reported, not recorded.
NO_FIGURE = {"": "empty", ".": "unknown", "x": "secret", "-": "nil ('-')", "..": "unknown"}


def norm(text: str) -> str:
    """A name compared loosely: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def topic_key(header: str) -> str:
    """A topic compared across the shapes: "Geregistreerde misdrijven (aantal)" and
    "GeregistreerdeMisdrijven_1" both read as "geregistreerdemisdrijven"."""
    return norm(_KEY_SUFFIX.sub("", _UNIT.sub("", header)))


@dataclass(frozen=True)
class Period:
    """A period of an export: a year, or a part of one (a month, a quarter)."""

    label: str  # as written
    year: int
    yearly: bool
    provisional: bool


@dataclass(frozen=True)
class Figure:
    """One cell of an export: a figure of one category, topic, region and period."""

    code: str | None  # the category's code, "1.1.1"
    title: str | None  # the category's title, "Diefstal/inbraak woning"
    topic: str  # the topic's header as written
    period: Period
    value: str  # the cell as written, stripped
    line: int

    @property
    def category(self) -> str:
        return " ".join(p for p in (self.code, self.title) if p) or "(no category)"

    @property
    def missing(self) -> str | None:
        """Why the cell holds no figure ("unknown", "secret"...), or None when it holds one."""
        return NO_FIGURE.get(self.value.casefold())


@dataclass
class Export:
    """What an export holds for one region."""

    path: Path
    layout: str  # "tabular", "untyped" or "pivoted"
    encoding: str
    table: str | None  # the table's id when the file names it, e.g. "47013NED"
    title: str | None  # the table's title, when the file gives it
    region: str  # the region's name or code as the file writes it
    figures: list[Figure] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    categories: set[str] = field(default_factory=set)  # every category of the file

    @property
    def last_year(self) -> int | None:
        """The last year the region has a figure for, in any series."""
        return max((f.period.year for f in self.figures if not f.missing), default=None)


@dataclass(frozen=True)
class Region:
    """The region asked for, and the names and codes it goes by (``Leiderdorp``,
    ``GM0547``), compared loosely: ``"GM0547    "`` is GM0547."""

    names: tuple[str, ...]  # the first is the one asked for
    keys: frozenset[str]

    @classmethod
    def of(cls, asked: str, *also: str) -> Region:
        names = tuple(dict.fromkeys(n for n in (asked, *also) if n))
        return cls(names, frozenset(norm(n) for n in names))

    @property
    def asked(self) -> str:
        return self.names[0]

    def __str__(self) -> str:
        return self.names[0] + (f" ({', '.join(self.names[1:])})" if self.names[1:] else "")

    def matches(self, written: str) -> bool:
        return norm(written) in self.keys


def read_text(path: Path) -> tuple[str, str]:
    """A file's text and its encoding: UTF-8 (with or without a byte order mark), else
    Windows-1252, the two encodings the exports come in."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise IvbError(f"{path}: {path.stat().st_size:,} bytes is too large for an export")
        raw = path.read_bytes()
    except OSError as exc:
        raise IvbError(f"{path}: cannot read: {exc.strerror}") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise IvbError(f"{path}: the file is not valid UTF-16 text") from None
    if raw.startswith(b"PK\x03\x04") or b"\x00" in raw[:4096]:
        raise IvbError(
            f"{path}: this is not a CSV file (a spreadsheet or a zip?); download the table as CSV"
        )
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise IvbError(
            f"{path}:{line}: the file is neither UTF-8 nor Windows-1252 text; download it "
            "again as CSV"
        ) from None


def _rows(path: Path, text: str) -> list[list[str]]:
    """The file's rows, split at the separator its lines use most (``;``, ``,`` or a tab)."""
    lines = text.splitlines()
    best, most = ";", 0
    for sep in (";", "\t", ","):  # ";" first: it wins a tie
        fields = max((len(r) for r in csv.reader(lines[:40], delimiter=sep)), default=0)
        if fields > most:
            best, most = sep, fields
    reader = csv.reader(lines, delimiter=best, strict=True)
    try:
        return list(reader)  # cells as written: only those ivb reads are stripped
    except csv.Error as exc:
        raise IvbError(
            f"{path}:{reader.line_num}: this is not a CSV export that ivb can read ({exc})"
        ) from None


def parse_period(label: str, untyped: bool) -> Period | None:
    """A period as the exports write it; None when it is not one."""
    text = label.strip()
    if untyped:
        if m := _YEAR_CODE.match(text):
            return Period(text, int(m.group(1)), True, False)
        if m := _SUB_CODE.match(text):
            return Period(text, int(m.group(1)), False, False)
        return None
    if m := _YEAR_LABEL.match(text):
        return Period(text, int(m.group(1)), True, bool(m.group(2)))
    lowered = text.casefold()
    if (m := _MONTH_LABEL.match(lowered)) and m.group(2) in MONTHS:
        return Period(text, int(m.group(1)), False, "*" in text)
    if m := _QUARTER_LABEL.match(lowered):
        return Period(text, int(m.group(1)), False, "*" in text)
    # The untyped codes also turn up in typed files.
    return parse_period(text, True)


def split_category(label: str, untyped: bool) -> tuple[str | None, str | None]:
    """``"1.1.1 Diefstal/inbraak woning"`` as its code and title; an untyped file's key is a
    code (``"1.1.1 "``), a label without a code is a title (``"Totaal misdrijven"``)."""
    text = label.strip()
    if untyped:
        return (text or None), None
    m = _CATEGORY.match(text)
    if m:
        return m.group(1), (m.group(2).strip() or None)
    return None, (text or None)


def _provisional(status: str, where: str) -> bool:
    word = status.casefold()
    if "voorlopig" in word or "provisional" in word:
        return True
    if word in ("", "definitief", "final", "definite"):
        return False
    raise IvbError(f"{where}: status {status!r} is neither provisional (voorlopig) nor final")


def read_export(path: Path, region: Region) -> Export:
    """Read the export at ``path``, keeping the figures of ``region``.

    Raises ``IvbError`` with the file and line when the file is not such an export or
    the region is not in it."""
    text, encoding = read_text(path)
    rows = _rows(path, text)
    table_match = _TABLE_ID.search(path.name)
    table = table_match.group(1) if table_match else None
    first = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
    if first is None:
        raise IvbError(f"{path}: the file is empty")
    if len([c for c in rows[first] if c.strip()]) == 1:
        export = _read_pivoted(path, rows, first, region)
    else:
        export = _read_tabular(path, rows, first, region)
    export.encoding = encoding
    export.table = table
    return export


def _no_region(path: Path, region: Region, seen: Iterable[str]) -> IvbError:
    import difflib

    known = sorted(set(seen))
    kind = "codes" if known and all(_REGION_CODE.match(k) for k in known[:50]) else "names"
    where = f"{path}: region {region} is not in this export ({len(known)} regions, by {kind})"
    # "Bergen" is two municipalities, "Bergen (L.)" and "Bergen (NH.)".
    same = [k for k in known if any(norm(k).startswith(key) for key in region.keys)]
    if len(same) > 1:
        names = " or ".join(repr(k) for k in same[:4])
        return IvbError(f"{where}; it has {names}: give the region as the export names it")
    close = difflib.get_close_matches(region.asked, known, n=3, cutoff=0.6)
    close += [k for k in same if k not in close]
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return IvbError(where + hint)


def _read_tabular(path: Path, rows: list[list[str]], first: int, region: Region) -> Export:
    header = [cell.strip() for cell in rows[first]]
    names = [norm(h) for h in header]
    untyped = "id" in names or any(_KEY_SUFFIX.search(h) for h in header)
    region_col = next((i for i, n in enumerate(names) if n in REGION_DIMENSIONS), None)
    period_col = next((i for i, n in enumerate(names) if n in PERIOD_DIMENSIONS), None)
    if region_col is None or period_col is None:
        raise IvbError(
            f"{path}:{first + 1}: this is not an open-data export of the police or CBS: its "
            "header names no periods (Perioden) and regions (Regio's) "
            f"(it has: {', '.join(h for h in header if h) or 'nothing'})"
        )
    status_col = next((i for i, n in enumerate(names) if n in STATUS_COLUMNS), None)
    dims = {region_col, period_col, status_col, *(i for i, n in enumerate(names) if n == "id")}
    topic_cols, category_cols = [], []
    for i, h in enumerate(header):
        if i in dims:
            continue
        is_topic = _KEY_SUFFIX.search(h) or _UNIT.search(h) or not norm(h).startswith("soort")
        (topic_cols if is_topic else category_cols).append(i)
    if len(category_cols) > 1:
        raise IvbError(
            f"{path}:{first + 1}: the export has more than one category dimension "
            f"({', '.join(header[i] for i in category_cols)}); download it with one"
        )
    if not topic_cols:
        raise IvbError(f"{path}:{first + 1}: the export has no topic column with figures")
    category_col = category_cols[0] if category_cols else None
    export = Export(path, "untyped" if untyped else "tabular", "", None, None, region.asked)
    export.topics = [header[i] for i in topic_cols]
    seen_regions: set[str] = set()
    found = None
    width = len(header)
    wanted: dict[str, bool] = {}  # a national export names each region thousands of times
    for number, row in enumerate(rows[first + 1 :], first + 2):
        if len(row) != width:
            if len(row) <= 1 or not any(c.strip() for c in row):
                continue  # a blank line, a trailing note ("Bron: Politie")
            raise IvbError(f"{path}:{number}: the row has {len(row)} fields, the header {width}")
        written = row[region_col]
        hit = wanted.get(written)
        if hit is None:
            hit = wanted[written] = region.matches(written)
        category = row[category_col].strip() if category_col is not None else ""
        export.categories.add(category)
        if not hit:
            seen_regions.add(written)
            continue
        found = written.strip()
        period = parse_period(row[period_col], untyped)
        if period is None:
            raise IvbError(
                f"{path}:{number}: {row[period_col].strip()!r} is not a period (a year such as "
                "2015 or 2015JJ00, or a month such as 2015MM01)"
            )
        if status_col is not None and _provisional(row[status_col].strip(), f"{path}:{number}"):
            period = Period(period.label, period.year, period.yearly, True)
        code, title = split_category(category, untyped)
        for i in topic_cols:
            export.figures.append(Figure(code, title, header[i], period, row[i].strip(), number))
    if found is None:
        raise _no_region(path, region, {r.strip() for r in seen_regions})
    export.region = found
    return export


def _read_pivoted(path: Path, rows: list[list[str]], first: int, region: Region) -> Export:
    rows = [[cell.strip() for cell in row] for row in rows]  # a pivoted table is small
    title = rows[first][0] if rows[first][0] else next(c for c in rows[first] if c)
    filters: dict[str, str] = {}
    i = first + 1
    while i < len(rows) and len([c for c in rows[i] if c]) == 1 and ":" in rows[i][0]:
        name, _, value = rows[i][0].partition(":")
        filters[norm(name)] = value.strip()
        i += 1
    while i < len(rows) and not any(rows[i]):
        i += 1
    # Header rows: a dimension's name, then its value for each column; the last names the
    # row dimension (the regions) and gives each column's unit.
    headers: dict[str, list[str]] = {}
    start = i
    while i < len(rows) and rows[i] and norm(rows[i][0]) not in REGION_DIMENSIONS:
        if len(rows[i]) < 2:
            break
        values, last = [], ""
        for cell in rows[i][1:]:  # a merged header cell stands for the columns after it
            last = cell or last
            values.append(last)
        headers[norm(rows[i][0])] = values
        i += 1
    if i >= len(rows) or not rows[i] or norm(rows[i][0]) not in REGION_DIMENSIONS:
        raise IvbError(
            f"{path}:{start + 1}: this is not an open-data export of the police or CBS that "
            "ivb can read: a pivoted table needs header rows (Onderwerp, Perioden) and the "
            "regions (Regio's) as rows"
        )
    periods = next((v for k, v in headers.items() if k in PERIOD_DIMENSIONS), None)
    if periods is None:
        raise IvbError(f"{path}:{start + 1}: the header rows name no periods (Perioden)")
    topics = next((v for k, v in headers.items() if k in TOPIC_HEADS), None)
    topic_filter = next((v for k, v in filters.items() if k in TOPIC_HEADS), None)
    columns = len(periods)
    if topics is None:
        topics = [topic_filter or title] * columns
    category_head = next((k for k in headers if k.startswith("soort")), None)
    category_filter = next((v for k, v in filters.items() if k.startswith("soort")), "")
    categories = headers[category_head] if category_head else [category_filter] * columns
    parsed = []
    for label in periods:
        period = parse_period(label, False)
        if period is None:
            raise IvbError(f"{path}:{start + 1}: {label!r} is not a period (a year such as 2015)")
        parsed.append(period)
    export = Export(path, "pivoted", "", None, title, region.asked)
    export.topics = list(dict.fromkeys(topics))
    export.categories = set(categories)
    seen_regions: set[str] = set()
    found = None
    for number, row in enumerate(rows[i + 1 :], i + 2):
        if len(row) < 2:
            continue  # a blank line, or a trailing note ("Bron: Politie")
        if not region.matches(row[0]):
            seen_regions.add(row[0])
            continue
        found = row[0]
        for col, cell in enumerate(row[1 : columns + 1]):
            code, ctitle = split_category(categories[col], False)
            export.figures.append(Figure(code, ctitle, topics[col], parsed[col], cell, number))
    if found is None:
        raise _no_region(path, region, seen_regions)
    export.region = found
    return export
