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
from pathlib import Path

from ..i18n import _
from ..problems import IvbError
from ..reading import read_regular
from .layouts import read_pivoted, read_tabular
from .names import norm
from .types import PIVOT_HEADS, Export, Region, Rows

# A national export of municipalities is ~10 MB, one of every neighbourhood a few hundred;
# the text is held in memory about twice over while it is read.
MAX_BYTES = 512 * 1024 * 1024

_TABLE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{5}[A-Z]{3})(?![A-Za-z])")


def read_text(path: Path) -> tuple[str, str]:
    """A file's text and its encoding: UTF-8 (with or without a byte order mark), else
    Windows-1252, the two encodings the exports come in."""
    raw = read_regular(path, MAX_BYTES)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise IvbError(
                _("{file}: the file is not valid UTF-16 text").format(file=path)
            ) from None
    if raw.startswith(b"PK\x03\x04") or b"\x00" in raw[:4096]:
        raise IvbError(
            _(
                "{file}: this is not a CSV file (a spreadsheet or a zip?); download the table "
                "as CSV"
            ).format(file=path)
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
            _(
                "{file}:{line}: the file is neither UTF-8 nor Windows-1252 text; download it "
                "again as CSV"
            ).format(file=path, line=line)
        ) from None


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
            _("{file}:{line}: this is not a CSV export that ivb can read: {problem}").format(
                file=path, line=reader.line_num + offset, problem=_csv_problem(str(exc), best)
            )
        ) from None


def _csv_problem(error: str, sep: str) -> str:
    """The csv module's complaint in the words of someone who looks at the file."""
    named = {";": "';'", ",": "','", "\t": _("a tab")}[sep]
    if "expected after" in error:
        return _("a quoted field is followed by more text before the separator ({sep})").format(
            sep=named
        )
    if "field larger than field limit" in error:
        return _("a field is longer than any cell of an export")
    if "unexpected end of data" in error or "EOF" in error:
        return _("a quoted field is not closed before the file ends")
    if "NUL" in error or "new-line character seen in unquoted field" in error:
        return _("the file holds characters that a CSV file does not")
    return _("its quotes and separators ({sep}) do not make rows and columns").format(sep=named)


def _other_format(text: str) -> str | None:
    """What a file that is plainly no CSV is, by its first character: JSON or HTML/XML."""
    start = text[:1024].lstrip()[:1]
    if start in ("{", "["):
        return _("a JSON file")
    if start == "<":
        return _("an HTML or XML file (a web page?)")
    return None


def read_export(path: Path, region: Region) -> Export:
    """Read the export at ``path``, keeping the figures of ``region``.

    Raises ``IvbError`` with the file and line when the file is not such an export, the
    region is not in it, or the export is split by something ivb does not record."""
    text, encoding = read_text(path)
    other = _other_format(text)
    if other is not None:
        raise IvbError(
            _("{file}: this is {other}, not a CSV export; download the table as CSV").format(
                file=path, other=other
            )
        )
    rows = _rows(path, text)
    head = list(itertools.islice(rows, 20))
    filled = [row for _, row in head if any(c.strip() for c in row)]
    if not filled:
        raise IvbError(_("{file}: the file is empty").format(file=path))
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
