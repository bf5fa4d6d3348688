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
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .names import norm
from .problems import IvbError

# A national export of municipalities is ~10 MB, one of every neighbourhood a few hundred;
# the text is held in memory about twice over while it is read.
MAX_BYTES = 512 * 1024 * 1024

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
_TABLE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{5}[A-Z]{3})(?![A-Za-z])")
REGION_CODE = re.compile(r"(GM|WK|BU|PV|LD|CR|RE|NL)\d{2,8}\Z", re.I)

# Dimension names as the exports spell them, compared by ``norm``.
REGION_DIMENSIONS = {"regios", "regio", "wijkenenbuurten", "gemeente", "gemeenten", "gemeentenaam"}
PERIOD_DIMENSIONS = {"perioden", "periode", "jaar", "jaren"}
TOPIC_HEADS = {"onderwerp", "onderwerpen"}
PIVOT_HEADS = PERIOD_DIMENSIONS | TOPIC_HEADS
_TOTAL_CODE = re.compile(r"T\d{6}\Z")
STATUS_COLUMNS = {"status", "cijferstatus"}
# What a cell holds for a figure that is not there (CBS's notation): unknown or secret. A "-"
# is CBS's "nil", but ivb records no figure it has to guess at: it is reported, not recorded.
NO_FIGURE = {"": "empty", ".": "unknown", "x": "secret", "-": "nil ('-')", "..": "unknown"}


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


Rows = Iterator[tuple[int, list[str]]]  # (the line a row ends on, its cells as written)
_SEP_HINT = re.compile(r'"?sep=(.)"?[ \t]*\r?\n')  # Excel's first line: sep=;


def _rows(path: Path, text: str) -> Rows:
    """The file's rows with their line numbers, read as they are needed, split at the
    separator the file names (Excel's ``sep=;``) or that its lines use most."""
    offset = 0
    hint = _SEP_HINT.match(text)
    if hint:
        best, text, offset = hint.group(1), text[hint.end() :], 1
    else:
        sample = text[:65536].splitlines()[:40]
        best, most = ";", 0
        for sep in (";", "\t", ","):  # ";" first: it wins a tie
            try:
                fields = max((len(r) for r in csv.reader(sample, delimiter=sep)), default=0)
            except csv.Error:  # a field beyond the csv module's limit: not an export
                fields = 0
            if fields > most:
                best, most = sep, fields
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=best, strict=True)
    try:
        for row in reader:
            yield reader.line_num + offset, row
    except csv.Error as exc:
        raise IvbError(
            f"{path}:{reader.line_num + offset}: this is not a CSV export that ivb can read ({exc})"
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


def provisional_status(status: str, where: str) -> bool:
    """Whether a status column marks a figure provisional (voorlopig) or final."""
    word = status.casefold()
    if "voorlopig" in word or "provisional" in word:
        return True
    if word in ("", "definitief", "final", "definite"):
        return False
    raise IvbError(f"{where}: status {status!r} is neither provisional (voorlopig) nor final")


def read_export(path: Path, region: Region) -> Export:
    """Read the export at ``path``, keeping the figures of ``region``.

    Raises ``IvbError`` with the file and line when the file is not such an export, the
    region is not in it, or the export is split by something ivb does not record."""
    from .opendata_layouts import read_pivoted, read_tabular

    text, encoding = read_text(path)
    rows = _rows(path, text)
    head = list(itertools.islice(rows, 20))
    filled = [row for _, row in head if any(c.strip() for c in row)]
    if not filled:
        raise IvbError(f"{path}: the file is empty")
    # A table view names its column dimensions (Perioden, Onderwerp) at the start of a row
    # below the first; a tabular export names them only in its header, its first row.
    pivoted = any(row and norm(row[0]) in PIVOT_HEADS for row in filled[1:])
    if pivoted:
        export = read_pivoted(path, [*head, *rows], region)
    else:
        export = read_tabular(path, itertools.chain(head, rows), region)
    export.encoding = encoding
    table_id = _TABLE_ID.search(path.name)
    export.table = table_id.group(1) if table_id else None
    return export


def is_total(value: str) -> bool:
    """Whether a dimension's value is its total: ``Totaal``, ``Totaal mannen en vrouwen``,
    or a CBS total code such as ``T001038``."""
    text = value.strip()
    return norm(text).startswith("totaal") or bool(_TOTAL_CODE.match(text))
