"""What an open-data export holds, in the same terms whatever its shape: periods, figures,
the export of one region, and how the exports write dimensions, periods, categories and
missing figures (CBS's notation)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import N_, _
from ..problems import IvbError
from .names import norm

MONTHS = frozenset(
    ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus")
    + ("september", "oktober", "november", "december")
)
_YEAR_CODE = re.compile(r"(\d{4})JJ00\Z")
_SUB_CODE = re.compile(r"(\d{4})(MM|KW|HJ)(\d{2})\Z")
_YEAR_LABEL = re.compile(r"(\d{4})\s*(\*{0,2})\Z")
_MONTH_LABEL = re.compile(r"(\d{4})\s+([a-z]+)\s*\*{0,2}\Z")
_QUARTER_LABEL = re.compile(r"(\d{4})\s+\d\s*(?:e|ste|de)?\s+kwartaal\s*\*{0,2}\Z")
# A label that starts with its code: "1.1.1 Diefstal/inbraak woning" (the police's codes),
# "1 Vermogensmisdrijven" or "111 Diefstal en inbraak met geweld" (CBS's), "E35 Melding
# overlast jeugd" (the police's disorder codes). A code without dots or without a letter
# needs the space after it: "1e kwartaal" is no code.
_CATEGORY = re.compile(r"(\d+(?:\.\d+)+|\d+(?=\s)|[A-Z]\d{1,4}(?=\s))\s*(.*)\Z", re.S)
REGION_CODE = re.compile(r"(GM|WK|BU|PV|LD|CR|RE|NL)\d{2,8}\Z", re.I)

# Dimension names as the exports spell them, compared by ``norm``.
REGION_DIMENSIONS = {"regios", "regio", "wijkenenbuurten", "gemeente", "gemeenten", "gemeentenaam"}
PERIOD_DIMENSIONS = {"perioden", "periode", "jaar", "jaren"}
TOPIC_HEADS = {"onderwerp", "onderwerpen"}
PIVOT_HEADS = PERIOD_DIMENSIONS | TOPIC_HEADS
# The category dimension: "Soort misdrijf" (47013NED), "Overlast" (47021NED's disorder).
CATEGORY_DIMENSIONS = {"overlast", "soortoverlast"}
# CBS's survey tables (the Veiligheidsmonitor) give each figure with its margins: the
# estimate ("Waarde") and the bounds of its interval. ivb records the estimate.
MARGIN_DIMENSIONS = {"marges", "marge"}
_ESTIMATE = "waarde"
_TOTAL_CODE = re.compile(r"T\d{6}\Z")
STATUS_COLUMNS = {"status", "cijferstatus"}
# What a cell holds for a figure that is not there (CBS's notation): unknown or secret. A "-"
# is CBS's "nil", but ivb records no figure it has to guess at: it is reported, not recorded.
NO_FIGURE = {
    "": N_("empty"),
    ".": N_("unknown"),
    "x": N_("secret"),
    "-": N_("nil ('-')"),
    "..": N_("unknown"),
}


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
        # Not translated: it is written into the source of each figure an import records.
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


Rows = Iterator[tuple[int, list[str]]]  # (the line a row ends on, its cells as written)


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


def is_category_dimension(name: str) -> bool:
    """Whether a dimension's name is that of the categories: ``Soort misdrijf``,
    ``SoortMisdrijf``, ``Overlast``."""
    key = norm(name)
    return key.startswith("soort") or key in CATEGORY_DIMENSIONS


def split_category(label: str, untyped: bool) -> tuple[str | None, str | None]:
    """``"1.1.1 Diefstal/inbraak woning"`` as its code and title (so too CBS's ``"1
    Vermogensmisdrijven"``); an untyped file's key is a code (``"1.1.1 "``), a label
    without a code is a title (``"Totaal misdrijven"``, ``"Misdrijven, totaal"``)."""
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
    raise IvbError(
        _("{where}: status {status!r} is neither provisional (voorlopig) nor final").format(
            where=where, status=status
        )
    )


def is_total(value: str) -> bool:
    """Whether a dimension's value is its total: ``Totaal``, ``Totaal mannen en vrouwen``,
    or a CBS total code such as ``T001038``; for the margins of a survey's figure, the
    estimate itself (``Marges: Waarde``), not a bound of its interval."""
    text = value.strip()
    return (
        norm(text) == _ESTIMATE or norm(text).startswith("totaal") or bool(_TOTAL_CODE.match(text))
    )
